package io.migrabot.cli;

import io.migrabot.ErrorCode;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every command's usage holds, given in one place so that a new command has it too: {@code -h}/{@code --help}
 * and {@code -V}/{@code --version}, the target options under a heading of their own, the examples its annotation
 * lists (its footer), and the exit statuses. A usage mistake is one line whose hint names a help that exists; a
 * line asking for help or the version gets it, whatever else is on it.
 */
final class Usage {
    private static final Set<String> HELP = Set.of("-h", "--help");
    private static final List<String> VERSION = List.of("-V", "--version");
    /** The help sections' names for the target options. */
    private static final String TARGET_OPTIONS = "targetOptions";
    private static final Map<String, String> EXIT_CODES = exitCodes();

    private Usage() {
    }

    /** Gives {@code command} (a subcommand of migrabot) the standard options and the shared parts of its usage. */
    static void complete(CommandLine command) {
        CommandSpec spec = command.getCommandSpec();
        if (spec.optionsMap().keySet().stream().noneMatch(HELP::contains)) {
            spec.mixinStandardHelpOptions(true);
        } else if (spec.optionsMap().keySet().stream().noneMatch(VERSION::contains)) {
            spec.addOption(OptionSpec.builder(VERSION.toArray(String[]::new)).versionHelp(true)
                    .description("Print version information and exit.").build());
        }
        spec.versionProvider(new Version());
        UsageMessageSpec usage = spec.usageMessage().descriptionHeading("%n").commandListHeading("%nCommands:%n")
                .parameterListHeading("%nArguments:%n").optionListHeading("%nOptions:%n");
        if (usage.exitCodeList().isEmpty()) {
            usage.exitCodeListHeading("%nExit status:%n").exitCodeList(EXIT_CODES);
        }
        if (usage.footer().length > 0) {
            usage.footerHeading("%nExamples:%n");
        }
        spec.mixins().values().stream().filter(mixin -> mixin.userObject() instanceof TargetOptions).findFirst()
                .ifPresent(target -> targetSection(command, target.options()));
    }

    /** The target options after the command's own, under a heading that says how they combine. */
    private static void targetSection(CommandLine command, List<OptionSpec> targetOptions) {
        Map<String, CommandLine.IHelpSectionRenderer> sections = new LinkedHashMap<>(command.getHelpSectionMap());
        sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, help -> {
            List<OptionSpec> own = new ArrayList<>(help.commandSpec().options());
            own.removeAll(targetOptions);
            return help.optionListExcludingGroups(own);
        });
        sections.put(TARGET_OPTIONS + "Heading", help -> help.createHeading("%nTarget: --target NAME from the "
                + "configuration, or ad hoc: --url JDBC_URL with -c alembic.ini or --dir SQL_DIR (password from "
                + "$PGPASSWORD):%n"));
        sections.put(TARGET_OPTIONS, help -> help.optionListExcludingGroups(targetOptions));
        List<String> order = new ArrayList<>(command.getHelpSectionKeys());
        int after = order.indexOf(UsageMessageSpec.SECTION_KEY_OPTION_LIST) + 1;
        order.addAll(after, List.of(TARGET_OPTIONS + "Heading", TARGET_OPTIONS));
        command.setHelpSectionMap(sections);
        command.setHelpSectionKeys(order);
    }

    /**
     * A usage mistake: one line on standard error with the help to read, exit 2. When the line also asks for help
     * or the version (as in {@code upgrade --help} with REV missing), that is printed instead, exit 0.
     */
    static int mistake(CommandLine.ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        List<String> words = List.of(args);
        if (words.stream().anyMatch(HELP::contains)) {
            command.usage(command.getOut());
            command.getOut().flush();
            return 0;
        }
        if (words.stream().anyMatch(VERSION::contains)) {
            command.printVersionHelp(command.getOut());
            command.getOut().flush();
            return 0;
        }
        String name = command.getCommandName();
        command.getErr().println("migrabot: " + e.getMessage() + " (see 'migrabot "
                + (command.getParent() == null ? "" : name + " ") + "--help')");
        command.getErr().flush();
        return ErrorCode.USAGE.exitStatus();
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put("0", "success");
        codes.put("1", "problems found (in the scripts, the configuration or the database), or the operation failed");
        codes.put("2", "a usage mistake, a configuration that cannot be used, or a revision argument that names "
                + "no revision (one line on standard error)");
        codes.put("3", "internal error (a bug: please report it)");
        return codes;
    }
}
