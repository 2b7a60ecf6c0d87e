package io.migrabot.chat;

import io.migrabot.MigrabotException;
import io.migrabot.config.Role;
import io.migrabot.config.UserConfig;
import io.migrabot.database.LockWatch;
import io.migrabot.state.Audit;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The button under a migration waiting for a lock: cancel the blocking session's query ({@code pg_cancel_backend},
 * never terminate). Its data names the target and the pid; whatever a press says, only an admin of that target
 * can press it, and the cancel is sent only if that pid blocks a migration there at that moment
 * ({@link LockWatch#cancel}), so a forged or stale press stops nothing. Every press is audited.
 */
final class BlockerButtons {
    static final String PREFIX = "kb:";
    private static final Pattern DATA = Pattern.compile("kb:(\\d{1,9}):(.+)");
    private static final int MAX_DATA = 64; // Telegram's limit on callback data, in bytes

    private BlockerButtons() {
    }

    static boolean handles(String data) {
        return data != null && data.startsWith(PREFIX);
    }

    /** The button for {@code pid} on {@code target}; none when the data would not fit Telegram's 64 bytes. */
    static Optional<ChatSender.Button> button(String target, int pid) {
        String data = PREFIX + pid + ":" + target;
        return data.length() > MAX_DATA ? Optional.empty()
                : Optional.of(new ChatSender.Button("🛑 Cancel the query of pid " + pid, data));
    }

    static void press(ChatContext context, ChatSender sender, IncomingUpdate update, UserConfig user) {
        Matcher data = DATA.matcher(update.callbackData());
        if (!data.matches()) {
            sender.answerButton(update.callbackId(), "This button is not valid; nothing was done.", true);
            audit(context, user, update, null, null, "refused", "malformed button");
            return;
        }
        int pid = Integer.parseInt(data.group(1));
        String target = data.group(2);
        if (context.access().target(user, target).isEmpty() || !user.role().atLeast(Role.ADMIN)) {
            sender.answerButton(update.callbackId(), "Only an admin of " + target + " can cancel a query there.",
                    true);
            audit(context, user, update, target, pid, "refused", "not an admin of the target");
            return;
        }
        boolean sent;
        try {
            sent = LockWatch.cancel(context.targets().open(target).database(), pid);
        } catch (MigrabotException e) {
            // most often: migrabot's role may not signal the blocker's (it needs pg_signal_backend or that role)
            sender.answerButton(update.callbackId(), "Could not cancel pid " + pid + ": " + firstLine(e), true);
            audit(context, user, update, target, pid, "failed", firstLine(e));
            return;
        }
        sender.answerButton(update.callbackId(), sent ? "Cancel sent to pid " + pid + "; the migration goes on "
                + "once its lock is free." : "pid " + pid + " no longer blocks a migration on " + target
                + "; nothing was done.", !sent);
        audit(context, user, update, target, pid, sent ? "executed" : "refused", sent ? "pg_cancel_backend sent"
                : "not blocking a migration");
    }

    private static void audit(ChatContext context, UserConfig user, IncomingUpdate update, String target,
                              Integer pid, String decision, String outcome) {
        context.audit().record(new Audit.Entry(null, user.id(), user.name(), update.chatId(), "cancel-blocker",
                target, pid == null ? null : "pid " + pid, decision, outcome, null));
    }

    private static String firstLine(MigrabotException e) {
        String message = e.getMessage() == null ? e.code().name() : e.getMessage();
        return message.lines().findFirst().orElse(message);
    }
}
