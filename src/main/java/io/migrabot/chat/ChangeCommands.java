package io.migrabot.chat;

import io.migrabot.config.Role;

import java.util.ArrayList;
import java.util.List;

/** Commands that change a target; each plans first and goes through the approval policy ({@link Changes}). */
final class ChangeCommands {
    private ChangeCommands() {
    }

    static List<ChatCommand> all() {
        return List.of(
                new ChatCommand("upgrade", "[TARGET] REV", "Upgrade to a revision (head, heads, +1, an id)",
                        ChangeKind.UPGRADE.role(), call -> single(call, ChangeKind.UPGRADE)),
                new ChatCommand("downgrade", "[TARGET] REV", "Downgrade to a revision (-1, base, an id)",
                        ChangeKind.DOWNGRADE.role(), call -> single(call, ChangeKind.DOWNGRADE)),
                new ChatCommand("stamp", "[TARGET] REV... [--purge]", "Set the version table without running "
                        + "migrations", ChangeKind.STAMP.role(), ChangeCommands::stamp),
                new ChatCommand("merge", "[TARGET] -m MSG [REV...]", "Write a revision that merges heads",
                        ChangeKind.MERGE.role(), ChangeCommands::merge),
                new ChatCommand("restore", "[TARGET] ID [--into DATABASE]", "Restore a backup (see /backups)",
                        ChangeKind.RESTORE.role(), ChangeCommands::restore));
    }

    private static void single(Call call, ChangeKind kind) {
        call.targetConfig();
        Changes.request(call, kind, List.of(call.argument()));
    }

    private static void stamp(Call call) {
        boolean purge = call.line().flag("--purge");
        call.targetConfig();
        List<String> args = new ArrayList<>(call.arguments(1, 16));
        if (purge) {
            args.add("--purge");
        }
        Changes.request(call, ChangeKind.STAMP, args);
    }

    private static void merge(Call call) {
        String message = call.line().option("-m", "--message")
                .orElseThrow(() -> new UsageException("a merge needs a message: -m \"merge heads\""));
        call.targetConfig();
        List<String> args = new ArrayList<>(call.arguments(0, 16));
        args.add("-m");
        args.add(message);
        Changes.request(call, ChangeKind.MERGE, args);
    }

    private static void restore(Call call) {
        String into = call.line().option("--into").orElse(null);
        call.targetConfig();
        List<String> args = new ArrayList<>(List.of(call.argument()));
        if (into != null) {
            if (!into.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new UsageException("a new database name is lower-case letters, digits and _ (at most 63)");
            }
            args.add("--into");
            args.add(into);
        }
        Changes.request(call, ChangeKind.RESTORE, args);
    }
}
