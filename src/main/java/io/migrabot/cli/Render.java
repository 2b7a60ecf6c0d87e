package io.migrabot.cli;

import io.migrabot.backup.BackupRecord;
import io.migrabot.operation.MigrationResult;
import io.migrabot.operation.Units;
import io.migrabot.runner.Progress;

import java.io.PrintWriter;
import java.util.List;

/** How the one-shot command line shows operation results: plain text, one fact per line. */
final class Render {
    private Render() {
    }

    static String heads(List<String> heads) {
        return heads.isEmpty() ? "<base>" : String.join(", ", heads);
    }

    static String backup(BackupRecord r) {
        return "backup " + r.id() + ": " + r.file() + ", " + Units.size(r.size()) + ", sha256 "
                + r.sha256().substring(0, 12) + ", " + (r.verified() ? "verified" : "NOT verified") + ", "
                + Units.duration(r.duration());
    }

    /** Progress goes to stderr so stdout holds only the result. */
    static Progress.Listener progress(PrintWriter err) {
        return p -> {
            err.println("[" + p.step() + "/" + p.total() + "] " + (p.upgrade() ? "upgrade " : "downgrade ")
                    + p.revision() + " (" + Units.duration(p.elapsed()) + ")");
            err.flush();
        };
    }

    static void migration(PrintWriter out, MigrationResult r) {
        r.backup().ifPresent(b -> out.println(backup(b)));
        if (r.nothingToDo()) {
            out.println(r.target() + ": nothing to do, already at " + heads(r.before()));
            return;
        }
        out.println(r.target() + ": " + r.operation() + " from " + heads(r.before()) + " to " + heads(r.after())
                + (r.ran().isEmpty() ? "" : ", ran " + Units.revisions(r.ran())) + " in "
                + Units.duration(r.duration()));
    }
}
