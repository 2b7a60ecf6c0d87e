package io.migrabot.state;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.BooleanSupplier;

/**
 * A record the bot must not lose to a short outage of the state database (an update's end in the inbox, an
 * operation's end in the journal and the audit log): written again, backing off from 200 ms to 5 s, for as long
 * as the database cannot be reached, until it is written or the caller gives up (it is stopping). Any other failure
 * is not retried.
 */
public final class StateRetry {
    private static final Logger log = LoggerFactory.getLogger(StateRetry.class);
    private static final long FIRST_WAIT_MS = 200;
    private static final long LAST_WAIT_MS = 5_000;

    private StateRetry() {
    }

    /**
     * Runs {@code write} until it succeeds.
     *
     * @param what    what is written, for the log
     * @param giveUp  true once the caller stops waiting (checked between attempts)
     * @throws MigrabotException the last failure, when it is not an unreachable database or the caller gave up
     */
    public static void write(String what, Runnable write, BooleanSupplier giveUp) {
        long wait = FIRST_WAIT_MS;
        long started = System.nanoTime();
        for (int attempt = 1; ; attempt++) {
            try {
                write.run();
                if (attempt > 1) {
                    log.info("Wrote {} once the state database was back, after {} s", what,
                            (System.nanoTime() - started) / 1_000_000_000L);
                }
                return;
            } catch (MigrabotException e) {
                if (e.code() != ErrorCode.DATABASE_UNREACHABLE || giveUp.getAsBoolean()) {
                    throw e;
                }
                if (attempt == 1) {
                    log.warn("Could not write {}: {}; writing it once the state database is back", what,
                            e.getMessage());
                }
            }
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new MigrabotException(ErrorCode.DATABASE_UNREACHABLE, "interrupted while waiting for the "
                        + "state database to write " + what);
            }
            wait = Math.min(LAST_WAIT_MS, wait * 2);
        }
    }
}
