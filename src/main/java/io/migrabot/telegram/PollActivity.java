package io.migrabot.telegram;

import io.migrabot.monitor.HealthCheck;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * When the poller last heard from Telegram, as a health check: healthy while the last {@code getUpdates} answered
 * within {@code staleAfter}, or while one is in flight that started within it and no poll has failed since the
 * last answer (the first poll after start; a long poll waits up to 50 s for an update). Polls that keep failing,
 * a poll stuck in flight, or a poller that stopped polling make it fail once {@code staleAfter} has passed. Times
 * are the monotonic clock's, so a wall clock that jumps does not fake or hide a stall.
 */
public final class PollActivity implements HealthCheck {
    private final LongSupplier nanos;
    private final Duration staleAfter;
    private long lastAnswer;
    private boolean answered;
    private long inFlightSince;
    private boolean inFlight;
    private boolean failing;

    PollActivity(LongSupplier nanos, Duration staleAfter) {
        this.nanos = nanos;
        this.staleAfter = staleAfter;
    }

    synchronized void started() {
        inFlight = true;
        inFlightSince = nanos.getAsLong();
    }

    synchronized void answered() {
        inFlight = false;
        answered = true;
        failing = false;
        lastAnswer = nanos.getAsLong();
    }

    synchronized void failed() {
        inFlight = false;
        failing = true;
    }

    @Override
    public synchronized Status check() {
        long now = nanos.getAsLong();
        if (answered && now - lastAnswer <= staleAfter.toNanos()) {
            return Status.healthy("last poll answered " + seconds(now - lastAnswer) + " ago");
        }
        if (inFlight && !failing && now - inFlightSince <= staleAfter.toNanos()) {
            return Status.healthy("a poll in flight for " + seconds(now - inFlightSince));
        }
        String last = answered ? "last answer " + seconds(now - lastAnswer) + " ago" : "no answer yet";
        if (failing) {
            return Status.failing("polls are failing; " + last);
        }
        return Status.failing(inFlight ? "a poll in flight for " + seconds(now - inFlightSince) + "; " + last
                : "not polling; " + last);
    }

    private static String seconds(long nanos) {
        return (nanos / 1_000_000_000L) + " s";
    }
}
