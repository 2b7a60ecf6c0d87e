package io.migrabot.cli;

import io.migrabot.operation.Backup;
import picocli.CommandLine.Command;

@Command(name = "backup", description = "Take a verified backup of the target (pg_dump -Fc and "
        + "pg_restore --list, or a SQLite copy and integrity_check; SHA-256).",
        footer = {"  migrabot backup --target shop",
                "  migrabot backup --url jdbc:postgresql://localhost:5432/shop -c alembic.ini --backup-dir backups",
                "  migrabot backup --url jdbc:sqlite:/app/data/bot_database.db --dir migrations"})
final class BackupCommand extends OperationCommand {
    @Override
    public Integer call() {
        Terminal t = terminal();
        t.out().println(Render.backup(new Backup(target(), backups()).take(who())));
        t.out().flush();
        return 0;
    }
}
