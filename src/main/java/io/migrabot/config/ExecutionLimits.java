package io.migrabot.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How a migration behaves on a busy database: how long a statement may wait for a lock ({@code lock_timeout}) or
 * run at all ({@code statement_timeout}), zero meaning no limit; and how often a revision that gave up waiting for a
 * lock (SQLSTATE 55P03) is tried again, whole, with a back-off that doubles from {@code retryBackoff}.
 */
public record ExecutionLimits(Duration lockTimeout, Duration statementTimeout, int lockRetries,
                              Duration retryBackoff) {
    /** The SQLSTATE of lock_not_available: a lock_timeout (or NOWAIT) gave up. */
    public static final String LOCK_NOT_AVAILABLE = "55P03";

    /**
     * Production gives up on a lock after 5 s (so a migration queued behind a long transaction does not stop every
     * query queued behind it) and tries 3 more times; staging after 30 s; development waits as PostgreSQL does.
     */
    public static ExecutionLimits defaultFor(Environment environment) {
        return switch (environment) {
            case PRODUCTION -> new ExecutionLimits(Duration.ofSeconds(5), Duration.ZERO, 3, Duration.ofSeconds(2));
            case STAGING -> new ExecutionLimits(Duration.ofSeconds(30), Duration.ZERO, 3, Duration.ofSeconds(2));
            case DEVELOPMENT -> new ExecutionLimits(Duration.ZERO, Duration.ZERO, 0, Duration.ofSeconds(2));
        };
    }

    /** The session settings, as {@code name=value} in milliseconds; only the limits that are set. */
    public List<String> settings() {
        List<String> settings = new ArrayList<>();
        if (!lockTimeout.isZero()) {
            settings.add("lock_timeout=" + lockTimeout.toMillis());
        }
        if (!statementTimeout.isZero()) {
            settings.add("statement_timeout=" + statementTimeout.toMillis());
        }
        return settings;
    }

    /** The same settings for libpq's {@code PGOPTIONS} (which psycopg honours): {@code -c name=value ...}. */
    public String pgOptions() {
        return String.join(" ", settings().stream().map(s -> "-c " + s).toList());
    }

    /** The back-off before try {@code attempt} (1 for the first retry): doubling, at most a minute. */
    public Duration backoff(int attempt) {
        Duration wait = retryBackoff.multipliedBy(1L << Math.min(attempt - 1, 5));
        return wait.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : wait;
    }
}
