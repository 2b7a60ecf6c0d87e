package io.migrabot.operation;

import io.migrabot.MigrabotException;
import io.migrabot.config.ExecutionLimits;
import io.migrabot.database.LockWatch;
import io.migrabot.runner.AlembicFailedException;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.MigrationFailedException;
import io.migrabot.runner.Progress;
import io.migrabot.runner.RunSession;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs a migration so that a busy database cannot be stopped by it: its sessions carry the target's lock_timeout
 * (and statement_timeout), a lock watch reports who blocks them while they wait, and a run that gave up waiting for
 * a lock (SQLSTATE 55P03) is tried again from the heads then recorded, after a doubling back-off, up to the
 * target's lock_retries. The revision that gave up was rolled back whole; those before it stay recorded.
 */
final class BusyDatabase {
    private static final SecureRandom RANDOM = new SecureRandom();

    private BusyDatabase() {
    }

    /** One try of the run from the recorded {@code heads}. */
    interface Attempt {
        void run(List<String> heads, RunSession session);
    }

    static void run(Target target, List<String> heads, Progress.Listener listener, Cancellation cancellation,
                    Attempt attempt) {
        ExecutionLimits limits = target.config().execution();
        byte[] id = new byte[6];
        RANDOM.nextBytes(id);
        RunSession session = new RunSession(LockWatch.APPLICATION_PREFIX + HexFormat.of().formatHex(id), limits);
        List<String> current = heads;
        try (LockWatch ignored = LockWatch.start(target.database(), session.applicationName(), listener::blocked)) {
            for (int retry = 1; ; retry++) {
                try {
                    attempt.run(current, session);
                    return;
                } catch (MigrabotException e) {
                    if (!lockNotAvailable(e)) {
                        throw e;
                    }
                    if (retry > limits.lockRetries()) {
                        throw gaveUp(e, retry, limits);
                    }
                    Duration wait = limits.backoff(retry);
                    listener.retrying(retry, limits.lockRetries(), wait, e.getMessage().lines().findFirst()
                            .orElse(""));
                    sleep(wait, cancellation, e);
                    current = target.readHeads().orElse(List.of());
                }
            }
        }
    }

    /** A lock_timeout gave up: a native revision's SQLSTATE, or psycopg's error class in Alembic's traceback. */
    static boolean lockNotAvailable(MigrabotException e) {
        if (e instanceof MigrationFailedException failed) {
            return failed.sqlState().equals(ExecutionLimits.LOCK_NOT_AVAILABLE);
        }
        return e instanceof AlembicFailedException alembic && alembic.stderrTail().stream()
                .anyMatch(line -> line.contains("LockNotAvailable") || line.contains("due to lock timeout"));
    }

    private static MigrabotException gaveUp(MigrabotException e, int tries, ExecutionLimits limits) {
        String why = e.getMessage() + "\nGave up after " + tries + " tr" + (tries == 1 ? "y" : "ies") + ": each "
                + "waited lock_timeout (" + limits.lockTimeout().toMillis() + " ms) for a lock another session "
                + "held; the target's lock is released. Run it when that session is done, or cancel its query";
        return e instanceof MigrationFailedException failed
                ? new MigrationFailedException(failed.revision(), why, failed.sqlState(), e)
                : new MigrabotException(e.code(), why, e);
    }

    private static void sleep(Duration wait, Cancellation cancellation, MigrabotException cause) {
        long end = System.nanoTime() + wait.toNanos();
        try {
            while (System.nanoTime() < end) {
                if (cancellation.isCancelled()) {
                    throw cause;
                }
                Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw cause;
        }
    }
}
