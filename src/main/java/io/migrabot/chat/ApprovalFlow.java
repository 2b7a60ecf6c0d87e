package io.migrabot.chat;

import io.migrabot.config.ApprovalPolicy;
import io.migrabot.config.Role;
import io.migrabot.config.UserConfig;
import io.migrabot.impact.ImpactReport;
import io.migrabot.operation.Plan;
import io.migrabot.operation.SqlPreview;
import io.migrabot.operation.Target;
import io.migrabot.state.ButtonIds;
import io.migrabot.state.Approvals;
import io.migrabot.state.Audit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Approval of destructive operations. A request shows exactly what would run and carries Approve and Reject
 * buttons whose data is an opaque id; each press is decided by {@link Approvals} under a row lock, so the change
 * runs once however many approvers press at once, and the request message is edited with who decided and how it
 * ended. Forged, stale and expired presses get an alert and change nothing.
 */
final class ApprovalFlow {
    static final String APPROVE = "ap:";
    static final String REJECT = "rj:";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm 'UTC'").withZone(ZoneOffset.UTC);
    private static final Logger log = LoggerFactory.getLogger(ApprovalFlow.class);

    private ApprovalFlow() {
    }

    static boolean handles(String data) {
        return data != null && (data.startsWith(APPROVE) || data.startsWith(REJECT));
    }

    /** @param impact the change's measured impact, shown first; empty for changes that are not measured */
    static void request(ChatContext context, Replies replies, Caller caller, ChangeKind kind, Target target,
                        Plan plan, ApprovalPolicy policy, Optional<ImpactReport> impact) {
        UserConfig requester = caller.user();
        StringBuilder html = new StringBuilder("🔐 <b>Approval needed</b>: ").append(kind.key()).append(" on ")
                .append(Html.code(target.name())).append(" (").append(target.config().environment().key())
                .append(")\nrequested by ").append(Html.escape(requester.name())).append(": ")
                .append(Html.code("/" + kind.key() + " " + target.name() + " " + String.join(" ", plan.arguments())));
        impact.ifPresent(report -> {
            html.append('\n').append(PlanCommands.html(report));
            if (!policy.requires(kind.key())) {
                html.append("\nit waits for approval because its risk is ").append(report.risk().key())
                        .append(" (approvals.").append(target.config().environment().key()).append(".risk: ")
                        .append(policy.risk().orElseThrow().key()).append(')');
            }
        });
        html.append("\nfrom ").append(Format.heads(plan.heads()));
        if (!plan.revisions().isEmpty()) {
            html.append("\nruns ").append(plan.revisions().size()).append(" revision(s): ")
                    .append(Format.revisions(plan.revisions()));
        }
        for (String change : plan.changes()) {
            html.append("\n• ").append(Html.code(change));
        }
        sqlPreview(replies, kind, target, plan).ifPresent(line -> html.append('\n').append(line));
        html.append("\nbackup first: ").append(target.config().backup().requiredBefore(kind.key())
                ? "yes, a verified backup" : "no (not in this target's backup policy)");
        html.append("\nneeds ").append(policy.approvers()).append(" approval(s) by an admin")
                .append(policy.selfApproval() ? "" : ", not the requester");
        String summary = html.toString();
        String id = context.approvals().create(target.name(), kind.key(), plan.arguments(),
                Changes.fingerprint(plan, impact),
                requester.id(), requester.name(), policy.selfApproval(), summary, caller.chatId(),
                policy.approvers(), policy.expires());
        long chat = caller.chatId();
        String shown = summary + "\nexpires " + TIME.format(context.approvals().find(id).orElseThrow().expiresAt());
        context.approvals().attachMessage(id, chat, replies.text(shown, buttons(id)));
        if (chat == requester.id()) {
            // asked in private: the approvers cannot see that chat, so each gets the request in theirs
            for (UserConfig approver : approvers(context, target, requester)) {
                try {
                    Replies theirs = new Replies(replies.sender(), approver.id());
                    context.approvals().attachMessage(id, approver.id(), theirs.text(shown, buttons(id)));
                } catch (RuntimeException e) {
                    log.warn("Could not send approval request {} to {}: {}", id, approver.name(), e.getMessage());
                }
            }
        }
        audit(context, requester, chat, kind.key(), target.name(), plan, "requested", null);
    }

    /** The admins, other than the requester, who see the target. */
    private static List<UserConfig> approvers(ChatContext context, Target target, UserConfig requester) {
        return context.config().bot().users().stream()
                .filter(u -> u.role().atLeast(Role.ADMIN) && u.reaches(target.config()))
                .filter(u -> u.id() != requester.id())
                .toList();
    }

    /** The SQL the change would run, attached as a file, and a line with its digest; empty for non-migrations. */
    private static Optional<String> sqlPreview(Replies replies, ChangeKind kind, Target target, Plan plan) {
        if (kind != ChangeKind.UPGRADE && kind != ChangeKind.DOWNGRADE) {
            return Optional.empty();
        }
        try {
            SqlPreview.Result preview = new SqlPreview(target).preview(plan.heads(), plan.arguments().get(0),
                    kind == ChangeKind.UPGRADE);
            byte[] sql = preview.sql().getBytes(StandardCharsets.UTF_8);
            String digest = HexFormat.of().formatHex(sha256(sql));
            replies.document(kind.key() + "-" + target.name() + ".sql", sql, "SQL preview, sha256 "
                    + digest.substring(0, 16));
            return Optional.of("SQL preview: sha256 " + Html.code(digest.substring(0, 16)) + "… (attached)");
        } catch (RuntimeException e) {
            return Optional.of("SQL preview unavailable: " + Html.escape(e.getMessage()));
        }
    }

