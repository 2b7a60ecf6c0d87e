package io.migrabot.chat;

import java.util.List;

/** What the bot does with each update; the transport calls it once per update, on a worker thread of its own. */
@FunctionalInterface
public interface UpdateHandler {
    void handle(IncomingUpdate update);

    /**
     * The updates of one poll, in the order received; by default each in turn, a failing one not keeping the others
     * from being handled (the first failure is thrown afterwards, the others suppressed in it). A handler that can
     * do a batch at once (store it in one transaction) does so here.
     */
    default void handleAll(List<IncomingUpdate> updates) {
        RuntimeException failure = null;
        for (IncomingUpdate update : updates) {
            try {
                handle(update);
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
