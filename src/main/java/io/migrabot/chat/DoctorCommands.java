package io.migrabot.chat;

import io.migrabot.config.Role;
import io.migrabot.config.TargetConfig;
import io.migrabot.config.UserConfig;
import io.migrabot.doctor.Diagnosis;
import io.migrabot.doctor.Finding;
import io.migrabot.doctor.Fix;
import io.migrabot.operation.Target;
import io.migrabot.state.ButtonIds;
import io.migrabot.state.Fixes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code /doctor}: examines a target and shows each finding with what it means and the evidence, and each safe fix
 * as a button. A pressed fix is a change like any other: planned, then run or sent for approval by the policy.
 */
final class DoctorCommands {
    static final String FIX = "fx:";
    private static final Duration FIX_VALID = Duration.ofHours(1);
    private static final Logger log = LoggerFactory.getLogger(DoctorCommands.class);

    private DoctorCommands() {
    }

    static List<ChatCommand> all() {
        return List.of(new ChatCommand("doctor", "[TARGET]", "Find what is wrong with a target, with safe fixes",
                Role.VIEWER, DoctorCommands::doctor));
    }

    private static void doctor(Call call) {
        TargetConfig config = call.targetConfig();
        call.arguments(0, 0);
        ChatContext context = call.context();
        Replies replies = call.replies();
        int status = replies.text("🩺 examining " + Html.code(config.name()) + "…");
        context.operations().submit(call.caller().chatId(), "doctor on " + config.name(), cancellation -> {
            try {
                Diagnosis diagnosis = context.doctor().examine(config, () -> context.targets().open(config.name()));
                replies.edit(status, report(diagnosis), buttons(context, call.caller().chatId(), diagnosis, status));
            } catch (RuntimeException e) {
                String id = Conversation.incidentId();
                log.error("/doctor on {} failed (incident {})", config.name(), id, e);
                replies.edit(status, "❌ the examination failed (incident " + id + "); the log has the details",
                        List.of());
            }
        });
    }

    /** The findings as chat markup, errors first. */
    static String report(Diagnosis diagnosis) {
        if (diagnosis.healthy()) {
            return "🩺 <b>" + Html.escape(diagnosis.target()) + "</b>: ✅ no problem found";
        }
        StringBuilder html = new StringBuilder("🩺 <b>").append(Html.escape(diagnosis.target())).append("</b>: ")
                .append(diagnosis.findings().size()).append(" finding(s)");
        for (Finding finding : diagnosis.findings()) {
            html.append("\n\n").append(finding.severity().symbol()).append(" <b>")
                    .append(Html.escape(finding.summary())).append("</b>\n<i>")
                    .append(Html.escape(finding.kind().meaning())).append("</i>");
            for (String line : finding.evidence()) {
                html.append("\n• ").append(Html.escape(line));
            }
        }
        return html.toString();
    }

    /** One button per fix, each stored so its press runs exactly what was offered. */
    private static List<List<ChatSender.Button>> buttons(ChatContext context, long chatId, Diagnosis diagnosis,
                                                         int messageId) {
        List<List<ChatSender.Button>> rows = new ArrayList<>();
        for (Finding finding : diagnosis.findings()) {
            for (Fix fix : finding.fixes()) {
                String id = context.fixes().offer(diagnosis.target(), fix.operation(), fix.arguments(), chatId,
                        FIX_VALID);
                context.fixes().attachMessage(id, messageId);
                rows.add(List.of(new ChatSender.Button("🔧 " + fix.label(), FIX + id)));
            }
        }
        return rows;
    }

    /** A press of a fix button by a configured user in an allowed chat. */
    static void press(ChatContext context, ChatSender sender, IncomingUpdate update, UserConfig user) {
        String id = update.callbackData().substring(FIX.length());
        Optional<Fixes.Offered> fix = ButtonIds.wellFormed(id) ? context.fixes().find(id) : Optional.empty();
        if (fix.isEmpty() || fix.get().chatId() != update.chatId()
                || !java.util.Objects.equals(fix.get().messageId(), update.messageId())) {
            sender.answerButton(update.callbackId(), "This fix is not valid (any more); run /doctor again.", true);
            return;
        }
        ChangeKind kind = ChangeKind.of(fix.get().operation());
        Optional<TargetConfig> target = context.access().target(user, fix.get().target());
        if (target.isEmpty() || !user.role().atLeast(kind.role())) {
            sender.answerButton(update.callbackId(), "This fix needs the " + kind.role().key() + " role on "
                    + fix.get().target() + ".", true);
            return;
        }
        sender.answerButton(update.callbackId(), "Planning: " + kind.key() + " " + String.join(" ",
                fix.get().arguments()), false);
        Caller caller = new Caller(user, update.chatId(), update.updateId(), update.messageId());
        Target opened = context.targets().open(target.get().name());
        Changes.request(context, new Replies(sender, update.chatId()), caller, opened, kind, fix.get().arguments());
    }
}
