package io.migrabot.operation;

import io.migrabot.backup.BackupRecord;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What an upgrade, downgrade or stamp did: the heads before and after, the revisions it ran (none for a stamp, or
 * when there was nothing to do), the backup taken first, and how long it took.
 */
public record MigrationResult(String target, String operation, List<String> before, List<String> after,
                              List<String> ran, Optional<BackupRecord> backup, Duration duration) {

    public MigrationResult {
        before = List.copyOf(before);
        after = List.copyOf(after);
        ran = List.copyOf(ran);
    }

    /** An operation that found nothing to do: the heads stay as they were. */
    static MigrationResult unchanged(String target, String operation, List<String> heads, long startedNanos) {
        return new MigrationResult(target, operation, heads, heads, List.of(), Optional.empty(), since(startedNanos));
    }

    static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    public boolean nothingToDo() {
        return before.equals(after) && ran.isEmpty();
    }
}
