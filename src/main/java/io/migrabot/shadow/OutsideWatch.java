package io.migrabot.shadow;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs a statement that cannot run in a transaction block (CREATE INDEX CONCURRENTLY, DROP INDEX CONCURRENTLY,
 * REINDEX CONCURRENTLY, VACUUM...) so that its locks are seen all the same. Its own session cannot read pg_locks
 * while it runs, so a second session, the watch, first opens a transaction with a snapshot and a share lock on every
 * user table; such statements wait for it (a concurrent build waits for every older snapshot, a concurrent drop for
 * every other lock on its table, and a stronger lock waits for the share lock). While the statement waits for the
 * watch, the watch reads the statement's locks, those granted and the one it asks for, then ends its transaction so
 * that the statement goes on. A statement that never waits is not seen, and the caller is told so.
 */
final class OutsideWatch {
    /** A share lock on every user table (in one statement, whose first query takes the snapshot). */
    private static final String LOCK_ALL = "DO $$ BEGIN EXECUTE COALESCE((SELECT 'LOCK TABLE ' || "
            + "string_agg(c.oid::regclass::text, ', ') || ' IN ACCESS SHARE MODE' FROM pg_class c JOIN pg_namespace n "
            + "ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p') AND n.nspname !~ '^pg_' AND n.nspname <> "
            + "'information_schema'), 'SELECT 1'); END $$";
    private static final String WAITS_FOR_ME = "SELECT pg_backend_pid() = ANY (pg_blocking_pids(?))";
    /** How long an interrupted watch waits for its cancelled statement to end. */
    private static final long CANCEL_WAIT_MS = 5_000;

    /** Reads the statement's locks from the watch's connection, given the statement's backend. */
    @FunctionalInterface
    interface Reader {
        void read(Connection watch, int pid) throws SQLException;
    }

    /** @param seen whether its locks were read; @param failure its own error, if it failed */
    record Outcome(boolean seen, SQLException failure) {
    }

    private OutsideWatch() {
    }

    /** Runs {@code sql} on {@code session} (in autocommit mode), watched from {@code watch}. */
    static Outcome run(Connection session, Connection watch, String sql, Reader locks) throws SQLException {
        int pid;
        try (Statement s = session.createStatement(); ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            pid = rs.getInt(1);
        }
        watch.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        watch.setAutoCommit(false);
        try (Statement s = watch.createStatement()) {
            s.execute(LOCK_ALL);
        } catch (SQLException e) {
            // more tables than the server's lock table holds (max_locks_per_transaction): a snapshot alone, which
            // the concurrent builds still wait for
            watch.rollback();
            try (Statement s = watch.createStatement()) {
                s.execute("SELECT 1");
            }
        }
        AtomicReference<Statement> running = new AtomicReference<>();
        FutureTask<Void> statement = new FutureTask<>(() -> {
            try (Statement s = session.createStatement()) {
                running.set(s);
                s.execute(sql);
            }
            return null;
        });
        Thread thread = new Thread(statement, "migrabot-shadow-outside");
        thread.setDaemon(true);
        thread.start();
        boolean seen = false;
        try (PreparedStatement waits = watch.prepareStatement(WAITS_FOR_ME)) {
            waits.setInt(1, pid);
            while (!statement.isDone() && !seen) {
                try (ResultSet rs = waits.executeQuery()) {
                    rs.next();
                    if (rs.getBoolean(1)) {
                        locks.read(watch, pid);
                        seen = true;
                    }
                }
                if (!seen) {
                    pause(statement, running);
                }
            }
        } finally {
            watch.rollback(); // it goes on
            watch.setAutoCommit(true);
        }
        try {
            statement.get();
            return new Outcome(seen, null);
        } catch (InterruptedException e) {
            throw interrupted(statement, running.get(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException failure) {
                return new Outcome(seen, failure);
            }
            throw new SQLException("the statement failed in the shadow database: " + e.getCause(), e.getCause());
        }
    }

    /** Waits a moment, or until the statement ends. */
    private static void pause(FutureTask<Void> statement, AtomicReference<Statement> running) throws SQLException {
        try {
            statement.get(2, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            // still running, or ended (with its error, read later)
        } catch (InterruptedException e) {
            throw interrupted(statement, running.get(), e);
        }
    }

    /**
     * The planning thread was interrupted (a shutdown): the statement is cancelled on the server rather than left to
     * run on in the shadow, and given a moment to end.
     */
    private static SQLException interrupted(FutureTask<Void> statement, Statement running, InterruptedException e) {
        SQLException failure = new SQLException("interrupted while a statement ran in the shadow database; it was "
                + "cancelled", e);
        if (running != null) {
            try {
                running.cancel();
            } catch (SQLException cancel) {
                failure.addSuppressed(cancel);
            }
        }
        try {
            statement.get(CANCEL_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException again) {
            // interrupted once more: stop waiting
        } catch (ExecutionException | TimeoutException ended) {
            // cancelled (its error), or not yet: the shadow's drop ends it in any case
        }
        Thread.currentThread().interrupt(); // kept for the caller, once the wait is over
        return failure;
    }
}
