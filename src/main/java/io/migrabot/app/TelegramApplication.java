package io.migrabot.app;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.chat.ChatService;
import io.migrabot.chat.InboxProcessor;
import io.migrabot.config.BotSettings;
import io.migrabot.config.MigrabotConfig;
import io.migrabot.state.Inbox;
import io.migrabot.telegram.TelegramBot;
import io.migrabot.telegram.TelegramEndpoint;
import io.migrabot.telegram.TelegramSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The bot in production: one instance of possibly several sharing a state database. The leader ({@link Leadership})
 * polls Telegram into the inbox; every instance processes the inbox, runs operations, answers through Telegram and
 * takes its share of the scheduled drift checks. Wiring only; {@link #close()} stops polling first (a standby takes
 * over), then the inbox, then lets a running check and running operations finish within {@code shutdown_grace}.
 */
public final class TelegramApplication implements AutoCloseable {
    /** How often a standby tries to take the leadership, and the leader checks its session. */
    static final Duration LEADERSHIP_ATTEMPTS = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(TelegramApplication.class);

    private final TelegramEndpoint endpoint;
    private final TelegramSender sender;
    private final ChatService service;
    private final InboxProcessor inbox;
    private final CountDownLatch ended = new CountDownLatch(1);
    private Leadership leadership;
    private TelegramBot bot;
    private volatile boolean lost;
    private boolean closed;

    private TelegramApplication(TelegramEndpoint endpoint, TelegramSender sender, ChatService service,
                                InboxProcessor inbox) {
        this.endpoint = endpoint;
        this.sender = sender;
        this.service = service;
        this.inbox = inbox;
    }

    /**
     * Starts an instance: it leads at once when no other instance does, else it is a standby.
     *
     * @throws MigrabotException when the configuration lacks Telegram or the state database, or this instance
     *                           leads and Telegram refuses the token
     */
    public static TelegramApplication start(MigrabotConfig config) {
        BotSettings settings = config.bot();
        TelegramEndpoint endpoint = new TelegramEndpoint(settings.telegramToken().orElseThrow(() ->
                new MigrabotException(ErrorCode.CONFIGURATION, config.file() + " has no telegram.token; add "
                        + "telegram: {token: ${MIGRABOT_TELEGRAM_TOKEN}} and set the variable")),
                settings.telegramApi());
        TelegramSender sender = new TelegramSender(endpoint);
        ChatService service = null;
        InboxProcessor inbox = null;
        TelegramApplication application = null;
        try {
            service = ChatService.open(config, sender);
            inbox = new InboxProcessor(new Inbox(service.state()), service.conversation(), service.presence().id(),
                    4);
            application = new TelegramApplication(endpoint, sender, service, inbox);
            application.lead(); // first: updates are stored and answered while the rest starts
            try {
                service.conversation().publishCommands();
            } catch (RuntimeException e) {
                log.warn("Could not publish the command menu: {}", e.getMessage());
            }
            service.startDriftChecks();
            return application;
        } catch (RuntimeException e) {
            if (application != null && application.leadership != null) {
                application.close();
                throw e;
            }
            if (inbox != null) {
                inbox.close();
            }
            if (service != null) {
                service.close();
            }
            sender.close();
            throw e;
        }
    }

    private void lead() {
        leadership = new Leadership(service.presence(), new Leadership.Role() {
            @Override
            public void lead() {
                TelegramBot polling = new TelegramBot(endpoint, inbox);
                try {
                    polling.start();
                } catch (RuntimeException e) {
                    polling.close();
                    throw e;
                }
                bot = polling;
            }

            @Override
            public void follow() {
                bot.close();
                bot = null;
            }
        }, () -> {
            lost = true;
            ended.countDown();
        });
        leadership.start(LEADERSHIP_ATTEMPTS);
    }

    /** Whether this instance polls Telegram now. */
    public boolean leading() {
        return leadership.leading();
    }

    /**
     * Waits until {@link #close()}, or until this instance lost its session on the state database; then it must
     * stop, since other instances may already have taken over its work.
     *
     * @return true when the session was lost
     */
    public boolean awaitEnd() throws InterruptedException {
        ended.await();
        return lost;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        leadership.close();
        inbox.close();
        service.close();
        sender.close();
        ended.countDown();
        log.info("Instance stopped");
    }
}
