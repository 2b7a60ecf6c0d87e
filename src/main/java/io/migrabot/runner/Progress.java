package io.migrabot.runner;

import io.migrabot.database.Blocker;

import java.time.Duration;
import java.util.List;

/**
 * A step of a running operation, for transports to render: step {@code step} of {@code total}, the revision, the
 * direction, and the time since the operation started.
 */
public record Progress(int step, int total, String revision, boolean upgrade, Duration elapsed) {

    /** Receives progress; called on the thread running the operation, or (blockers) on its lock watch's. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = p -> { };

        void on(Progress progress);

        /** The sessions whose locks the migration now waits for; empty once it waits for none. */
        default void blocked(List<Blocker> blockers) {
        }

        /**
         * A revision gave up waiting for a lock ({@code why}) and runs again after {@code wait}: try
         * {@code attempt} of {@code retries} retries.
         */
        default void retrying(int attempt, int retries, Duration wait, String why) {
        }
    }
}