    private static List<List<ChatSender.Button>> buttons(String id) {
        return List.of(List.of(new ChatSender.Button("✅ Approve", APPROVE + id),
                new ChatSender.Button("❌ Reject", REJECT + id)));
    }

    /** A press of Approve or Reject by a configured user in an allowed chat. */
    static void press(ChatContext context, ChatSender sender, IncomingUpdate update, UserConfig user) {
        String data = update.callbackData();
        boolean approve = data.startsWith(APPROVE);
        String id = data.substring(3);
        Optional<Approvals.Request> found = ButtonIds.wellFormed(id) ? context.approvals().find(id) : Optional.empty();
        if (found.isEmpty() || !found.get().postedAt(update.chatId(), update.messageId())) {
            sender.answerButton(update.callbackId(), "This button is not valid; nothing was done.", true);
            audit(context, user, update.chatId(), approve ? "approve" : "reject", null, null, "refused",
                    "unknown request");
            return;
        }
        Approvals.Request request = found.get();
        boolean reaches = context.access().target(user, request.target()).isPresent();
        boolean mayDecide = reaches && (user.role().atLeast(Role.ADMIN) || (!approve && request.requestedBy() == user.id()));
        if (!mayDecide) {
            sender.answerButton(update.callbackId(), "Only an admin of " + request.target() + " can "
                    + (approve ? "approve" : "reject") + " this.", true);
            audit(context, user, update.chatId(), approve ? "approve" : "reject", request.target(), null, "refused",
                    "not an admin of the target");
            return;
        }
        Approvals.Decision decision = approve ? context.approvals().approve(id, user.id())
                : context.approvals().reject(id, user.id());
        Replies replies = new Replies(sender, update.chatId());
        Approvals.Request now = decision.request().orElse(request);
        switch (decision.verdict()) {
            case UNKNOWN -> sender.answerButton(update.callbackId(), "This request no longer exists.", true);
            case EXPIRED -> {
                sender.answerButton(update.callbackId(), "This request expired; nothing was run. Ask again.", true);
                edit(sender, now, "⌛ expired; nothing was run");
            }
            case CLOSED -> sender.answerButton(update.callbackId(), "Already decided: " + now.state() + ".", true);
            case SELF_APPROVAL -> sender.answerButton(update.callbackId(), "You cannot approve your own request on "
                    + "this target; another admin must.", true);
            case REPEATED -> sender.answerButton(update.callbackId(), "You approved this already.", true);
            case COUNTED -> {
                sender.answerButton(update.callbackId(), "Approval counted (" + now.approvers().size() + " of "
                        + now.required() + ").", false);
                edit(sender, now, "👍 approved by " + Html.escape(user.name()) + " (" + now.approvers().size()
                        + " of " + now.required() + ")", buttons(id));
            }
            case APPROVED -> {
                sender.answerButton(update.callbackId(), "Approved; running it now.", false);
                edit(sender, now, "✅ approved by " + Html.escape(user.name()) + "; running…");
                execute(context, replies, update, user, now);
            }
            case REJECTED -> {
                sender.answerButton(update.callbackId(), "Rejected.", false);
                edit(sender, now, "🚫 rejected by " + Html.escape(user.name()) + "; nothing was run");
            }
        }
        audit(context, user, update.chatId(), request.operation(), request.target(), null,
                decision.verdict().name().toLowerCase(java.util.Locale.ROOT), request.id());
    }

    private static void execute(ChatContext context, Replies replies, IncomingUpdate update, UserConfig approver,
                                Approvals.Request request) {
        ChangeKind kind = ChangeKind.of(request.operation());
        UserConfig requester = context.config().bot().user(request.requestedBy()).orElse(approver);
        Caller caller = new Caller(requester, update.chatId(), update.updateId(), update.messageId());
        try {
            Changes.execute(context, replies, caller, kind, request.target(), request.arguments(),
                    request.fingerprint(), outcome -> {
                context.approvals().finish(request.id(), outcome.ok(), outcome.summary());
                edit(replies.sender(), request, "✅ approved by " + Html.escape(approver.name()) + "\n"
                        + (outcome.ok() ? "done: " : "failed: ") + Html.escape(outcome.summary()));
            });
        } catch (RuntimeException e) {
            context.approvals().finish(request.id(), false, e.getMessage());
            throw e;
        }
    }

    /** Marks requests past their expiry and edits their messages; called periodically. */
    static int expire(ChatContext context, ChatSender sender) {
        List<Approvals.Request> expired = context.approvals().expireDue();
        for (Approvals.Request request : expired) {
            edit(sender, request, "⌛ expired; nothing was run");
        }
        return expired.size();
    }

    private static void edit(ChatSender sender, Approvals.Request request, String status) {
        edit(sender, request, status, List.of());
    }

    /** Edits every message showing the request; one that cannot be edited does not stop the others. */
    private static void edit(ChatSender sender, Approvals.Request request, String status,
                             List<List<ChatSender.Button>> buttons) {
        for (Approvals.Posted posted : request.messages()) {
            try {
                new Replies(sender, posted.chatId()).edit(posted.messageId(), request.summary() + "\n\n" + status,
                        buttons);
            } catch (RuntimeException e) {
                log.warn("Could not update approval request {} in chat {}: {}", request.id(), posted.chatId(),
                        e.getMessage());
            }
        }
    }

    private static void audit(ChatContext context, UserConfig user, long chatId, String command, String target,
                              Plan plan, String decision, String outcome) {
        context.audit().record(new Audit.Entry(null, user.id(), user.name(), chatId, command, target,
                plan == null ? null : String.join(" ", plan.arguments()), decision, outcome, null));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
