package io.migrabot.telegram;

import io.migrabot.chat.IncomingUpdate;
import io.migrabot.chat.UpdateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Receives each batch from telegrambots' poller and hands every update, translated, to the {@link UpdateHandler}
 * on one worker thread of its own, in the order Telegram sent them. telegrambots' own consumers run updates on a
 * static executor nobody can stop; this one's worker ends when the bot closes. Nothing may escape
 * {@link #consume(List)}: an exception there would end the library's polling task for good.
 */
final class UpdateDispatcher implements LongPollingUpdateConsumer {
    private static final Logger log = LoggerFactory.getLogger(UpdateDispatcher.class);

    private final UpdateHandler handler;
    private final OwnedThreads threads = new OwnedThreads("migrabot-telegram-worker");
    private final ExecutorService worker = Executors.newSingleThreadExecutor(threads);

    UpdateDispatcher(UpdateHandler handler) {
        this.handler = handler;
    }

    @Override
    public void consume(List<Update> updates) {
        for (Update update : updates) {
            try {
                Optional<IncomingUpdate> incoming = UpdateTranslator.translate(update);
                if (incoming.isPresent()) {
                    worker.execute(() -> handle(incoming.get()));
                } else {
                    log.debug("Update {} is neither a text message nor a button press; skipped", update.getUpdateId());
                }
            } catch (RejectedExecutionException closing) {
                log.warn("Update {} arrived while the bot was closing; it was not handled", update.getUpdateId());
            } catch (RuntimeException e) {
                log.error("Update {} could not be translated; skipped", update.getUpdateId(), e);
            }
        }
    }

    private void handle(IncomingUpdate update) {
        try {
            handler.handle(update);
        } catch (RuntimeException e) {
            log.error("The update handler failed on update {}", update.updateId(), e);
        }
    }

    /** Takes no more updates; those already queued are still handled. */
    @Override
    public void close() {
        worker.shutdown();
    }

    /**
     * After {@link #close()}, lets the handler finish until {@code graceNanos}, then interrupts it; returns the
     * worker threads still alive at {@code deadlineNanos}, normally none.
     */
    Set<Thread> awaitStopped(long graceNanos, long deadlineNanos) {
        try {
            if (!worker.awaitTermination(Math.max(0, graceNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                List<Runnable> dropped = worker.shutdownNow();
                log.warn("The update handler was interrupted on closing; {} queued update(s) not handled",
                        dropped.size());
            }
        } catch (InterruptedException e) {
            worker.shutdownNow();
            Thread.currentThread().interrupt();
        }
        return threads.join(deadlineNanos);
    }
}
