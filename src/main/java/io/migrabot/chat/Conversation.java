package io.migrabot.chat;

import io.migrabot.MigrabotException;
import io.migrabot.config.UserConfig;
import io.migrabot.monitor.BotMetrics.CommandOutcome;
import io.migrabot.state.Audit;
import io.migrabot.state.StateRetry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bot's side of every conversation, whatever the transport. Each update passes the same guards in order: a
 * configured user, an allowed chat, a known command, the command's role; then the command runs, and what it did
 * is audited and counted. Mistakes are answered in one line with the usage; failures in one line without a stack trace; an
 * unexpected error with an incident id that is also in the log.
 */
public final class Conversation implements UpdateHandler {
    private static final Logger log = LoggerFactory.getLogger(Conversation.class);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** At most ten answers a second to strangers, all together: well inside Telegram's 30 messages a second. */
    private static final long STRANGER_ANSWER_GAP_NANOS = 100_000_000L;
    static final String STRANGER = "Sorry, this is a private bot.";

    private final ChatContext context;
    private final ChatSender sender;
    private final Map<String, ChatCommand> commands = new LinkedHashMap<>();
    private final AtomicLong lastStrangerAnswer = new AtomicLong(System.nanoTime() - STRANGER_ANSWER_GAP_NANOS);

    public Conversation(ChatContext context, ChatSender sender, List<ChatCommand> commands) {
        this.context = context;
        this.sender = sender;
        for (ChatCommand command : commands) {
            if (this.commands.put(command.name(), command) != null) {
                throw new IllegalArgumentException("two commands named /" + command.name());
            }
        }
    }

    public List<ChatCommand> commands() {
        return List.copyOf(commands.values());
    }

    /** Publishes the command menu. */
    public void publishCommands() {
        sender.setCommands(commands.values().stream()
                .map(c -> new ChatSender.Command(c.name(), c.description())).toList());
    }

    @Override
    public void handle(IncomingUpdate update) {
        Optional<UserConfig> user = context.access().user(update.userId());
        if (user.isEmpty() || !context.access().chatAllowed(update)) {
            refuse(update, user);
            return;
        }
        if (update.callbackData() != null) {
            press(update, user.get());
        } else {
            message(update, user.get());
        }
    }

    /**
     * A stranger, or a known person in a chat the bot does not serve: one short answer, nothing about targets. A
     * stranger is audited once a minute with a count, and answered at most once a minute and never more often than
     * {@link #STRANGER_ANSWER_GAP_NANOS} across all strangers: a flood of them neither fills the audit log nor uses
     * up the bot's sending rate (Telegram's flood control would hold back the answers to admins too).
     */
    private void refuse(IncomingUpdate update, Optional<UserConfig> user) {
        String why = user.isEmpty() ? "stranger" : "chat not allowed";
        log.debug("Refused update {} from user {} in chat {}: {}", update.updateId(), update.userId(),
                update.chatId(), why);
        String command = update.text() == null ? "button" : firstWord(update.text());
        if (user.isEmpty()) {
            if (!firstThisMinute(update, command) || !strangerAnswerDue()) {
                return;
            }
        } else {
            record(new Audit.Entry(null, update.userId(), update.userName(), update.chatId(), command, null, null,
                    "refused", why, null));
        }
        if (user.isEmpty()) {
            answerStranger(sender, update);
        } else if (update.callbackId() != null) {
            sender.answerButton(update.callbackId(), STRANGER, true);
        } else {
            sender.sendText(update.chatId(), "migrabot does not work in this chat; talk to it in private or in a "
                    + "listed group.", List.of());
        }
    }

    /** The one answer a stranger gets: a press is answered, a private message too; a group message is not. */
    static void answerStranger(ChatSender sender, IncomingUpdate update) {
        if (update.callbackId() != null) {
            sender.answerButton(update.callbackId(), STRANGER, true);
        } else if (update.chatType() == ChatKind.PRIVATE) {
            sender.sendText(update.chatId(), STRANGER, List.of());
        }
    }

    private boolean firstThisMinute(IncomingUpdate update, String command) {
        try {
            return context.audit().stranger(update.userId(), update.userName(), update.chatId(), command);
        } catch (RuntimeException e) {
            log.warn("Could not audit a stranger's update {}: {}", update.updateId(), e.getMessage());
            return false;
        }
    }

    private boolean strangerAnswerDue() {
        long now = System.nanoTime();
        long last = lastStrangerAnswer.get();
        return now - last >= STRANGER_ANSWER_GAP_NANOS && lastStrangerAnswer.compareAndSet(last, now);
    }

