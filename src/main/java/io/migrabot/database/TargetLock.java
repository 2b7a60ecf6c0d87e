package io.migrabot.database;

import io.migrabot.ErrorCode;
import org.jdbi.v3.core.Handle;

import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One operation at a time per target: a PostgreSQL session advisory lock in the target database, keyed by the
 * version table, held on a connection of its own for as long as the operation runs. It is never waited for: a
 * second operation is refused with who holds the lock and since when (read from the holder's
 * {@code application_name}). A crashed holder's connection closes, and the server releases the lock.
 */
public final class TargetLock implements OperationLock {
    /** "migr" in ASCII: the first half of every migrabot lock key. */
    static final int NAMESPACE = 0x6d696772;
    private static final String PREFIX = "migrabot: ";
    private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final TargetDatabase database;
    private final int key;

    public TargetLock(TargetDatabase database, VersionTable versionTable) {
        this.database = database;
        this.key = versionTable.qualifiedName().hashCode();
    }

    /**
     * Runs {@code body} holding the lock.
     *
     * @param operation what runs ("upgrade"), shown to whoever is refused
     * @param who       who runs it, shown likewise
     * @throws DatabaseException with {@link ErrorCode#BUSY} when another operation holds the lock
     */
    @Override
    public <T> T withLock(String operation, String who, Supplier<T> body) {
        String label = applicationName(operation, who);
        try (Handle handle = database.open("taking the operation lock")) {
            boolean acquired;
            try {
                PlainQueries.execute(handle, "SELECT set_config('application_name', ?, false)", label);
                acquired = PlainQueries.bool(handle, "SELECT pg_try_advisory_lock(?, ?)", NAMESPACE, key);
            } catch (SQLException | RuntimeException e) {
                throw database.translate("taking the operation lock", e);
            }
            if (!acquired) {
                throw busy(handle);
            }
            try {
                return body.get();
            } finally {
                try {
                    PlainQueries.execute(handle, "SELECT pg_advisory_unlock(?, ?)", NAMESPACE, key);
                } catch (SQLException | RuntimeException ignored) {
                    // the connection is closing anyway, which releases the lock
                }
            }
        }
    }

    private DatabaseException busy(Handle handle) {
        Optional<String> holder = handle.createQuery("SELECT a.application_name || '|' || to_char(a.backend_start "
                        + "AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS') FROM pg_locks l JOIN pg_stat_activity a "
                        + "ON a.pid = l.pid WHERE l.locktype = 'advisory' AND l.granted AND l.classid = :ns::oid "
                        + "AND l.objid = :key::oid AND l.database = (SELECT oid FROM pg_database "
                        + "WHERE datname = current_database())")
                .bind("ns", Integer.toUnsignedLong(NAMESPACE)).bind("key", Integer.toUnsignedLong(key))
                .mapTo(String.class).findFirst();
        return busy(database.connection().name(), holder.map(TargetLock::describe));
    }

    /** "busy: upgrade by alice since ... is running on target shop; ...", from the holder's own words if known. */
    static DatabaseException busy(String target, Optional<String> holder) {
        return new DatabaseException(ErrorCode.BUSY, "busy: " + holder.orElse("another operation")
                + " is running on target " + target + "; try again when it has finished", "", null);
    }

    /** When a holder started, as the busy line shows it. */
    static String since(OffsetDateTime started) {
        return SINCE.format(started);
    }

    private static String describe(String holder) {
        int bar = holder.lastIndexOf('|');
        String name = holder.substring(0, bar);
        String what = name.startsWith(PREFIX) ? name.substring(PREFIX.length()) : "an operation (" + name + ")";
        OffsetDateTime since = java.time.LocalDateTime.parse(holder.substring(bar + 1)).atOffset(ZoneOffset.UTC);
        return what + " since " + since(since);
    }

    /** PostgreSQL keeps 63 bytes of application_name; keep it printable and short. */
    static String applicationName(String operation, String who) {
        return printable(PREFIX + operation + " by " + who, 63);
    }

    /** {@code text} with anything but printable ASCII as '?', cut to {@code max} characters. */
    static String printable(String text, int max) {
        StringBuilder clean = new StringBuilder();
        for (char c : text.toCharArray()) {
            clean.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        return clean.length() > max ? clean.substring(0, max) : clean.toString();
    }
}
