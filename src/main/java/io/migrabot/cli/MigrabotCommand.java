package io.migrabot.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top of the command tree; each subcommand is one operation. */
@Command(name = "migrabot", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Chat-ops for Alembic and SQL schema migrations on PostgreSQL.",
        subcommands = {HeadsCommand.class, BranchesCommand.class, HistoryCommand.class, ShowCommand.class,
                CurrentCommand.class, UpgradeCommand.class, DowngradeCommand.class, StampCommand.class,
                MergeCommand.class, SqlCommand.class, BackupCommand.class, BackupsCommand.class,
                RestoreCommand.class, GraphCommand.class, DoctorCommand.class, RunCommand.class, ConsoleCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success", "1:problems found in the script directory, or an operation failed",
                "2:usage or configuration error", "3:internal error (a bug: please report it)"})
public final class MigrabotCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
