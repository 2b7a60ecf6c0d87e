package io.migrabot.chat;

import io.migrabot.backup.BackupRecord;
import io.migrabot.operation.MigrationResult;
import io.migrabot.Units;

import java.util.List;

/** Operation results as chat markup; every value from outside goes through {@link Html#escape}. */
final class Format {
    private Format() {
    }

    static String heads(List<String> heads) {
        return heads.isEmpty() ? "&lt;base&gt;" : Html.code(String.join(", ", heads));
    }

    /** A list of revisions, shortened to its ends when long. */
    static String revisions(List<String> ids) {
        return Html.code(Units.revisions(ids));
    }

    /** The backup confirmation: file, size, checksum prefix, verified. */
    static String backup(BackupRecord r) {
        return "💾 backup " + Html.code(r.id()) + ": " + Html.code(r.file().getFileName().toString()) + ", "
                + Units.size(r.size()) + ", sha256 " + Html.code(r.sha256().substring(0, 12)) + "…, "
                + (r.verified() ? "verified with " + r.verification() : "<b>NOT verified</b>") + ", "
                + Units.duration(r.duration());
    }

    static Outcome migration(MigrationResult r) {
        StringBuilder html = new StringBuilder();
        r.backup().ifPresent(b -> html.append(backup(b)).append('\n'));
        String summary;
        if (r.nothingToDo()) {
            html.append("✅ nothing to do: already at ").append(heads(r.before()));
            summary = "ok: nothing to do";
        } else {
            html.append("✅ ").append(r.operation()).append(" done: ").append(heads(r.before())).append(" → ")
                    .append(heads(r.after()));
            if (!r.ran().isEmpty()) {
                html.append("\nran ").append(r.ran().size()).append(" revision(s): ").append(revisions(r.ran()));
            }
            html.append("\n⏱ ").append(Units.duration(r.duration()));
            summary = "ok: " + String.join(",", r.before()) + " -> " + String.join(",", r.after()) + ", ran "
                    + r.ran().size() + (r.backup().map(b -> ", backup " + b.id()).orElse(""));
        }
        return new Outcome(true, html.toString(), summary);
    }
}
