package io.migrabot.config;

import io.migrabot.impact.Risk;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Which operations on targets of one environment wait for approval, and how approval is given.
 *
 * @param operations   operations that need approval (of upgrade, downgrade, stamp, restore, merge)
 * @param approvers    how many distinct admins must approve
 * @param selfApproval whether the requester may be one of them
 * @param expires      how long a request stays open
 * @param risk         an upgrade or downgrade whose measured risk is at least this waits for approval too, even when
 *                     its operation is not listed; empty for none
 */
public record ApprovalPolicy(Set<String> operations, int approvers, boolean selfApproval, Duration expires,
                             Optional<Risk> risk) {
    /** Operations a policy can name. */
    public static final Set<String> OPERATIONS = Set.of("upgrade", "downgrade", "stamp", "restore", "merge");
    public static final Duration DEFAULT_EXPIRY = Duration.ofMinutes(15);

    public ApprovalPolicy {
        operations = Set.copyOf(operations);
    }

    /** A policy by operation only. */
    public ApprovalPolicy(Set<String> operations, int approvers, boolean selfApproval, Duration expires) {
        this(operations, approvers, selfApproval, expires, Optional.empty());
    }

    /** The default: downgrade, stamp and restore everywhere, upgrade too on production; no self-approval there. */
    public static ApprovalPolicy defaultFor(Environment environment) {
        return environment == Environment.PRODUCTION
                ? new ApprovalPolicy(Set.of("upgrade", "downgrade", "stamp", "restore"), 1, false, DEFAULT_EXPIRY)
                : new ApprovalPolicy(Set.of("downgrade", "stamp", "restore"), 1, true, DEFAULT_EXPIRY);
    }

    public boolean requires(String operation) {
        return operations.contains(operation);
    }
}
