package io.migrabot.runner;

import java.util.concurrent.atomic.AtomicBoolean;

/** Asks a running operation to stop; the runner checks it while it waits. */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
