package io.migrabot.cli;

import io.migrabot.Units;
import io.migrabot.backup.BackupRecord;
import io.migrabot.operation.Backups;
import picocli.CommandLine.Command;

@Command(name = "backups", description = "List the target's backups, newest first.",
        footer = {"  migrabot backups --target shop",
                "  migrabot backups --url jdbc:postgresql://localhost:5432/shop -c alembic.ini --backup-dir backups"})
final class BackupsCommand extends OperationCommand {
    @Override
    public Integer call() {
        Terminal t = terminal();
        for (BackupRecord r : new Backups(config(), backups()).list()) {
            t.out().println(r.id() + "  " + r.created() + "  " + Render.heads(r.heads()) + "  " + Units.size(r.size())
                    + "  sha256 " + r.sha256().substring(0, 12) + "  " + r.reason());
        }
        t.out().flush();
        return 0;
    }
}
