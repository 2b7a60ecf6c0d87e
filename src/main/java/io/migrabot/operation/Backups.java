package io.migrabot.operation;

import io.migrabot.backup.BackupRecord;
import io.migrabot.backup.BackupService;
import io.migrabot.config.TargetConfig;

import java.util.List;

/** A target's backups, newest first. */
public final class Backups {
    private final TargetConfig target;
    private final BackupService backups;

    public Backups(TargetConfig target, BackupService backups) {
        this.target = target;
        this.backups = backups;
    }

    public List<BackupRecord> list() {
        return backups.list(target);
    }
}
