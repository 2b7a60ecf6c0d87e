package io.migrabot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/**
 * Backups of one target.
 *
 * @param directory where {@code pg_dump} files go
 * @param before    the operations that take a verified backup first and do not start when it fails
 * @param keepLast  how many backups of the target to keep at least
 * @param maxAge    backups older than this (and beyond {@code keepLast}) are deleted
 * @param tools     the folder with pg_dump and pg_restore, or null to find them on the PATH
 */
public record BackupPolicy(Path directory, Set<String> before, int keepLast, Duration maxAge, Path tools) {
    /** The operations that can be guarded by a backup. */
    public static final Set<String> OPERATIONS = Set.of("upgrade", "downgrade", "stamp", "restore");

    public BackupPolicy {
        before = Set.copyOf(before);
    }

    public boolean requiredBefore(String operation) {
        return before.contains(operation);
    }
}
