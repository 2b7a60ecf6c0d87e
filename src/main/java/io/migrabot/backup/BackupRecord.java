package io.migrabot.backup;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One verified backup: the dump file and what is known about it. Stored as JSON beside the file.
 *
 * @param id       what people type to restore it ({@code <target>-<yyyyMMdd-HHmmss>})
 * @param heads    the revisions the target was stamped with when it was taken
 * @param reason   why it was taken ("before upgrade by alice", "on request")
 */
public record BackupRecord(String id, String target, Instant created, List<String> heads, Path file, long size,
                           String sha256, Duration duration, boolean verified, String reason) {
    public BackupRecord {
        heads = List.copyOf(heads);
    }

    /** What checked the file, for people: {@code pg_restore --list}, or {@code PRAGMA integrity_check}. */
    public String verification() {
        return BackupStore.verification(file);
    }
}
