package io.migrabot.chat;

import io.migrabot.config.Role;
import io.migrabot.config.TargetConfig;
import io.migrabot.state.DriftStates;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code /schedule}: for each target the person sees, when its drift is checked and what the last check found. */
final class ScheduleCommands {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private ScheduleCommands() {
    }

    static List<ChatCommand> all() {
        return List.of(new ChatCommand("schedule", "", "Scheduled drift checks: the next one and the last result "
                + "per target", Role.VIEWER, ScheduleCommands::schedule));
    }

    private static void schedule(Call call) {
        call.arguments(0, 0);
        ChatContext context = call.context();
        Map<String, DriftStates.Last> last = context.drift().all().stream()
                .collect(Collectors.toMap(DriftStates.Last::target, Function.identity()));
        StringBuilder html = new StringBuilder("⏰ <b>Scheduled drift checks</b> (cron in UTC)");
        for (TargetConfig target : context.access().targets(call.caller().user())) {
            html.append("\n\n<b>").append(Html.escape(target.name())).append("</b>: ").append(when(context, target))
                    .append("\nlast check: ").append(last.containsKey(target.name())
                            ? describe(last.get(target.name())) : "none yet");
        }
        call.replies().text(html.toString());
    }

    private static String when(ChatContext context, TargetConfig target) {
        if (!target.drift().enabled()) {
            return "off (drift.enabled: false)";
        }
        if (!target.drift().runs(context.config().bot())) {
            return "off: no chat to alert (set drift.chats, or chats)";
        }
        return Html.code(target.drift().cron()) + ", next " + context.schedule().nextCheck(target.name())
                .map(WHEN::format).orElse("not scheduled (checks run while migrabot run does)");
    }

    private static String describe(DriftStates.Last last) {
        StringBuilder html = new StringBuilder(WHEN.format(last.checkedAt())).append(", ")
                .append(last.kind().symbol()).append(' ').append(last.kind().label());
        if (last.kind() != DriftStates.Kind.HEALTHY) {
            html.append(" since ").append(WHEN.format(last.changedAt())).append(": ")
                    .append(Html.escape(last.detail()));
        }
        last.snoozedUntil().ifPresent(until -> html.append("; alerts snoozed until ").append(WHEN.format(until)));
        return html.toString();
    }
}
