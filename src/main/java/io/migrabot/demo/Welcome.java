package io.migrabot.demo;

import java.nio.file.Path;
import java.util.Optional;

/** The demo's first screen: what was made, what to type in which order, and how to leave. */
final class Welcome {
    private Welcome() {
    }

    /**
     * One line: whether production's upgrades take a backup, and with which pg_dump; or how to have them.
     *
     * @param where where pg_dump was looked for
     */
    static String backups(Optional<DumpTools.Found> tools, int serverMajor, String where) {
        return tools.map(t -> "Backups: shop takes a verified pg_dump before each upgrade (pg_dump " + t.major()
                + " in " + t.folder() + ").").orElse("Backups: none, as no pg_dump " + serverMajor + " or newer "
                + "was found (in " + where + "); install postgresql-client " + serverMajor + " or newer, or set "
                + DumpTools.VARIABLE + " to the folder of its pg_dump and pg_restore.");
    }

    /**
     * @param files     where pictures and SQL files the bot sends are saved
     * @param filesKept whether that folder is the person's own (kept) or the demo's (removed with it)
     */
    static String text(Workspace workspace, EmbeddedServer server, Path files, boolean filesKept, String backups) {
        StringBuilder text = new StringBuilder()
                .append("migrabot demo: an embedded PostgreSQL on 127.0.0.1:").append(server.port())
                .append(" (user ").append(server.user()).append("), its files in ").append(workspace.root())
                .append(" (the log: ").append(workspace.log().getFileName()).append(")")
                .append("\n\nThree targets, each in a situation from the runbooks:\n");
        for (DemoTarget target : DemoTarget.values()) {
            text.append("  %-8s %-11s %s%n".formatted(target.key(), target.environment().key(),
                    target.situation()));
        }
        text.append(backups).append('\n');
        text.append("\nYou are alice, an admin; bob is a second admin. Type, in order:\n")
                .append("  /doctor shop          what is wrong, with the evidence; fixes are numbered buttons\n")
                .append("  /doctor billing       the stale stamp, and the revision the schema really is\n")
                .append("  /heads shop           the two heads, as `alembic heads` prints them\n")
                .append("  /graph shop           the revision graph as a PNG, saved in ").append(files)
                .append(filesKept ? "" : " (removed on exit; keep pictures with migrabot demo --files DIR)")
                .append('\n')
                .append("  /upgrade shop heads   production: it waits for another admin's approval\n")
                .append("  \\as bob               act as bob ...\n")
                .append("  1                     ... and press [1] ✅ Approve: the upgrade runs\n")
                .append("  \\as alice             back to alice; /doctor shop shows what is left\n")
                .append("  /doctor bot           runbook 004's SQLite file: which revision its tables are; 1 asks\n")
                .append("                        to stamp it, \\as bob and 1 approve; then /upgrade bot head\n")
                .append("/help lists every command; a number presses the button with that number.\n\n")
                .append("Leave with \\quit, Ctrl-D or Ctrl-C: the server and ").append(workspace.root())
                .append(" are removed.");
        return text.toString();
    }
}
