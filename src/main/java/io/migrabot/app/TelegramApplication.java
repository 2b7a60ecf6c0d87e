package io.migrabot.app;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.chat.Access;
import io.migrabot.chat.ChatService;
import io.migrabot.chat.InboxProcessor;
import io.migrabot.chat.StrangerGate;
import io.migrabot.config.BotSettings;
import io.migrabot.config.MigrabotConfig;
import io.migrabot.monitor.HealthCheck;
import io.migrabot.state.Inbox;
import io.migrabot.telegram.TelegramBot;
import io.migrabot.telegram.TelegramEndpoint;
import io.migrabot.telegram.TelegramSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * The bot in production: one instance of possibly several sharing a state database. The leader ({@link Leadership})
 * polls Telegram into the inbox; every instance processes the inbox, runs operations, answers through Telegram,
 * takes its share of the scheduled drift checks and serves its health and metrics. Wiring only; {@link #close()}
 * stops serving health and metrics first (an instance that is stopping is not healthy), then polling (a standby
 * takes over), then the inbox, then lets a running check and running operations finish within
 * {@code shutdown_grace}.
 */
public final class TelegramApplication implements AutoCloseable {
    /** How often a standby tries to take the leadership, and the leader checks its session. */
    static final Duration LEADERSHIP_ATTEMPTS = Duration.ofSeconds(2);
    private static final Logger log = LoggerFactory.getLogger(TelegramApplication.class);

    private final TelegramEndpoint endpoint;
    private final TelegramSender sender;
    private final ChatService service;
    private final InboxProcessor inbox;
    private final Monitoring monitoring;
    private final CountDownLatch ended = new CountDownLatch(1);
    private Leadership leadership;
    private volatile TelegramBot bot;
    private volatile boolean lost;
    private boolean closed;

    private TelegramApplication(TelegramEndpoint endpoint, TelegramSender sender, ChatService service,
                                InboxProcessor inbox, Monitoring monitoring) {
        this.endpoint = endpoint;
        this.sender = sender;
        this.service = service;
        this.inbox = inbox;
        this.monitoring = monitoring;
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
        Monitoring monitoring = new Monitoring();
        ChatService service = null;
        InboxProcessor inbox = null;
        TelegramApplication application = null;
        try {
            service = ChatService.open(config, sender, monitoring.metrics());
            Access access = service.context().access();
            StrangerGate strangers = new StrangerGate(id -> access.user(id).isPresent(),
                    service.context().audit()::strangers, sender, Clock.systemUTC());
            inbox = new InboxProcessor(new Inbox(service.state(), endpoint.poller()), strangers,
                    service.conversation(), service.presence().id(), 4);
            application = new TelegramApplication(endpoint, sender, service, inbox, monitoring);
            application.lead(); // first: updates are stored and answered while the rest starts
            try {
                service.conversation().publishCommands();
            } catch (RuntimeException e) {
                log.warn("Could not publish the command menu: {}", e.getMessage());
            }
            service.startDriftChecks();
            monitoring.watch(service, application.leadership::outage);
            monitoring.health().register("telegram", application::pollingHealth);
            monitoring.serve(settings.http());
            return application;
        } catch (RuntimeException e) {
            if (application != null && application.leadership != null) {
                application.close();
                throw e;
            }
            monitoring.close();
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
        }, service.context().config().bot().stateOutageLimit(), () -> {
            lost = true;
            ended.countDown();
        });
        leadership.start(LEADERSHIP_ATTEMPTS);
    }

    /**
     * The {@code telegram} health check: the leader's polls answer; a standby is healthy while its session on the
     * state database, by which it would take over, is.
     */
    private HealthCheck.Status pollingHealth() {
        TelegramBot polling = bot;
        if (polling != null) {
            return polling.polls().check();
        }
        if (leadership.outage().isPresent()) {
            return HealthCheck.Status.failing("not polling while the state database is unreachable");
        }
        return service.presence().alive() ? HealthCheck.Status.healthy("standby: another instance polls")
                : HealthCheck.Status.failing("standby without a session on the state database");
    }

    /** Whether this instance polls Telegram now. */
    public boolean leading() {
        return leadership.leading();
    }

    /**
     * Waits until {@link #close()}, or until this instance has been without its session on the state database
     * for longer than {@code state.outage_limit}.
     *
     * @return true when the state database was away for too long
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
        monitoring.close();
        leadership.close();
        inbox.close();
        service.close();
        sender.close();
        ended.countDown();
        log.info("Instance stopped");
    }
}
