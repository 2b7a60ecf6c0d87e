package io.migrabot.cli;

import io.migrabot.revision.Revision;
import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Postgres;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scripts compare and parse migrabot's output, so nothing but the command's own lines may reach standard output or
 * standard error: no library's notice, in any run. A foreign line that shows up in one run in twenty (as SLF4J's
 * replay warning did, when logging was set up on one thread while the command logged on another) needs many runs to
 * be seen, two at a time so that they compete for the cores as a busy machine makes them.
 */
class QuietOutputTest {
    private static final int RUNS = 200;

    @TempDir
    Path dir;

    @Test
    void twoHundredRunsPrintOnlyTheCommandsOwnOutput() throws Exception {
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("1.sql"), "-- revision: r1\n-- down_revision:\n-- migrate:up\n"
                + "CREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n");
        Files.writeString(sql.resolve("2.sql"), "-- revision: r2\n-- down_revision: r1\n-- migrate:up\n"
                + "SELECT 1;\n-- migrate:down\nSELECT 1;\n");
        AlembicProject project = AlembicProject.create(dir.resolve("alembic"));
        project.revision(0, new Revision("a1a1", List.of(), List.of(), List.of(), "first", ""),
                AlembicProject.Style.CLASSIC);
        project.revision(1, new Revision("b2b2", List.of("a1a1"), List.of(), List.of(), "second", ""),
                AlembicProject.Style.ANNOTATED);
        try (Postgres.Database db = Postgres.create("quiet")) {
            List<String> target = List.of("--dir", sql.toString(), "--url", db.url(), "--user", db.user());
            assertThat(AlembicCli.migrabot(concat(List.of("stamp", "r1"), target)).exitCode()).isZero();

            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                List<Future<Run>> runs = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    // Most runs only read the scripts (the command that showed the stray lines); every fifth also
                    // connects, bringing in the JDBC driver, Jdbi and the version table's reader.
                    List<String> args = i % 5 == 4 ? concat(List.of("current"), target)
                            : List.of("heads", "-c", project.ini().toString());
                    int index = i;
                    runs.add(pool.submit(() -> run(args, index)));
                }
                for (Future<Run> future : runs) {
                    Run run = future.get(5, TimeUnit.MINUTES);
                    assertThat(run.stderr()).as("standard error of %s", run.args()).isEmpty();
                    assertThat(run.stdout()).as("standard output of %s", run.args())
                            .isEqualTo(run.args().get(0).equals("heads") ? "b2b2 (head)\n" : "r1\n");
                    assertThat(run.exitCode()).isZero();
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private record Run(List<String> args, int exitCode, String stdout, String stderr) {
    }

    private Run run(List<String> args, int index) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), "io.migrabot.Main"));
        command.addAll(args);
        Path out = dir.resolve(index + ".out");
        Path err = dir.resolve(index + ".err");
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS"); // the JVM would announce it on standard error
        builder.environment().remove("MIGRABOT_LOG_LEVEL");
        Process process = builder.start();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("migrabot " + args + " did not end within 2 minutes");
        }
        return new Run(args, process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
