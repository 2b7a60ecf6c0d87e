package io.migrabot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.migrabot.chat.UpdateHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Receives the bot's updates by long polling, with telegrambots 10.2's {@link TelegramBotsLongPollingApplication},
 * and calls the {@link UpdateHandler} once per update on the poller's thread. Everything the library runs on is
 * given to it and owned here: the poller's executor, the HTTP client with its dispatcher, the back-off
 * ({@link PollingBackOff}, which honours {@code retry_after} and caps at 30 s) and the update consumer
 * ({@link UpdateDispatcher}). So {@link #close()} can stop all of it within 10 s and leave no thread behind.
 *
 * <p>The library acknowledges updates (its next {@code getUpdates} moves the offset past them) once the handler
 * has returned: an update the handler has not finished when the process dies is delivered again to the next poll,
 * whichever instance sends it.
 */
public final class TelegramBot implements AutoCloseable {
    /** How long one {@code getUpdates} waits for an update on Telegram's side. */
    static final int POLL_SECONDS = 50;
    /** A long poll answers within 50 s, a back-off waits up to 30 s: no answer for longer than this is a stall. */
    private static final Duration POLL_STALE_AFTER = Duration.ofSeconds(POLL_SECONDS + 40);
    private static final List<String> UPDATE_KINDS = List.of("message", "callback_query");
    private static final Duration POLLER_GRACE = Duration.ofSeconds(1);
    private static final Duration HANDLER_GRACE = Duration.ofSeconds(5);
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(9);
    private static final Logger log = LoggerFactory.getLogger(TelegramBot.class);

    private final TelegramEndpoint endpoint;
    private final OwnedThreads pollerThreads = new OwnedThreads("migrabot-telegram-poller");
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(pollerThreads);
    private final PollingBackOff backOff = new PollingBackOff();
    private final PollActivity polls = new PollActivity(System::nanoTime, POLL_STALE_AFTER);
    private final PollingInterceptor interceptor = new PollingInterceptor(backOff, polls);
    private final TelegramHttp http;
    private final UpdateDispatcher dispatcher;
    private final TelegramBotsLongPollingApplication application;
    private boolean started;
    private boolean closed;

    public TelegramBot(TelegramEndpoint endpoint, UpdateHandler handler) {
        this.endpoint = endpoint;
        this.http = new TelegramHttp("migrabot-telegram-poll-http", Duration.ofSeconds(POLL_SECONDS + 15),
                Duration.ofSeconds(POLL_SECONDS + 30), interceptor);
        this.dispatcher = new UpdateDispatcher(handler);
        this.application = new TelegramBotsLongPollingApplication(ObjectMapper::new, http::client, () -> poller,
                () -> backOff);
    }

    /**
     * Deletes any webhook (Telegram refuses {@code getUpdates} while one is set) and starts polling. Nothing else is
     * published: commands are the caller's to set.
     *
     * @throws TelegramException when the webhook cannot be deleted: a wrong token, or no Bot API at the URL
     */
    public synchronized void start() {
        if (started || closed) {
            throw new IllegalStateException("a TelegramBot starts once");
        }
        started = true;
        try {
            application.registerBot(endpoint.token().reveal(), endpoint::telegramUrl, this::nextPoll, dispatcher);
        } catch (TelegramApiException e) {
            BotApiRefusal refusal = interceptor.lastRefusal();
            String doing = "deleteWebhook before polling";
            throw refusal == null ? TelegramException.of(doing, e, endpoint)
                    : TelegramException.refused(doing + " (check the token, and that the URL is a Bot API server)",
                            refusal, e, endpoint);
        }
        log.info("Polling Telegram's Bot API at {} for updates", endpoint.baseUrl());
    }

    /** When polls last answered: the health check of this poller. */
    public PollActivity polls() {
        return polls;
    }

    private GetUpdates nextPoll(Integer lastReceivedUpdate) {
        return GetUpdates.builder().offset(lastReceivedUpdate + 1).limit(100).timeout(POLL_SECONDS)
                .allowedUpdates(UPDATE_KINDS).build();
    }

    /**
     * Stops polling, lets the handler finish what it has for up to 5 s, then interrupts it; returns within 10 s with
     * every thread of the bot ended. The poll in flight is ended by closing its connection, which the library sees
     * as an empty answer; a poller asleep in a back-off is interrupted after 1 s (the library logs a warning then).
     * Updates the handler has not finished stay unacknowledged.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long start = System.nanoTime();
        long deadline = start + CLOSE_DEADLINE.toNanos();
        interceptor.closing();
        try {
            application.close();
        } catch (Exception e) {
            log.debug("telegrambots failed to stop its session: {}", endpoint.scrub(e.toString()));
        }
        poller.shutdown();
        http.closeConnections();
        if (!awaitTermination(poller, start + POLLER_GRACE.toNanos())
                && !(dispatcher.busy() && awaitTermination(poller, start + HANDLER_GRACE.toNanos()))) {
            if (dispatcher.busy()) {
                log.warn("The update handler was interrupted on closing; its updates stay unacknowledged");
            }
            poller.shutdownNow();
        }
        Set<Thread> alive = new HashSet<>(pollerThreads.join(deadline));
        alive.addAll(http.close(deadline));
        if (alive.isEmpty()) {
            log.info("Stopped polling Telegram");
        } else {
            log.warn("Stopped polling Telegram, but {} thread(s) did not end: {}", alive.size(), alive);
        }
    }

    private static boolean awaitTermination(ScheduledExecutorService executor, long deadlineNanos) {
        try {
            return executor.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
