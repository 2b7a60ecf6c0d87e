package io.migrabot.chat;

import io.migrabot.backup.BackupService;
import io.migrabot.config.MigrabotConfig;
import io.migrabot.monitor.BotMetrics;
import io.migrabot.operation.Doctor;
import io.migrabot.operation.TargetRegistry;
import io.migrabot.schedule.DriftScheduler;
import io.migrabot.state.Approvals;
import io.migrabot.state.Audit;
import io.migrabot.state.ChatSettings;
import io.migrabot.state.DriftStates;
import io.migrabot.state.Fixes;
import io.migrabot.state.Journal;

/**
 * What commands work with: the configuration, the targets, backups, the bot's state tables, the schedule of
 * drift checks, and the meters that count what they did.
 */
public record ChatContext(MigrabotConfig config, Access access, TargetRegistry targets, BackupService backups,
                          Audit audit, Approvals approvals, Journal journal, ChatSettings chats, Fixes fixes,
                          Operations operations, Doctor doctor, DriftStates drift, DriftScheduler schedule,
                          BotMetrics metrics) {
}
