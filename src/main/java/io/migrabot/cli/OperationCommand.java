package io.migrabot.cli;

import io.migrabot.backup.BackupService;
import io.migrabot.config.TargetConfig;
import io.migrabot.operation.Target;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.time.Clock;
import java.util.concurrent.Callable;

/** What every operation command shares: choosing the target, who acts, where output goes. */
abstract class OperationCommand implements Callable<Integer> {
    @Mixin
    TargetOptions targetOptions;

    @Spec
    CommandSpec spec;

    Terminal terminal() {
        return Terminal.of(spec);
    }

    TargetConfig config() {
        return targetOptions.resolve();
    }

    Target target() {
        return Target.open(config());
    }

    static BackupService backups() {
        return new BackupService(Clock.systemUTC());
    }

    /** Who acts, for locks, audit and backup records: the login running the command. */
    static String who() {
        return "cli:" + System.getProperty("user.name");
    }
}
