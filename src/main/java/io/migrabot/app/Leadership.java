package io.migrabot.app;

import io.migrabot.state.Presence;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Makes exactly one instance among those sharing the state database the one that polls Telegram. Every few seconds
 * a standby tries the leadership lock ({@link Presence#tryLead()}); the leader checks that its session still
 * reaches the database. A leader that dies loses the lock with its connection, so a standby leads within one
 * attempt of the server noticing. An instance whose session is lost stops leading at once and is told through
 * {@code onLost}: other instances may already count it dead and have taken over its work.
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

    private final Presence presence;
    private final Role role;
    private final Runnable onLost;
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "migrabot-leadership");
        thread.setDaemon(true);
        return thread;
    });
    private boolean leading;
    private boolean stopped;
    private String lastFailure;

    Leadership(Presence presence, Role role, Runnable onLost) {
        this.presence = presence;
        this.role = role;
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

    private synchronized void tick() {
        if (stopped) {
            return;
        }
        if (!presence.alive()) {
            log.error("Instance {} lost its session on the state database; other instances may count it dead",
                    presence.id());
            stopLeading();
            stopped = true;
            ticks.shutdown();
            onLost.run();
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
