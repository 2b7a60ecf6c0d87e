package io.migrabot.chat;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.ApprovalPolicy;
import io.migrabot.operation.Plan;
import io.migrabot.operation.Target;

import java.util.List;
import java.util.function.Consumer;

/**
 * A change asked for in chat: planned first; nothing to do is said at once; what the target's approval policy
 * names waits for approval ({@link ApprovalFlow}); the rest runs now.
 */
final class Changes {
    private Changes() {
    }

    static void request(Call call, ChangeKind kind, List<String> arguments) {
        request(call.context(), call.replies(), call.caller(), call.target(), kind, arguments);
    }

    /** A change asked for by {@code caller}, typed or pressed (a doctor's fix). */
    static void request(ChatContext context, Replies replies, Caller caller, Target target, ChangeKind kind,
                        List<String> arguments) {
        Plan plan = kind.plan(target, context.backups(), arguments);
        if (plan.nothingToDo()) {
            replies.text("✅ nothing to do: " + Html.code(target.name()) + " is at " + Format.heads(plan.heads()));
            return;
        }
        ApprovalPolicy policy = context.config().bot().approval(target.config().environment());
        if (policy.requires(kind.key())) {
            ApprovalFlow.request(context, replies, caller, kind, target, plan, policy);
        } else {
            execute(context, replies, caller, kind, plan.target(), plan.arguments(), plan.fingerprint(),
                    outcome -> { });
        }
    }

    /**
     * Runs a planned change. Just before it runs, it is planned again: when the plan's fingerprint is no longer
     * {@code fingerprint} (another operation ran, files changed since it was shown), nothing runs.
     */
    static void execute(ChatContext context, Replies replies, Caller caller, ChangeKind kind, String targetName,
                        List<String> arguments, String fingerprint, Consumer<Outcome> then) {
        String heading = "<b>" + kind.key() + "</b> on " + Html.code(targetName) + " "
                + Html.escape(String.join(" ", arguments)) + " by " + Html.escape(caller.user().name());
        Execution.start(context, replies, caller, kind.key(), targetName, String.join(" ", arguments),
                heading, (progress, cancellation) -> {
                    Target target = context.targets().open(targetName);
                    Plan now = kind.plan(target, context.backups(), arguments);
                    if (!now.fingerprint().equals(fingerprint)) {
                        throw new MigrabotException(ErrorCode.USAGE, "the plan changed since it was made (the "
                                + "database is now at " + String.join(", ", now.heads()) + ", or revision files "
                                + "changed); nothing was run; ask again to see the new plan");
                    }
                    return kind.run(target, context.backups(), arguments, caller.who(), progress, cancellation);
                }, then);
    }
}
