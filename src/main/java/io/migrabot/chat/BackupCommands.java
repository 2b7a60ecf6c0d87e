package io.migrabot.chat;

import io.migrabot.backup.BackupRecord;
import io.migrabot.config.Role;
import io.migrabot.operation.Backup;
import io.migrabot.operation.Backups;
import io.migrabot.operation.SqlPreview;
import io.migrabot.operation.Target;
import io.migrabot.Units;

import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** Backups, their list, and SQL previews sent as files. */
final class BackupCommands {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final int LISTED = 15;

    private BackupCommands() {
    }

    static List<ChatCommand> all() {
        return List.of(
                new ChatCommand("sql", "[TARGET] FROM:TO [--down]", "The SQL an upgrade (or downgrade) would run, "
                        + "as a file", Role.VIEWER, BackupCommands::sql),
                new ChatCommand("backup", "[TARGET]", "Take a verified backup now", Role.OPERATOR,
                        BackupCommands::backup),
                new ChatCommand("backups", "[TARGET]", "The target's backups, newest first", Role.VIEWER,
                        BackupCommands::backups));
    }

    private static void sql(Call call) {
        boolean down = call.line().flag("--down");
        Target target = call.target();
        SqlPreview.Result preview = new SqlPreview(target).preview(call.argument(), !down);
        if (preview.revisions().isEmpty()) {
            call.replies().text("Nothing to run from " + Html.code(preview.from()) + " to " + Html.code(preview.to()));
            return;
        }
        String name = (down ? "downgrade-" : "upgrade-") + target.name() + "-" + shortId(preview.from()) + "-"
                + shortId(preview.to()) + ".sql";
        call.replies().document(name, preview.sql().getBytes(StandardCharsets.UTF_8), preview.revisions().size()
                + " revision(s), " + preview.from() + " → " + preview.to());
    }

    private static String shortId(String revision) {
        String clean = revision.replaceAll("[^A-Za-z0-9_-]", "_");
        return clean.length() > 12 ? clean.substring(0, 12) : clean;
    }

    private static void backup(Call call) {
        Target target = call.target();
        call.arguments(0, 0);
        ChatContext context = call.context();
        String heading = "<b>backup</b> of " + Html.code(target.name()) + " by "
                + Html.escape(call.caller().user().name());
        Execution.start(context, call.replies(), call.caller(), "backup", target.name(), "", heading,
                (progress, cancellation) -> {
                    BackupRecord r = new Backup(target, context.backups()).take(call.caller().who());
                    return new Outcome(true, Format.backup(r), "ok: backup " + r.id() + ", sha256 " + r.sha256());
                }, outcome -> { });
    }

    private static void backups(Call call) {
        Target target = call.target();
        call.arguments(0, 0);
        List<BackupRecord> all = new Backups(target.config(), call.context().backups()).list();
        if (all.isEmpty()) {
            call.replies().text("<b>" + Html.escape(target.name()) + "</b> has no backups yet; /backup takes one.");
            return;
        }
        StringBuilder html = new StringBuilder("<b>").append(Html.escape(target.name())).append("</b>: ")
                .append(all.size()).append(" backup(s)");
        all.stream().limit(LISTED).forEach(r -> html.append("\n• ").append(Html.code(r.id())).append(" ")
                .append(WHEN.format(r.created())).append(", ").append(Units.size(r.size())).append(", at ")
                .append(Format.heads(r.heads())).append(r.verified() ? ", verified" : ", <b>not verified</b>"));
        if (all.size() > LISTED) {
            html.append("\n… and ").append(all.size() - LISTED).append(" older");
        }
        html.append("\nRestore one with ").append(Html.code("/restore " + target.name() + " ID"));
        call.replies().text(html.toString());
    }
}
