package io.migrabot.database;

import java.util.function.Supplier;

/**
 * One operation at a time per target, across processes. A second operation is never made to wait: it is refused
 * with a {@link DatabaseException} of code {@link io.migrabot.ErrorCode#BUSY} saying "busy: ... by ... since ...".
 */
public interface OperationLock {

    /**
     * Runs {@code body} holding the lock.
     *
     * @param operation what runs ("upgrade"), shown to whoever is refused
     * @param who       who runs it, shown likewise
     */
    <T> T withLock(String operation, String who, Supplier<T> body);

    /** The lock for a target's database, of its kind. */
    static OperationLock of(TargetDatabase database, VersionTable versionTable) {
        return switch (database.kind()) {
            case POSTGRESQL -> new TargetLock(database, versionTable);
            case SQLITE -> new FileLock(database, java.time.Clock.systemUTC());
        };
    }
}
