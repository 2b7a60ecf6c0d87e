package io.migrabot.chat;

import io.migrabot.config.Role;
import io.migrabot.config.UserConfig;
import io.migrabot.state.ButtonIds;
import io.migrabot.state.Audit;
import io.migrabot.state.DriftStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The buttons under a drift alert. Acknowledge shows who took it on; Snooze 1h keeps the target's alerts back for
 * an hour. A button's data is an opaque id looked up in the state database: a forged press, one under another
 * message, or one under an alert whose state is over gets an alert and changes nothing.
 */
final class DriftButtons {
    static final String ACKNOWLEDGE = "da:";
    static final String SNOOZE = "dz:";
    static final Duration SNOOZE_FOR = Duration.ofHours(1);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(DriftButtons.class);

    private DriftButtons() {
    }

    static boolean handles(String data) {
        return data != null && (data.startsWith(ACKNOWLEDGE) || data.startsWith(SNOOZE));
    }

    static List<List<ChatSender.Button>> buttons(String id, boolean acknowledged) {
        List<ChatSender.Button> row = new ArrayList<>();
        if (!acknowledged) {
            row.add(new ChatSender.Button("👀 Acknowledge", ACKNOWLEDGE + id));
        }
        row.add(new ChatSender.Button("🔕 Snooze 1h", SNOOZE + id));
        return List.of(row);
    }

    /** A press of Acknowledge or Snooze by a configured user in an allowed chat. */
    static void press(ChatContext context, ChatSender sender, IncomingUpdate update, UserConfig user) {
        boolean acknowledge = update.callbackData().startsWith(ACKNOWLEDGE);
        String action = acknowledge ? "acknowledge" : "snooze";
        String id = update.callbackData().substring(ACKNOWLEDGE.length());
        Optional<DriftStates.Alert> found = ButtonIds.wellFormed(id) ? context.drift().alert(id) : Optional.empty();
        if (found.isEmpty() || !found.get().postedAt(update.chatId(), update.messageId())) {
            sender.answerButton(update.callbackId(), "This button is not valid; nothing was done.", true);
            audit(context, user, update, action, null, "refused", "unknown alert");
            return;
        }
        String target = found.get().target();
        if (context.access().target(user, target).isEmpty() || !user.role().atLeast(Role.OPERATOR)) {
            sender.answerButton(update.callbackId(), "Only an operator of " + target + " can " + action
                    + " its alerts.", true);
            audit(context, user, update, action, target, "refused", "not an operator of the target");
            return;
        }
        Optional<DriftStates.Pressed> pressed = acknowledge ? context.drift().acknowledge(id, user.name())
                : context.drift().snooze(id, user.name(), SNOOZE_FOR);
        if (pressed.isEmpty()) {
            sender.answerButton(update.callbackId(), "This button is not valid; nothing was done.", true);
            audit(context, user, update, action, target, "refused", "unknown alert");
            return;
        }
        DriftStates.Alert alert = pressed.get().alert();
        switch (pressed.get().press()) {
            case STALE -> sender.answerButton(update.callbackId(), "This alert is over: the state of " + target
                    + " changed since; nothing was done.", true);
            case ALREADY -> sender.answerButton(update.callbackId(), "Already acknowledged by "
                    + alert.acknowledgedBy().orElse("someone") + ".", true);
            case DONE -> {
                sender.answerButton(update.callbackId(), acknowledge ? "Acknowledged." : "Alerts of " + target
                        + " snoozed for an hour.", false);
                edit(sender, alert);
            }
        }
        audit(context, user, update, action, target, "allowed",
                pressed.get().press().name().toLowerCase(java.util.Locale.ROOT));
    }

    /** Shows who acknowledged and the snooze under every message of the alert; one failing does not stop the rest. */
    private static void edit(ChatSender sender, DriftStates.Alert alert) {
        StringBuilder html = new StringBuilder(alert.summary()).append('\n');
        alert.acknowledgedBy().ifPresent(name -> html.append("\n👀 acknowledged by ").append(Html.escape(name)));
        alert.snoozedUntil().ifPresent(until -> html.append("\n🔕 alerts of ").append(Html.code(alert.target()))
                .append(" snoozed by ").append(Html.escape(alert.snoozedBy().orElse("someone"))).append(" until ")
                .append(TIME.format(until)));
        for (DriftStates.Posted posted : alert.messages()) {
            try {
                new Replies(sender, posted.chatId()).edit(posted.messageId(), html.toString(),
                        buttons(alert.id(), alert.acknowledgedBy().isPresent()));
            } catch (RuntimeException e) {
                log.warn("Could not update the drift alert of {} in chat {}: {}", alert.target(), posted.chatId(),
                        e.getMessage());
            }
        }
    }

    private static void audit(ChatContext context, UserConfig user, IncomingUpdate update, String action,
                              String target, String decision, String outcome) {
        context.audit().record(new Audit.Entry(null, user.id(), user.name(), update.chatId(), action, target, null,
                decision, outcome, null));
    }
}
