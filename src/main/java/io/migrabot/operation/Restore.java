package io.migrabot.operation;

import io.migrabot.backup.BackupRecord;
import io.migrabot.backup.BackupService;

import java.util.List;
import java.util.Optional;

/**
 * Restores a backup into the target (after taking a backup of what is there now, when the policy says so) or
 * into a new database beside it.
 */
public final class Restore {
    private final Target target;
    private final BackupService backups;

    public Restore(Target target, BackupService backups) {
        this.target = target;
        this.backups = backups;
    }

    /** The restore and the safety backup taken before it, if any. */
    public record Result(BackupService.Restored restored, Optional<BackupRecord> safety) {
    }

    /** What {@link #run} would restore: the backup, by its checksum, into the target or a new database. */
    public Plan plan(String backupId, String intoDatabase) {
        BackupRecord record = backups.find(target.config(), backupId);
        List<String> arguments = intoDatabase == null ? List.of(backupId) : List.of(backupId, "--into", intoDatabase);
        return Plan.of(target, "restore", arguments, target.readHeads().orElse(List.of()), List.of(),
                List.of("restore " + record.file().getFileName() + " (sha256 " + record.sha256() + ", taken "
                        + record.created() + " at " + String.join(",", record.heads()) + ") into "
                        + (intoDatabase == null ? "target " + target.name() + ", replacing its data"
                        : "new database " + intoDatabase)));
    }

    /** @param intoDatabase null to restore into the target itself */
    public Result run(String backupId, String intoDatabase, String who) {
        return target.lock().withLock("restore", who, () -> {
            Optional<BackupRecord> safety = Optional.empty();
            if (intoDatabase == null && target.config().backup().requiredBefore("restore")) {
                safety = Optional.of(backups.take(target.config(), target.database(),
                        target.readHeads().orElse(List.of()), "before restore of " + backupId + " by " + who));
            }
            return new Result(backups.restore(target.config(), target.database(), backupId, intoDatabase), safety);
        });
    }
}
