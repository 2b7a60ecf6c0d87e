package io.migrabot.operation;

import io.migrabot.backup.BackupRecord;
import io.migrabot.backup.BackupService;

import java.util.List;
import java.util.Optional;

/**
 * The safety steps every changing operation shares: refuse broken scripts, hold the target's lock, read and check
 * the recorded heads, and take a verified backup first when the target's policy asks for one (if it fails, the
 * operation does not start).
 */
final class Guarded {
    private Guarded() {
    }

    /** The body of a guarded operation, given the heads recorded when the lock was taken. */
    interface Body<T> {
        T run(List<String> heads, BackupGate backup);
    }

    /** Takes the policy's backup when the body decides there is something to do. */
    interface BackupGate {
        Optional<BackupRecord> takeIfRequired(List<String> heads);
    }

    static <T> T run(Target target, BackupService backups, String operation, String who, boolean requireKnownHeads,
                     Body<T> body) {
        target.requireSoundScripts(operation);
        return target.lock().withLock(operation, who, () -> {
            List<String> heads = target.readHeads().orElse(List.of());
            if (requireKnownHeads) {
                target.requireKnown(heads);
            }
            BackupGate gate = recorded -> target.config().backup().requiredBefore(operation)
                    ? Optional.of(backups.take(target.config(), target.database(), recorded,
                    "before " + operation + " by " + who))
                    : Optional.empty();
            return body.run(heads, gate);
        });
    }
}
