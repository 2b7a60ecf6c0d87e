package io.migrabot.impact;

import java.util.Arrays;
import java.util.Optional;

/**
 * PostgreSQL's table lock modes, weakest first, as {@code pg_locks.mode} names them, with what each makes other
 * sessions wait for, in words.
 */
public enum LockMode {
    ACCESS_SHARE("AccessShareLock", "only ACCESS EXCLUSIVE waits"),
    ROW_SHARE("RowShareLock", "only EXCLUSIVE and ACCESS EXCLUSIVE wait"),
    ROW_EXCLUSIVE("RowExclusiveLock", "reads and writes go on; only table-wide locks wait"),
    SHARE_UPDATE_EXCLUSIVE("ShareUpdateExclusiveLock", "reads and writes go on; schema changes and VACUUM wait"),
    SHARE("ShareLock", "writes wait until it ends; reads go on"),
    SHARE_ROW_EXCLUSIVE("ShareRowExclusiveLock", "writes wait until it ends; reads go on"),
    EXCLUSIVE("ExclusiveLock", "writes and locking reads wait until it ends; plain reads go on"),
    ACCESS_EXCLUSIVE("AccessExclusiveLock", "reads and writes wait until it ends");

    private final String postgresName;
    private final String blocks;

    LockMode(String postgresName, String blocks) {
        this.postgresName = postgresName;
        this.blocks = blocks;
    }

    public String postgresName() {
        return postgresName;
    }

    /** What other sessions cannot do while it is held. */
    public String blocks() {
        return blocks;
    }

    /** Whether it stops the application's writes (SHARE and stronger). */
    public boolean blocksWrites() {
        return compareTo(SHARE) >= 0;
    }

    public static Optional<LockMode> of(String postgresName) {
        return Arrays.stream(values()).filter(m -> m.postgresName.equals(postgresName)).findFirst();
    }
}
