package io.migrabot.runner;

import java.time.Duration;

/**
 * A step of a running operation, for transports to render: step {@code step} of {@code total}, the revision, the
 * direction, and the time since the operation started.
 */
public record Progress(int step, int total, String revision, boolean upgrade, Duration elapsed) {

    /** Receives progress; called on the thread running the operation. */
    @FunctionalInterface
    public interface Listener {
        Listener NONE = p -> { };

        void on(Progress progress);
    }
}
