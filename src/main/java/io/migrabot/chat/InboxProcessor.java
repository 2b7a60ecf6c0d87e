package io.migrabot.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.migrabot.state.Inbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Puts every update into the inbox before anything is done with it, and processes the inbox with a few workers,
 * each delivery once; the handler sees the delivery number as the update's id (Telegram's own ids repeat).
 * {@link #handle} returns only once the update is stored, so a transport that acknowledges an update when its
 * handler returns (telegrambots does, with its next poll) loses nothing when the process dies: the update is handled
 * from the inbox by this or another instance. Strangers' updates go to the {@link StrangerGate} instead. Every
 * instance processes the inbox, leader or not.
 */
public final class InboxProcessor implements UpdateHandler, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(InboxProcessor.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long IDLE_POLL_MS = 2_000;

    private final Inbox inbox;
    private final StrangerGate strangers;
    private final UpdateHandler handler;
    private final String instance;
    private final Semaphore work = new Semaphore(0);
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final List<Thread> workers = new ArrayList<>();

    /** @param strangers takes strangers' updates, which skip the inbox */
    public InboxProcessor(Inbox inbox, StrangerGate strangers, UpdateHandler handler, String instance,
                          int workerCount) {
        this.inbox = inbox;
        this.strangers = strangers;
        this.handler = handler;
        this.instance = instance;
        for (int i = 0; i < workerCount; i++) {
            Thread worker = new Thread(this::work, "migrabot-inbox-" + (i + 1));
            workers.add(worker);
            worker.start();
        }
        work.release(workerCount); // look at once for updates left by an instance that stopped
    }

    /**
     * Stores the update; workers take it from there. A failed write is retried, backing off up to 5 s, until it
     * succeeds or this processor closes: meanwhile the transport does not acknowledge the update, and when the
     * process stops first, Telegram delivers it again to whichever instance polls next.
     */
    @Override
    public void handle(IncomingUpdate update) {
        if (strangers.offer(update)) {
            return;
        }
        String payload;
        try {
            payload = JSON.writeValueAsString(update);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an update always serializes", e);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                if (inbox.record(update.updateId(), payload)) {
                    work.release();
                }
                return;
            } catch (RuntimeException e) {
                if (!running.get()) {
                    throw new IllegalStateException("update " + update.updateId() + " was not stored before "
                            + "closing: " + e.getMessage(), e);
                }
                if (attempt == 1 || attempt % 60 == 0) {
                    log.error("The state database does not take update {} (attempt {}); retrying: {}",
                            update.updateId(), attempt, e.getMessage());
                }
                sleep(Math.min(5_000L, 200L * attempt));
                if (Thread.currentThread().isInterrupted()) {
                    throw new IllegalStateException("interrupted before update " + update.updateId()
                            + " was stored", e);
                }
            }
        }
    }

    private void work() {
        while (running.get()) {
            try {
                work.tryAcquire(IDLE_POLL_MS, TimeUnit.MILLISECONDS);
                drain();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                log.warn("Inbox worker: {}", e.getMessage());
                sleep(1_000);
            }
        }
    }

    private void drain() {
        Optional<Inbox.Entry> entry;
        while (running.get() && (entry = inbox.claimNext(instance)).isPresent()) {
            long id = entry.get().delivery();
            try {
                IncomingUpdate update = JSON.readValue(entry.get().payload(), IncomingUpdate.class);
                handler.handle(delivered(update, id));
                inbox.done(id);
            } catch (JsonProcessingException e) {
                inbox.failed(id, "unreadable update: " + e.getOriginalMessage());
            } catch (RuntimeException e) {
                log.error("Update {} (delivery {}) failed", entry.get().updateId(), id, e);
                inbox.failed(id, String.valueOf(e.getMessage()));
            }
        }
    }

    /** The update as the handler sees it: its id is the delivery's, which no other update shares. */
    private static IncomingUpdate delivered(IncomingUpdate update, long delivery) {
        return new IncomingUpdate(delivery, update.chatId(), update.userId(), update.userName(), update.chatType(),
                update.text(), update.callbackId(), update.callbackData(), update.messageId());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Stops taking updates; an update being handled finishes, up to {@code timeoutMillis}. One still claimed
     * afterwards is taken over by another instance once this one has left the state database.
     */
    public void close(long timeoutMillis) {
        running.set(false);
        strangers.close();
        work.release(workers.size());
        long deadline = System.currentTimeMillis() + timeoutMillis;
        for (Thread worker : workers) {
            try {
                worker.join(Math.max(1, deadline - System.currentTimeMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (worker.isAlive()) {
                worker.interrupt();
            }
        }
    }

    @Override
    public void close() {
        close(5_000);
    }
}
