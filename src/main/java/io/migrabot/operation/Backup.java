package io.migrabot.operation;

import io.migrabot.backup.BackupRecord;
import io.migrabot.backup.BackupService;

import java.util.List;

/** Takes a verified backup of a target on request, holding the target's lock so no migration runs meanwhile. */
public final class Backup {
    private final Target target;
    private final BackupService backups;

    public Backup(Target target, BackupService backups) {
        this.target = target;
        this.backups = backups;
    }

    public BackupRecord take(String who) {
        return target.lock().withLock("backup", who, () -> backups.take(target.config(), target.database(),
                target.readHeads().orElse(List.of()), "on request by " + who));
    }
}
