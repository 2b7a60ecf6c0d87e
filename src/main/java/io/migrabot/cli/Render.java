package io.migrabot.cli;

import io.migrabot.backup.BackupRecord;
import io.migrabot.database.Blocker;
import io.migrabot.operation.MigrationResult;
import io.migrabot.Units;
import io.migrabot.runner.Progress;

import java.io.PrintWriter;
import java.time.Duration;
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

    /** Progress, and who blocks the migration while it waits for a lock, go to stderr: stdout holds the result. */
    static Progress.Listener progress(PrintWriter err) {
        return new Progress.Listener() {
            @Override
            public void on(Progress p) {
                say("[" + p.step() + "/" + p.total() + "] " + (p.upgrade() ? "upgrade " : "downgrade ")
                        + p.revision() + " (" + Units.duration(p.elapsed()) + ")");
            }

            @Override
            public void blocked(List<Blocker> blockers) {
                say(blockers.isEmpty() ? "no longer waiting for a lock" : "waiting for a lock held by "
                        + String.join("; ", blockers.stream().map(Blocker::describe).toList()));
            }

            @Override
            public void retrying(int attempt, int retries, Duration wait, String why) {
                say("retry " + attempt + " of " + retries + " in " + Units.duration(wait) + ": " + why);
            }

            private synchronized void say(String line) {
                err.println(line);
                err.flush();
            }
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
