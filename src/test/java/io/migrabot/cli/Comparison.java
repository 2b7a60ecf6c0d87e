package io.migrabot.cli;

/**
 * Compares Alembic's output with migrabot's, character for character. Alembic reports failures as "FAILED: msg"
 * on stdout with status 255; migrabot as "migrabot: msg" on stderr with status 2: the messages must be the same.
 */
final class Comparison {
    private Comparison() {
    }

    /** Null when equivalent, else a description of the difference. */
    static String differ(AlembicCli.Output alembic, AlembicCli.Output migrabot) {
        if (alembic.exitCode() == 0) {
            if (migrabot.exitCode() != 0) {
                return "  alembic succeeded, migrabot exited " + migrabot.exitCode() + ": " + migrabot.stderr();
            }
            return alembic.stdout().equals(migrabot.stdout()) ? null
                    : firstDifference(alembic.stdout(), migrabot.stdout());
        }
        String failed = alembic.stdout().strip();
        if (!failed.startsWith("FAILED: ")) {
            // Alembic crashed (a traceback, not a message): any clean refusal from migrabot is right.
            return migrabot.exitCode() != 0 && migrabot.stderr().startsWith("migrabot: ") ? null
                    : "  alembic crashed (" + failed + "), migrabot: " + migrabot.exitCode() + " " + migrabot.stdout();
        }
        String expected = "migrabot: " + failed.substring("FAILED: ".length());
        if (migrabot.exitCode() != 2 || !migrabot.stderr().strip().equals(expected)) {
            return "  alembic: " + failed + "\n  migrabot (" + migrabot.exitCode() + "): " + migrabot.stderr().strip();
        }
        return null;
    }

    private static String firstDifference(String alembic, String migrabot) {
        String[] a = alembic.split("\n", -1);
        String[] m = migrabot.split("\n", -1);
        for (int i = 0; i < Math.max(a.length, m.length); i++) {
            String x = i < a.length ? a[i] : "<end>";
            String y = i < m.length ? m[i] : "<end>";
            if (!x.equals(y)) {
                return "  line " + (i + 1) + ":\n    alembic:  " + x + "\n    migrabot: " + y;
            }
        }
        return "  (no line differs)";
    }
}
