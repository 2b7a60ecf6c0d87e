package io.migrabot.database;

import org.jdbi.v3.core.Handle;

import java.sql.SQLException;

/**
 * Session advisory locks held for as long as this session is open, on a connection of its own: for locks that
 * outlive any one operation (an instance's presence, leadership). When the process dies its connection closes and
 * the server releases every lock it held; {@link #alive()} tells a holder whether it still has them.
 */
public final class LockSession implements AutoCloseable {
    private final TargetDatabase database;
    private final Handle handle;

    private LockSession(TargetDatabase database, Handle handle) {
        this.database = database;
        this.handle = handle;
    }

    /** @param label shown as the session's {@code application_name} in {@code pg_stat_activity} */
    public static LockSession open(TargetDatabase database, String label) {
        Handle handle = database.open("opening a lock session");
        try {
            PlainQueries.execute(handle, "SELECT set_config('application_name', ?, false)", label);
        } catch (SQLException | RuntimeException e) {
            handle.close();
            throw database.translate("opening a lock session", e);
        }
        return new LockSession(database, handle);
    }

    /** Takes the lock if no other session holds it; never waits. */
    public synchronized boolean tryLock(int namespace, int key) {
        try {
            return PlainQueries.bool(handle, "SELECT pg_try_advisory_lock(?, ?)", namespace, key);
        } catch (SQLException | RuntimeException e) {
            throw database.translate("taking a session lock", e);
        }
    }

    public synchronized void unlock(int namespace, int key) {
        try {
            PlainQueries.execute(handle, "SELECT pg_advisory_unlock(?, ?)", namespace, key);
        } catch (SQLException | RuntimeException e) {
            throw database.translate("releasing a session lock", e);
        }
    }

    /** Whether the session still reaches the server within {@code timeoutSeconds}: if not, its locks may be gone. */
    public synchronized boolean alive(int timeoutSeconds) {
        try {
            return handle.getConnection().isValid(timeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Ends the session, which releases every lock it holds. */
    @Override
    public synchronized void close() {
        handle.close();
    }
}
