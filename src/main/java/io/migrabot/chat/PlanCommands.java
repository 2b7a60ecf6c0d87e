package io.migrabot.chat;

import io.migrabot.MigrabotException;
import io.migrabot.config.Role;
import io.migrabot.impact.ImpactReport;
import io.migrabot.impact.RevisionImpact;
import io.migrabot.operation.Impact;
import io.migrabot.operation.Target;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * {@code /plan [TARGET] REV [--down]}: the measured impact of an upgrade (or downgrade) to REV, made in a shadow
 * database on an operation thread, as the approval requests show it.
 */
final class PlanCommands {
    private static final Logger log = LoggerFactory.getLogger(PlanCommands.class);

    private PlanCommands() {
    }

    static List<ChatCommand> all() {
        return List.of(new ChatCommand("plan", "[TARGET] REV [--down]", "What an upgrade (or downgrade) to REV would "
                + "lock, rewrite and destroy, measured in a shadow database", Role.OPERATOR, PlanCommands::plan));
    }

    private static void plan(Call call) {
        boolean down = call.line().flag("--down");
        Target target = call.target();
        String revision = call.argument();
        ChatContext context = call.context();
        Replies replies = call.replies();
        int status = replies.text("📐 measuring " + (down ? "a downgrade" : "an upgrade") + " of "
                + Html.code(target.name()) + " to " + Html.code(revision) + " in a shadow database…");
        context.operations().submit(call.caller().chatId(), "plan on " + target.name(), cancellation -> {
            try {
                ImpactReport report = new Impact(target, context.doctor().shadows())
                        .plan(down ? "downgrade" : "upgrade", revision);
                replies.edit(status, html(report), List.of());
            } catch (MigrabotException e) {
                replies.edit(status, "❌ " + Html.escape(e.getMessage()), List.of());
            } catch (RuntimeException e) {
                String id = Conversation.incidentId();
                log.error("/plan on {} failed (incident {})", target.name(), id, e);
                replies.edit(status, "❌ the plan failed (incident " + id + "); the log has the details", List.of());
            }
        });
    }

    /** The report as chat markup: the overall risk, then each revision's risk and findings, one a line. */
    static String html(ImpactReport report) {
        StringBuilder html = new StringBuilder("📐 <b>impact</b> of ").append(Html.escape(report.operation()))
                .append(" to ").append(Html.code(report.destination())).append(" on ")
                .append(Html.code(report.target())).append(": risk <b>").append(report.risk().key()).append("</b>");
        report.unknown().ifPresent(why -> html.append("\n❓ impact unknown: ").append(Html.escape(why)));
        for (RevisionImpact revision : report.revisions()) {
            html.append('\n').append(Html.code(revision.revision())).append(": ").append(revision.risk().key());
            for (String finding : revision.findings()) {
                html.append("\n• ").append(Html.escape(finding));
            }
        }
        return html.toString();
    }
}
