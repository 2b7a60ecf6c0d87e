package io.migrabot.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.List;

/** The top of the command tree; each subcommand is one operation. */
@Command(name = "migrabot", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Chat-ops for Alembic and SQL schema migrations on PostgreSQL.",
        footerHeading = "%nExamples:%n",
        footer = {"  migrabot demo", "  migrabot heads -c alembic.ini", "  migrabot upgrade --help",
                "  migrabot help doctor"})
public final class MigrabotCommand implements Runnable {
    private static final List<Class<?>> SUBCOMMANDS = List.of(HeadsCommand.class, BranchesCommand.class,
            HistoryCommand.class, ShowCommand.class, CurrentCommand.class, UpgradeCommand.class,
            DowngradeCommand.class, StampCommand.class, MergeCommand.class, SqlCommand.class, PlanCommand.class,
            BackupCommand.class,
            BackupsCommand.class, RestoreCommand.class, GraphCommand.class, DoctorCommand.class, RunCommand.class,
            ConsoleCommand.class, CheckConfigCommand.class, DemoCommand.class, CompletionCommand.class,
            CommandLine.HelpCommand.class);
    /** The subcommands that read the whole command tree. */
    private static final List<Class<?>> TREE_READERS = List.of(CompletionCommand.class,
            CommandLine.HelpCommand.class);

    /**
     * The command line for {@code args}, in the order of the help. Only the subcommand {@code args} names is built
     * when it names one (other than help and completion, which read them all): picocli reflects over every
     * subcommand it is given, and building all of them for every one-shot command took ~100 ms of each run.
     */
    public static CommandLine commandLine(String[] args) {
        CommandLine cli = new CommandLine(new MigrabotCommand());
        String first = args.length == 0 ? "" : args[0];
        List<Class<?>> named = SUBCOMMANDS.stream()
                .filter(c -> c.getAnnotation(Command.class).name().equals(first)).toList();
        boolean all = named.isEmpty() || TREE_READERS.containsAll(named);
        for (Class<?> subcommand : all ? SUBCOMMANDS : named) {
            cli.addSubcommand(subcommand);
        }
        CommandLine help = cli.getSubcommands().get("help");
        if (help != null) {
            help.getCommandSpec().usageMessage().footer("  migrabot help upgrade", "  migrabot help completion");
        }
        Usage.complete(cli);
        cli.getSubcommands().values().forEach(Usage::complete);
        cli.setParameterExceptionHandler(Usage::mistake);
        return cli;
    }

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
