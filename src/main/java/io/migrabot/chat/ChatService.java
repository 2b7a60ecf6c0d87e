package io.migrabot.chat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.backup.BackupService;
import io.migrabot.config.BotSettings;
import io.migrabot.config.MigrabotConfig;
import io.migrabot.monitor.BotMetrics;
import io.migrabot.operation.Doctor;
import io.migrabot.operation.ExpectedSchemas;
import io.migrabot.operation.TargetRegistry;
import io.migrabot.schedule.DriftScheduler;
import io.migrabot.shadow.PostgresShadows;
import io.migrabot.state.Approvals;
import io.migrabot.state.Audit;
import io.migrabot.state.Fixes;
import io.migrabot.state.SchemaCacheTable;
import io.migrabot.state.ChatSettings;
import io.migrabot.state.DriftStates;
import io.migrabot.state.Journal;
import io.migrabot.state.StateDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The chat bot without its transport: the state database brought up to date, the targets, the conversation, and
 * the housekeeping around them (operations cut off by the last stop reported to their chats, expired approval
 * requests marked, scheduled drift checks). A transport gives it a {@link ChatSender} and feeds
 * {@link #conversation()} updates.
 */
public final class ChatService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatService.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final StateDatabase state;
    private final TargetRegistry targets;
    private final Operations operations;
    private final ChatContext context;
    private final ChatSender sender;
    private final Conversation conversation;
    private final ScheduledExecutorService housekeeping;
    private final DriftScheduler schedule;
    private final DriftAlerts drift;

    private ChatService(MigrabotConfig config, StateDatabase state, ChatSender sender, BotMetrics metrics) {
        BotSettings bot = config.bot();
        this.state = state;
        this.sender = sender;
        this.targets = new TargetRegistry(config);
        this.operations = new Operations(4);
        this.schedule = DriftScheduler.create(state, bot.instance());
        this.context = new ChatContext(config, new Access(config), targets, new BackupService(Clock.systemUTC()),
                new Audit(state), new Approvals(state), new Journal(state, bot.instance()), new ChatSettings(state),
                new Fixes(state), operations, new Doctor(new ExpectedSchemas(new SchemaCacheTable(state),
                new PostgresShadows())), new DriftStates(state), schedule, metrics);
        this.drift = new DriftAlerts(context, sender);
        this.conversation = new Conversation(context, sender, ChatCommands.all());
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "migrabot-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the state database (creating or upgrading its tables) and reports what the last stop cut off. Drift
     * checks do not run until {@link #startDriftChecks()}; until then {@code /schedule} only reads the schedule.
     */
    public static ChatService open(MigrabotConfig config, ChatSender sender, BotMetrics metrics) {
        BotSettings bot = config.bot();
        StateDatabase state = StateDatabase.open(bot.state().orElseThrow(() -> new MigrabotException(
                ErrorCode.CONFIGURATION, config.file() + " has no 'state' database; the bot keeps its inbox, "
                + "approvals and audit log there: add state: {url: jdbc:postgresql://..., user: ...}")),
                bot.instance());
        ChatService service;
        try {
            service = new ChatService(config, state, sender, metrics);
        } catch (RuntimeException e) {
            state.close();
            throw e;
        }
        service.reportInterrupted();
        service.housekeeping.scheduleWithFixedDelay(service::expireRequests, 30, 30, TimeUnit.SECONDS);
        return service;
    }

    /** Like {@link #open(MigrabotConfig, ChatSender, BotMetrics)}, counting in meters nobody reads: the console. */
    public static ChatService open(MigrabotConfig config, ChatSender sender) {
        return open(config, sender, new BotMetrics(new SimpleMeterRegistry()));
    }

    /**
     * Runs the configured targets' drift checks on their crons, alerting through this service's sender, until
     * {@link #close}. For the transport whose chats the alerts are for: a console or a test need not run them.
     */
    public void startDriftChecks() {
        drift.start(schedule);
    }

    public Conversation conversation() {
        return conversation;
    }

    public StateDatabase state() {
        return state;
    }

    public ChatContext context() {
        return context;
    }

    private void reportInterrupted() {
        for (io.migrabot.state.Journal.Entry entry : context.journal().interruptedAtStart()) {
            log.warn("{} on {} (journal {}) was cut off when migrabot stopped", entry.operation(), entry.target(),
                    entry.id());
            if (entry.chatId() == null) {
                continue;
            }
            try {
                sender.sendText(entry.chatId(), "⚠️ " + Html.escape(entry.operation()) + " on "
                        + Html.code(entry.target()) + " (" + Html.escape(String.valueOf(entry.arguments()))
                        + "), started " + WHEN.format(entry.startedAt()) + ", was cut off when migrabot stopped. "
                        + "The version table records what completed: check it with /current " + Html.escape(
                        entry.target()) + " before anything else.", List.of());
            } catch (RuntimeException e) {
                log.error("Could not tell chat {} about the cut-off {}: {}", entry.chatId(), entry.operation(),
                        e.getMessage());
            }
        }
    }

    private void expireRequests() {
        try {
            int expired = ApprovalFlow.expire(context, sender);
            if (expired > 0) {
                log.info("{} approval request(s) expired", expired);
            }
        } catch (RuntimeException e) {
            log.warn("Could not expire approval requests: {}", e.getMessage());
        }
    }

    /** Lets a running drift check and operations finish for up to {@code grace}, then closes the databases. */
    public void close(Duration grace) {
        housekeeping.shutdownNow();
        schedule.close(grace);
        operations.close(grace);
        targets.close();
        state.close();
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