    private void press(IncomingUpdate update, UserConfig user) {
        try {
            if (ApprovalFlow.handles(update.callbackData())) {
                ApprovalFlow.press(context, sender, update, user);
            } else if (update.callbackData().startsWith(DoctorCommands.FIX)) {
                DoctorCommands.press(context, sender, update, user);
            } else if (DriftButtons.handles(update.callbackData())) {
                DriftButtons.press(context, sender, update, user);
            } else if (BlockerButtons.handles(update.callbackData())) {
                BlockerButtons.press(context, sender, update, user);
            } else {
                sender.answerButton(update.callbackId(), "This button is not valid; nothing was done.", true);
                record(new Audit.Entry(null, user.id(), user.name(), update.chatId(), "button", null, null,
                        "refused", "unknown button", null));
            }
        } catch (RuntimeException e) {
            String id = incidentId();
            log.error("Button press {} failed (incident {})", update.updateId(), id, e);
            sender.answerButton(update.callbackId(), "Something went wrong (incident " + id + ").", true);
        }
    }

    private void message(IncomingUpdate update, UserConfig user) {
        Replies replies = new Replies(sender, update.chatId());
        Optional<CommandLine> line;
        try {
            line = CommandLine.parse(update.text());
        } catch (UsageException e) {
            replies.text("⚠️ " + Html.escape(e.getMessage()));
            return;
        }
        if (line.isEmpty()) {
            if (update.chatType().oneToOne()) {
                replies.text("Send a command, such as /help.");
            }
            return;
        }
        ChatCommand command = commands.get(line.get().name());
        if (command == null) {
            replies.text("Unknown command " + Html.escape("/" + line.get().name()) + ". /help lists the commands.");
            return;
        }
        Caller caller = new Caller(user, update.chatId(), update.updateId(), update.messageId());
        long started = System.nanoTime();
        if (!user.role().atLeast(command.role())) {
            replies.text("⛔ /" + command.name() + " needs the " + command.role().key() + " role; you are "
                    + user.role().key() + ".");
            audit(caller, command, null, line.get().text(), "refused", "role " + user.role().key(),
                    CommandOutcome.REFUSED, started);
            return;
        }
        Call call = new Call(caller, line.get(), replies, context, command);
        String outcome = "ok";
        CommandOutcome counted = CommandOutcome.OK;
        try {
            command.action().run(call);
        } catch (UsageException e) {
            outcome = "usage: " + e.getMessage();
            counted = CommandOutcome.USAGE;
            replies.text("⚠️ " + Html.escape(e.getMessage()) + "\nUsage: " + Html.code(command.usage()));
        } catch (MigrabotException e) {
            outcome = "error: " + e.getMessage();
            counted = CommandOutcome.ERROR;
            replies.text("❌ " + Html.escape(e.getMessage()));
        } catch (RuntimeException e) {
            String id = incidentId();
            outcome = "internal error " + id;
            counted = CommandOutcome.INTERNAL_ERROR;
            log.error("/{} failed unexpectedly (incident {})", command.name(), id, e);
            replies.text("❌ internal error (incident " + id + "); the log has the details");
        }
        audit(caller, command, call.targetName().orElse(null), line.get().text(), "allowed", outcome, counted,
                started);
    }

    /** Audits a command and counts it in the command meters, with the time from its arrival to now. */
    private void audit(Caller caller, ChatCommand command, String target, String arguments, String decision,
                       String outcome, CommandOutcome counted, long started) {
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        context.metrics().command(command.name(), counted, took);
        record(new Audit.Entry(null, caller.user().id(), caller.user().name(), caller.chatId(), command.name(),
                target, arguments.length() > 500 ? arguments.substring(0, 500) : arguments, decision, outcome, took));
    }

    /**
     * An audit entry, written once the state database is back if it went away meanwhile; one that cannot be written
     * at all is logged, and the answer still goes out.
     */
    private void record(Audit.Entry entry) {
        try {
            StateRetry.write("an audit entry", () -> context.audit().record(entry), () -> false);
        } catch (RuntimeException e) {
            log.error("Could not write the audit log: {}", e.getMessage());
        }
    }

    static String firstWord(String text) {
        String word = text.strip().split("\\s+", 2)[0].replaceFirst("^/", "");
        return word.length() > 40 ? word.substring(0, 40) : word;
    }

    /** A short random id that ties a message in chat to an entry in the log. */
    static String incidentId() {
        byte[] bytes = new byte[4];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
