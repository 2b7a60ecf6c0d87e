package io.migrabot.chat;

import io.migrabot.runner.Cancellation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Where changing operations run: threads of their own, so a long upgrade never holds up the commands behind it,
 * and a record of what runs in which chat so {@code /cancel} can stop it.
 */
public final class Operations implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Operations.class);

    private final ExecutorService executor;
    private final ConcurrentMap<Long, Running> running = new ConcurrentHashMap<>();
    private volatile boolean closing;

    /** What runs in a chat, since when, and how to stop it. */
    public record Running(String description, Cancellation cancellation, Instant since) {
    }

    public Operations(int threads) {
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(threads, r -> {
            Thread thread = new Thread(r, "migrabot-operation-" + count.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        });
    }

    /** Runs {@code work} on an operation thread, cancellable from {@code chatId} while it runs. */
    public void submit(long chatId, String description, java.util.function.Consumer<Cancellation> work) {
        Cancellation cancellation = new Cancellation();
        Running entry = new Running(description, cancellation, Instant.now());
        try {
            executor.execute(() -> {
                running.put(chatId, entry);
                try {
                    work.accept(cancellation);
                } finally {
                    running.remove(chatId, entry);
                }
            });
        } catch (RejectedExecutionException e) {
            throw new io.migrabot.MigrabotException(io.migrabot.ErrorCode.BUSY, "migrabot is shutting down; "
                    + description + " was not started");
        }
    }

    /** Asks the operation running in {@code chatId} to stop; empty when none runs there. */
    public Optional<Running> cancel(long chatId) {
        Running entry = running.get(chatId);
        if (entry != null) {
            entry.cancellation().cancel();
        }
        return Optional.ofNullable(entry);
    }

    /** Whether {@link #close} has begun: an operation cancelled now was stopped by the shutdown, not by a person. */
    public boolean closing() {
        return closing;
    }

    /**
     * Starts no more operations and lets running ones finish for up to {@code grace}; then cancels them (a native
     * run stops before its next revision, an Alembic run is killed) and waits up to 5 s more, then interrupts them
     * and waits 5 s again. Returns the number still running then.
     */
    public int close(Duration grace) {
        closing = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                running.values().forEach(r -> r.cancellation().cancel());
                if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                    executor.shutdownNow(); // interrupts a wait, if the operation is in one
                    if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                        log.warn("{} operation(s) did not stop", running.size());
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            executor.shutdownNow();
        }
        return running.size();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
