package io.migrabot.config;

import java.time.Duration;

/**
 * How long the state database keeps what it no longer needs, pruned once a day by one instance.
 *
 * @param inbox              processed (done or failed) Telegram updates; at least a day, the redelivery window
 * @param audit              audit log entries
 * @param journal            finished operations in the journal
 * @param approvals          decided or expired approval requests, and the doctor's expired fixes
 * @param driftAlerts        drift alerts no longer current (their target's state changed or they were
 *                           acknowledged), counted from their acknowledgement or else their posting
 * @param schemaCache        expected schemas of script versions no target has read or built for this long (every
 *                           drift check reads those of the scripts it checks against)
 * @param schemaCacheVersions the expected schemas of this many most recently used script versions are always kept
 * @param cron               when the pruning runs, a Quartz cron expression read in UTC
 */
public record RetentionPolicy(Duration inbox, Duration audit, Duration journal, Duration approvals,
                              Duration driftAlerts, Duration schemaCache, int schemaCacheVersions, String cron) {
    public static final RetentionPolicy DEFAULT = new RetentionPolicy(Duration.ofDays(7), Duration.ofDays(365),
            Duration.ofDays(90), Duration.ofDays(90), Duration.ofDays(30), Duration.ofDays(2), 3, "0 30 3 * * ?");
}
