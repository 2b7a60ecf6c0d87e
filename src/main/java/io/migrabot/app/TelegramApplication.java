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

/**
 * The bot in production: Telegram long polling into the inbox, the inbox into the conversation, answers back
 * through Telegram, scheduled drift checks alerting through it, and its health and metrics. Wiring only;
 * {@link #close()} stops serving health and metrics first (an instance that is stopping is not healthy), then the
 * poller, then the inbox, then lets a running check and running operations finish.
 */
public final class TelegramApplication implements AutoCloseable {
    /** An update claimed this long ago by an instance that never finished it is taken over by another. */
    static final Duration ABANDONED_AFTER = Duration.ofMinutes(2);
    private static final Logger log = LoggerFactory.getLogger(TelegramApplication.class);

    private final TelegramSender sender;
    private final ChatService service;
    private final InboxProcessor inbox;
    private final TelegramBot bot;
    private final Monitoring monitoring;

    private TelegramApplication(TelegramSender sender, ChatService service, InboxProcessor inbox, TelegramBot bot,
                                Monitoring monitoring) {
        this.sender = sender;
        this.service = service;
        this.inbox = inbox;
        this.bot = bot;
        this.monitoring = monitoring;
    }

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
        TelegramBot bot = null;
        try {
            service = ChatService.open(config, sender, monitoring.metrics());
            try {
                service.conversation().publishCommands();
            } catch (RuntimeException e) {
                log.warn("Could not publish the command menu: {}", e.getMessage());
            }
            inbox = new InboxProcessor(new Inbox(service.state(), ABANDONED_AFTER), service.conversation(),
                    settings.instance(), 4);
            service.startDriftChecks();
            bot = new TelegramBot(endpoint, inbox);
            bot.start();
            monitoring.watch(service);
            monitoring.health().register("telegram", bot.polls());
            monitoring.serve(settings.http());
            return new TelegramApplication(sender, service, inbox, bot, monitoring);
        } catch (RuntimeException e) {
            monitoring.close();
            if (bot != null) {
                bot.close();
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

    @Override
    public void close() {
        monitoring.close();
        bot.close();
        inbox.close();
        service.close();
        sender.close();
    }
}
