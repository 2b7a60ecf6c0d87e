package io.migrabot.cli;

import io.migrabot.operation.Backup;
import picocli.CommandLine.Command;

@Command(name = "backup", description = "Take a verified backup of the target (pg_dump -Fc, SHA-256, pg_restore --list).")
final class BackupCommand extends OperationCommand {
    @Override
    public Integer call() {
        Terminal t = terminal();
        t.out().println(Render.backup(new Backup(target(), backups()).take(who())));
        t.out().flush();
        return 0;
    }
}
