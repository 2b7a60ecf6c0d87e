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
import io.migrabot.Units;
import io.migrabot.schedule.DriftScheduler;
import io.migrabot.shadow.ShadowsByKind;
import io.migrabot.state.Approvals;
import io.migrabot.state.Audit;
import io.migrabot.state.Fixes;
import io.migrabot.state.SchemaCacheTable;
import io.migrabot.state.ChatSettings;
import io.migrabot.state.DriftStates;
import io.migrabot.state.Journal;
import io.migrabot.state.Presence;
import io.migrabot.state.Retention;
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
 * The chat bot without its transport: the state database brought up to date, this process registered there among
 * the instances sharing it ({@link Presence}), the targets, the conversation, and the housekeeping around them
 * (operations cut off by an instance that died reported to their chats, expired approval requests marked,
 * scheduled drift checks, the state database pruned daily and measured every 5 minutes). A transport gives it a
 * {@link ChatSender} and feeds {@link #conversation()} updates.
 */
public final class ChatService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ChatService.class);
    /** How often this instance looks for instances that died, and reports what they were running. */
    private static final Duration DEAD_CHECK = Duration.ofSeconds(10);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final StateDatabase state;
    private final Presence presence;
    private final Duration shutdownGrace;
    private final TargetRegistry targets;
    private final Operations operations;
    private final ChatContext context;
    private final ChatSender sender;
    private final Conversation conversation;
    private final ScheduledExecutorService housekeeping;
    private final DriftScheduler schedule;
    private final DriftAlerts drift;
    private final Retention retention;
    private final BotMetrics metrics;

    private ChatService(MigrabotConfig config, StateDatabase state, Presence presence, ChatSender sender,
                        BotMetrics metrics) {
        BotSettings bot = config.bot();
        this.state = state;
        this.presence = presence;
        this.shutdownGrace = bot.shutdownGrace();
        this.sender = sender;
        this.targets = new TargetRegistry(config);
        this.operations = new Operations(4);
        this.schedule = DriftScheduler.create(state, presence.id());
        this.context = new ChatContext(config, new Access(config), targets, new BackupService(Clock.systemUTC()),
                new Audit(state), new Approvals(state), new Journal(state, presence.id()), new ChatSettings(state),
                new Fixes(state), operations, new Doctor(new ExpectedSchemas(new SchemaCacheTable(state),
                new ShadowsByKind())), new DriftStates(state), schedule, metrics);
        this.drift = new DriftAlerts(context, sender);
        this.retention = new Retention(state, bot.retention(), Clock.systemUTC());
        this.metrics = metrics;
        this.conversation = new Conversation(context, sender, ChatCommands.all());
        this.housekeeping = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "migrabot-housekeeping");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Opens the state database (creating or upgrading its tables), registers this process there, and reports what
     * instances that died cut off. Drift checks do not run until {@link #startDriftChecks()}; until then
     * {@code /schedule} only reads the schedule.
     */
    public static ChatService open(MigrabotConfig config, ChatSender sender, BotMetrics metrics) {
        BotSettings bot = config.bot();
        StateDatabase state = StateDatabase.open(bot.state().orElseThrow(() -> new MigrabotException(
                ErrorCode.CONFIGURATION, config.file() + " has no 'state' database; the bot keeps its inbox, "
                + "approvals and audit log there: add state: {url: jdbc:postgresql://..., user: ...}")),
                bot.instance());
        ChatService service;
        Presence presence = null;
        try {
            presence = Presence.register(state, bot.instance());
            service = new ChatService(config, state, presence, sender, metrics);
        } catch (RuntimeException e) {
            if (presence != null) {
                presence.close();
            }
            state.close();
            throw e;
        }
        service.lookForTheDead();
        service.housekeeping.scheduleWithFixedDelay(service::expireRequests, 30, 30, TimeUnit.SECONDS);
        service.housekeeping.scheduleWithFixedDelay(service::lookForTheDead, DEAD_CHECK.toSeconds(),
                DEAD_CHECK.toSeconds(), TimeUnit.SECONDS);
        service.housekeeping.scheduleWithFixedDelay(service::measureState, 0, 5, TimeUnit.MINUTES);
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
        schedule.schedulePruning(context.config().bot().retention().cron(), () -> {
            retention.prune();
            measureState();
        });
        drift.start(schedule);
    }

    /** The state database's size on disk, in bytes; also kept for the metric. */
    public long stateSize() {
        long size = retention.size();
        metrics.stateSize(size);
        return size;
    }

    private void measureState() {
        try {
            stateSize();
        } catch (RuntimeException e) {
            log.warn("Could not measure the state database: {}", e.getMessage());
        }
    }

    public Conversation conversation() {
        return conversation;
    }

    public StateDatabase state() {
        return state;
    }

    /** This process among the instances sharing the state database. */
    public Presence presence() {
        return presence;
    }

    public ChatContext context() {
        return context;
    }

    /** Reports what instances that died were running, once across all instances, and forgets those instances. */
    private void lookForTheDead() {
        try {
            report(context.journal().cutOffElsewhere(), "was cut off: the migrabot instance running it "
                    + "stopped, or lost the state database (then it reports the outcome once it is back)");
            presence.forgetDead();
        } catch (RuntimeException e) {
            log.warn("Could not look for operations cut off by a stopped instance: {}", e.getMessage());
        }
    }

    private void report(List<Journal.Entry> entries, String what) {
        for (Journal.Entry entry : entries) {
            log.warn("{} on {} (journal {}) {}", entry.operation(), entry.target(), entry.id(), what);
            if (entry.chatId() == null) {
                continue;
            }
            try {
                sender.sendText(entry.chatId(), "⚠️ " + Html.escape(entry.operation()) + " on "
                        + Html.code(entry.target()) + " (" + Html.escape(String.valueOf(entry.arguments()))
                        + "), started " + WHEN.format(entry.startedAt()) + ", " + Html.escape(what) + ". "
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

    /**
     * Stops for good: lets a running drift check and running operations finish for up to {@code grace}, cancels
     * what is still running then, records in the journal (and tells its chat) what did not finish, closes the
     * targets (which releases their operation locks), leaves the instances and closes the state database.
     */
    public void close(Duration grace) {
        housekeeping.shutdownNow();
        schedule.close(grace);
        int unfinished = operations.close(grace);
        if (unfinished > 0) {
            log.warn("{} operation(s) still running after the shutdown grace of {} s", unfinished,
                    grace.toSeconds());
        }
        try {
            report(context.journal().cutOffHere("cut off: migrabot was stopped and it did not finish within "
                    + grace.toSeconds() + " s"), "was cut off when migrabot was stopped (it did not finish within "
                    + Units.duration(grace) + ")");
        } catch (RuntimeException e) {
            log.error("Could not record operations cut off by the shutdown: {}", e.getMessage());
        }
        context.doctor().shadows().close();
        targets.close();
        presence.close();
        state.close();
    }

    /** {@link #close(Duration)} with the configured {@code shutdown_grace}. */
    @Override
    public void close() {
        close(shutdownGrace);
    }
}
