package io.migrabot.chat;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.ApprovalPolicy;
import io.migrabot.impact.ImpactReport;
import io.migrabot.operation.Impact;
import io.migrabot.operation.Plan;
import io.migrabot.operation.Target;

import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A change asked for in chat: planned first; nothing to do is said at once; what the target's approval policy
 * names, or an upgrade or downgrade whose impact measured in a shadow is at or above the policy's risk, waits for
 * approval ({@link ApprovalFlow}); the rest runs now.
 */
final class Changes {
    private static final String IMPACT = ":impact:";

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
        boolean listed = policy.requires(kind.key());
        Optional<ImpactReport> impact = measured(kind) && (listed || policy.risk().isPresent())
                ? Optional.of(impact(context, target, kind, arguments)) : Optional.empty();
        boolean risky = impact.isPresent() && policy.risk().isPresent()
                && impact.get().risk().atLeast(policy.risk().get());
        if (listed || risky) {
            ApprovalFlow.request(context, replies, caller, kind, target, plan, policy, impact);
        } else {
            execute(context, replies, caller, kind, plan.target(), plan.arguments(), plan.fingerprint(),
                    outcome -> { });
        }
    }

    /** Upgrades and downgrades are measured in a shadow before approval; other changes are not. */
    private static boolean measured(ChangeKind kind) {
        return kind == ChangeKind.UPGRADE || kind == ChangeKind.DOWNGRADE;
    }

    /** The measured impact; one that could not be measured is unknown, with the reason. */
    private static ImpactReport impact(ChatContext context, Target target, ChangeKind kind, List<String> arguments) {
        try {
            return new Impact(target, context.doctor().shadows()).plan(kind.key(), arguments.get(0));
        } catch (RuntimeException e) {
            return new ImpactReport(target.name(), kind.key(), arguments.get(0), List.of(), List.of(),
                    Optional.of(String.valueOf(e.getMessage())));
        }
    }

    /**
     * What an approval is given to: the plan's fingerprint and, for a measured change, the findings' (sizes left
     * out), so that neither a moved database nor a changed measurement runs what was not approved.
     */
    static String fingerprint(Plan plan, Optional<ImpactReport> impact) {
        return plan.fingerprint() + impact.map(i -> IMPACT + i.fingerprint()).orElse("");
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
                    int split = fingerprint.indexOf(IMPACT);
                    if (!now.fingerprint().equals(split < 0 ? fingerprint : fingerprint.substring(0, split))) {
                        throw new MigrabotException(ErrorCode.USAGE, "the plan changed since it was made (the "
                                + "database is now at " + String.join(", ", now.heads()) + ", or revision files "
                                + "changed); nothing was run; ask again to see the new plan");
                    }
                    if (split >= 0) {
                        ImpactReport measured = impact(context, target, kind, arguments);
                        if (!fingerprint.equals(fingerprint(now, Optional.of(measured)))) {
                            throw new MigrabotException(ErrorCode.USAGE, "the measured impact changed since the "
                                    + "request (now: risk " + measured.risk().key() + "); nothing was run; ask "
                                    + "again to see the new findings");
                        }
                    }
                    return kind.run(target, context.backups(), arguments, caller.who(), progress, cancellation);
                }, then);
    }
}
