package io.migrabot.monitor;

/**
 * One named part of the bot's health, asked on every {@code GET /healthz}. A check should answer within a few
 * seconds; one that throws or takes longer is failing.
 */
@FunctionalInterface
public interface HealthCheck {
    Status check();

    /** @param detail a short line for the answer's body: what was seen, never a secret or an exception's text */
    record Status(boolean healthy, String detail) {
        public static Status healthy(String detail) {
            return new Status(true, detail);
        }

        public static Status failing(String detail) {
            return new Status(false, detail);
        }
    }
}
