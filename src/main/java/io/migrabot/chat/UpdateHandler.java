package io.migrabot.chat;

/** What the bot does with each update; the transport calls it once per update, on a worker thread of its own. */
@FunctionalInterface
public interface UpdateHandler {
    void handle(IncomingUpdate update);
}
