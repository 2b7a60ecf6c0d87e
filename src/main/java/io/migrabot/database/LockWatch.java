package io.migrabot.database;

import io.migrabot.config.TargetKind;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Watches a running migration's sessions (known by their {@code application_name}) from a connection of its own,
 * and reports who blocks them whenever that changes: an empty list when nothing does any more. It also cancels a
 * blocker's query on an admin's request ({@link #cancel}), only while it really blocks a migration: a forged
 * request can stop nothing else. Never {@code pg_terminate_backend}: the blocker's session and transaction survive.
 */
public final class LockWatch implements AutoCloseable {
    /** What every migration session's application_name starts with; the rest identifies the run. */
    public static final String APPLICATION_PREFIX = "migrabot run ";
    private static final Logger log = LoggerFactory.getLogger(LockWatch.class);
    private static final Duration EVERY = Duration.ofMillis(500);
    private static final String BLOCKERS = """
            SELECT DISTINCT b.pid, b.usename, b.application_name, b.state,
                   coalesce(extract(epoch FROM now() - b.xact_start), 0)::bigint AS age, left(b.query, %d) AS query
            FROM pg_stat_activity w
            CROSS JOIN LATERAL unnest(pg_blocking_pids(w.pid)) AS blocking(pid)
            JOIN pg_stat_activity b ON b.pid = blocking.pid
            WHERE w.application_name = :app AND w.datname = current_database()
            ORDER BY b.pid""".formatted(Blocker.QUERY_SHOWN);

    private final Thread thread;
    private volatile boolean closed;

    private LockWatch(TargetDatabase database, String application, Consumer<List<Blocker>> onChange) {
        this.thread = new Thread(() -> watch(database, application, onChange), "lock-watch " + application);
        thread.setDaemon(true);
    }

    /**
     * Starts watching the sessions named {@code application}; {@code onChange} runs on the watch's thread. A SQLite
     * file has no sessions to watch (a writer waits its busy_timeout, then fails with a message that says so), and
     * its watch starts nothing.
     */
    public static LockWatch start(TargetDatabase database, String application, Consumer<List<Blocker>> onChange) {
        LockWatch watch = new LockWatch(database, application, onChange);
        if (database.kind() == TargetKind.POSTGRESQL) {
            watch.thread.start();
        }
        return watch;
    }

    private void watch(TargetDatabase database, String application, Consumer<List<Blocker>> onChange) {
        try {
            database.withSession("watching for locks", handle -> {
                List<Blocker> last = List.of();
                while (!closed) {
                    List<Blocker> now = blockers(handle, application);
                    if (closed) {
                        break; // the run has ended: a late report would overwrite its result
                    }
                    if (!sameSessions(now, last)) {
                        onChange.accept(now);
                    }
                    last = now;
                    Thread.sleep(EVERY.toMillis());
                }
                return null;
            });
        } catch (RuntimeException e) {
            if (!closed) {
                log.warn("Stopped watching {} for locks: {}", application, e.getMessage());
            }
        }
    }

    /** The same blockers in the same states: a blocker's growing transaction age alone is no news. */
    private static boolean sameSessions(List<Blocker> a, List<Blocker> b) {
        return a.size() == b.size() && java.util.stream.IntStream.range(0, a.size()).allMatch(i ->
                a.get(i).pid() == b.get(i).pid() && Objects.equals(a.get(i).state(), b.get(i).state())
                        && Objects.equals(a.get(i).query(), b.get(i).query()));
    }

    static List<Blocker> blockers(Handle handle, String application) {
        return handle.createQuery(BLOCKERS).bind("app", application).map((rs, ctx) -> new Blocker(rs.getInt("pid"),
                rs.getString("usename"), rs.getString("application_name"), rs.getString("state"),
                Duration.ofSeconds(rs.getLong("age")), rs.getString("query"))).list();
    }

    /**
     * Cancels {@code pid}'s current query ({@code pg_cancel_backend}) if it now blocks a migration on this
     * database; true when a cancel was sent.
     */
    public static boolean cancel(TargetDatabase database, int pid) {
        return database.withHandle("cancelling a blocking query", handle -> handle.createQuery("""
                SELECT pg_cancel_backend(:pid) FROM pg_stat_activity w
                WHERE w.application_name LIKE :prefix AND w.datname = current_database()
                  AND :pid = ANY (pg_blocking_pids(w.pid))
                LIMIT 1""").bind("pid", pid).bind("prefix", APPLICATION_PREFIX + "%").mapTo(Boolean.class)
                .findOne().orElse(false));
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(5).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
