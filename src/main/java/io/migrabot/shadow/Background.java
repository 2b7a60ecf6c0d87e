package io.migrabot.shadow;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Server work a plan leaves for after its answer (dropping the shadow it used, copying a spare for the next plan),
 * done one task at a time on one daemon thread, made at the first task. Closing waits for what is queued; after that a
 * task runs on the caller's thread, so nothing asked for is skipped.
 */
final class Background implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Background.class);

    private final Duration patience;
    private ExecutorService executor;
    private boolean closed;

    /** @param patience how long {@link #close()} waits for the queue before saying what it leaves */
    Background(Duration patience) {
        this.patience = patience;
    }

    /** Runs {@code task} after the ones queued before it. {@code what} names it in the log if it fails. */
    void run(String what, Runnable task) {
        Runnable logged = () -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed: {}", what, e.getMessage());
            }
        };
        synchronized (this) {
            if (!closed) {
                if (executor == null) {
                    executor = Executors.newSingleThreadExecutor(r -> {
                        Thread thread = new Thread(r, "migrabot-shadows");
                        thread.setDaemon(true);
                        return thread;
                    });
                }
                try {
                    executor.execute(logged);
                    return;
                } catch (RejectedExecutionException e) {
                    // closed meanwhile: run it here
                }
            }
        }
        logged.run();
    }

    /** Waits for the queued tasks, up to the patience given; says so in the log if some are left. */
    @Override
    public void close() {
        ExecutorService queue;
        synchronized (this) {
            closed = true;
            queue = executor;
        }
        if (queue == null) {
            return;
        }
        queue.shutdown();
        try {
            if (!queue.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("shadow databases: work on the server still running after {} s is left to it (a shadow "
                        + "not dropped is named migrabot_shadow_...; drop it by hand)", patience.toSeconds());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
