package io.migrabot.app;

import io.migrabot.state.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes exactly one instance among those sharing the state database the one that polls Telegram. Every few seconds
 * a standby tries the leadership lock ({@link Presence#tryLead()}); every instance checks that its session still
 * reaches the database. A leader that dies loses the lock with its connection, so a standby leads within one
 * attempt of the server noticing.
 *
 * <p>An instance whose session is lost (the state database restarted or cannot be reached) stops leading at once,
 * so nothing is taken from Telegram that could not be stored, and registers again under its own id, backing off
 * from 1 s to 30 s between attempts; then it leads again unless another instance took over meanwhile. Operations
 * it runs go on meanwhile. Only when the outage lasts longer than {@code outageLimit} is it told through
 * {@code onLost}, and gives up.
 */
final class Leadership implements AutoCloseable {
    /** What leading means: polling Telegram while leading, not while following. */
    interface Role {
        /** Starts leading; a failure gives the leadership up, and it is tried again later. */
        void lead();

        /** Stops leading; never throws. */
        void follow();
    }

    private static final Logger log = LoggerFactory.getLogger(Leadership.class);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final Presence presence;
    private final Role role;
    private final Optional<Duration> outageLimit;
    private final Runnable onLost;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "migrabot-leadership");
        thread.setDaemon(true);
        return thread;
    });
    private boolean leading;
    private boolean stopped;
    private String lastFailure;
    /** While the session is lost: since when, when to try again, and how long to wait after that. */
    private volatile Long lostSince;
    private long nextAttempt;
    private Duration retry = FIRST_RETRY;

    /** @param outageLimit how long the state database may be away before this instance gives up; empty: never */
    Leadership(Presence presence, Role role, Optional<Duration> outageLimit, Runnable onLost) {
        this.presence = presence;
        this.role = role;
        this.outageLimit = outageLimit;
        this.onLost = onLost;
    }

    /**
     * Tries once now, on the caller's thread, so a first instance leads before this returns and a lead that fails
     * at once (a wrong token) fails the start; then tries every {@code every}.
     */
    void start(Duration every) {
        synchronized (this) {
            if (tryToLead()) {
                log.info("Instance {} leads: it polls Telegram", presence.id());
            } else {
                log.info("Instance {} is a standby: another instance polls Telegram", presence.id());
            }
        }
        ticks.scheduleWithFixedDelay(this::tick, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    synchronized boolean leading() {
        return leading;
    }

    /**
     * How long this instance has been without its session on the state database; empty while it has one.
     */
    Optional<Duration> outage() {
        Long since = lostSince;
        return since == null ? Optional.empty() : Optional.of(Duration.ofNanos(System.nanoTime() - since));
    }

    private synchronized void tick() {
        if (stopped) {
            return;
        }
        if (lostSince == null && !presence.alive()) {
            log.error("Instance {} lost its session on the state database: it stops polling Telegram and "
                    + "registers again once the database is back; running operations go on", presence.id());
            stopLeading();
            lostSince = System.nanoTime();
            nextAttempt = lostSince;
            retry = FIRST_RETRY;
        }
        if (lostSince != null && !reconnected()) {
            return;
        }
        if (leading) {
            return;
        }
        try {
            if (tryToLead()) {
                lastFailure = null;
                log.info("Instance {} took over the leadership: it polls Telegram", presence.id());
            }
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).equals(lastFailure)) { // a wrong token would say so every tick
                log.error("Instance {} could not lead: {}", presence.id(), e.getMessage());
                lastFailure = String.valueOf(e.getMessage());
            }
        }
    }

    /** One attempt, when it is due, to register again; gives up past the outage limit. */
    private boolean reconnected() {
        long now = System.nanoTime();
        Duration away = Duration.ofNanos(now - lostSince);
        if (outageLimit.isPresent() && away.compareTo(outageLimit.get()) > 0) {
            log.error("Instance {} has been without the state database for {} s, longer than state.outage_limit; "
                    + "it stops", presence.id(), away.toSeconds());
            stopped = true;
            ticks.shutdown();
            onLost.run();
            return false;
        }
        if (now - nextAttempt < 0) {
            return false;
        }
        try {
            if (presence.reconnect()) {
                log.info("Instance {} is back on the state database after {} s", presence.id(), away.toSeconds());
                lostSince = null;
                return true;
            }
            log.info("Instance {}: the server still holds its old session; trying again", presence.id());
        } catch (RuntimeException e) {
            log.debug("Instance {} could not register again yet: {}", presence.id(), e.getMessage());
        }
        nextAttempt = now + retry.toNanos();
        retry = retry.multipliedBy(2).compareTo(LAST_RETRY) > 0 ? LAST_RETRY : retry.multipliedBy(2);
        return false;
    }

    private boolean tryToLead() {
        if (!presence.tryLead()) {
            return false;
        }
        try {
            role.lead();
        } catch (RuntimeException e) {
            presence.resign();
            throw e;
        }
        leading = true;
        return true;
    }

    private void stopLeading() {
        if (leading) {
            leading = false;
            role.follow();
            try {
                presence.resign();
            } catch (RuntimeException e) {
                log.debug("Could not resign the leadership (the session ends with the process): {}", e.getMessage());
            }
        }
    }

    /** Stops polling if leading and gives the leadership up, so a standby takes over at its next attempt. */
    @Override
    public void close() {
        ticks.shutdownNow();
        synchronized (this) {
            stopped = true;
            stopLeading();
        }
    }
}
