package io.migrabot.telegram;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;

import java.util.concurrent.ThreadLocalRandom;

/**
 * How long the poller waits after a failed {@code getUpdates}, replacing telegrambots' own
 * {@code ExponentialBackOff} (which ignores {@code retry_after} and grows to 15 minutes). The library's
 * {@code BotSession} sleeps for {@link #nextBackOffMillis()} after each failure and calls {@link #reset()} after
 * each success; it never shows this class the answer, so {@link PollingInterceptor} hands it over through
 * {@link #refused}. Then:
 * <ul>
 *   <li>an answer with {@code parameters.retry_after} (HTTP 429): exactly that many seconds;</li>
 *   <li>anything else: 0.5 s doubling per failure in a row, &plusmn;25 %, never more than 30 s;</li>
 *   <li>HTTP 409 (another process polls the same token): the above, and one clear error in the log per bot.</li>
 * </ul>
 * Every call comes from the poller thread (the interceptor runs on the thread that makes the call).
 */
final class PollingBackOff implements BackOff {
    private static final long INITIAL_MILLIS = 500;
    static final long MAX_MILLIS = 30_000;
    private static final Logger log = LoggerFactory.getLogger(PollingBackOff.class);

    private volatile BotApiRefusal lastRefusal;
    private volatile boolean conflictReported;
    private long intervalMillis = INITIAL_MILLIS;

    /** The poll about to be sent has not been refused (yet). */
    void polling() {
        lastRefusal = null;
    }

    /** Telegram answered the current poll with an error. */
    void refused(BotApiRefusal refusal) {
        lastRefusal = refusal;
    }

    @Override
    public void reset() {
        intervalMillis = INITIAL_MILLIS;
    }

    @Override
    public long nextBackOffMillis() {
        BotApiRefusal refusal = lastRefusal;
        lastRefusal = null;
        if (refusal != null && refusal.status() == 409 && !conflictReported) {
            conflictReported = true;
            log.error("Another process is polling this bot token; stop it. Telegram refused getUpdates with HTTP 409 "
                    + "({}); migrabot keeps polling, but updates may go to the other process instead.",
                    refusal.description());
        }
        if (refusal != null && refusal.retryAfterSeconds() > 0) {
            log.warn("Telegram asked migrabot to wait {} s before polling again (HTTP {}: {})",
                    refusal.retryAfterSeconds(), refusal.status(), refusal.description());
            return refusal.retryAfterSeconds() * 1000L;
        }
        double jitter = ThreadLocalRandom.current().nextDouble(0.75, 1.25);
        long delay = Math.min(MAX_MILLIS, Math.round(intervalMillis * jitter));
        intervalMillis = Math.min(MAX_MILLIS, intervalMillis * 2);
        return delay;
    }
}
