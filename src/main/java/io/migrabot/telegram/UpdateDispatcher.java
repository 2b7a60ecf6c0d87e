package io.migrabot.telegram;

import io.migrabot.chat.IncomingUpdate;
import io.migrabot.chat.UpdateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.meta.api.objects.Update;

import java.util.List;
import java.util.Optional;

/**
 * Receives each batch from telegrambots' poller and hands every update, translated, to the {@link UpdateHandler}
 * on the poller's own thread, in the order Telegram sent them. The library sends its next {@code getUpdates},
 * which acknowledges the batch, only after {@link #consume(List)} returns: so an update is acknowledged only once
 * the handler is done with it (the inbox: has stored it), and one the process dies holding is delivered again. A
 * handler must therefore be quick. Nothing may escape {@code consume}: an exception there would end the library's
 * polling task for good.
 */
final class UpdateDispatcher implements LongPollingUpdateConsumer {
    private static final Logger log = LoggerFactory.getLogger(UpdateDispatcher.class);

    private final UpdateHandler handler;
    private volatile boolean busy;

    UpdateDispatcher(UpdateHandler handler) {
        this.handler = handler;
    }

    @Override
    public void consume(List<Update> updates) {
        busy = true;
        try {
            for (Update update : updates) {
                dispatch(update);
            }
        } finally {
            busy = false;
        }
    }

    private void dispatch(Update update) {
        Optional<IncomingUpdate> incoming;
        try {
            incoming = UpdateTranslator.translate(update);
        } catch (RuntimeException e) {
            log.error("Update {} could not be translated; skipped", update.getUpdateId(), e);
            return;
        }
        if (incoming.isEmpty()) {
            log.debug("Update {} is neither a text message nor a button press; skipped", update.getUpdateId());
            return;
        }
        try {
            handler.handle(incoming.get());
        } catch (RuntimeException e) {
            log.error("The update handler failed on update {}", update.getUpdateId(), e);
        }
    }

    /** Whether the handler is working on a batch now. */
    boolean busy() {
        return busy;
    }
}
