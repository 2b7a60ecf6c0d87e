package io.migrabot.operation;

import io.migrabot.backup.BackupRecord;
import io.migrabot.backup.BackupService;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

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
        // The scripts are read from disk while the lock is taken from the server; broken scripts are still
        // reported before anything else, and nothing runs until both are done.
        CompletableFuture<Void> sound = CompletableFuture.runAsync(() -> target.requireSoundScripts(operation));
        try {
            return target.lock().withLock(operation, who, () -> {
                await(sound);
                return locked(target, backups, operation, who, requireKnownHeads, body);
            });
        } catch (RuntimeException e) {
            await(sound);
            throw e;
        }
    }

    /** Waits for {@code task}, throwing what it threw. */
    private static void await(CompletableFuture<Void> task) {
        try {
            task.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    private static <T> T locked(Target target, BackupService backups, String operation, String who,
                                boolean requireKnownHeads, Body<T> body) {
        List<String> heads = target.readHeads().orElse(List.of());
        if (requireKnownHeads) {
            target.requireKnown(heads);
        }
        BackupGate gate = recorded -> target.config().backup().requiredBefore(operation)
                ? Optional.of(backups.take(target.config(), target.database(), recorded,
                "before " + operation + " by " + who))
                : Optional.empty();
        return body.run(heads, gate);
    }
}
