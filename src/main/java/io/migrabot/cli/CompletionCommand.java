package io.migrabot.cli;

import io.migrabot.config.ConfigLoader;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Prints picocli's completion script for the whole command tree. The script is bash; zsh runs it through
 * bashcompinit, which the script loads itself. Target names are read from the configuration when the script is
 * made, since reading them at each TAB would start a JVM.
 */
@Command(name = "completion", description = "Print a completion script for bash or zsh: commands, options, and "
        + "the target names of the configuration (read now).",
        footer = {"  source <(migrabot completion bash)          # in this shell, or in ~/.bashrc",
                "  migrabot completion bash > ~/.local/share/bash-completion/completions/migrabot",
                "  source <(migrabot completion zsh)           # in ~/.zshrc"})
final class CompletionCommand implements Callable<Integer> {
    private static final List<String> SHELLS = List.of("bash", "zsh");

    @Parameters(paramLabel = "SHELL", completionCandidates = Shells.class, description = "bash or zsh.")
    String shell;

    @Option(names = "--config", paramLabel = "FILE", description = "Complete --target with this configuration's "
            + "target names (default: config/migrabot.yml, skipped when it does not exist).")
    Path config = Path.of("config/migrabot.yml");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!SHELLS.contains(shell)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "no completion for the shell '" + shell
                    + "': choose bash or zsh");
        }
        boolean given = spec.commandLine().getParseResult().hasMatchedOption("--config");
        List<String> targets = given || Files.exists(config) ? ConfigLoader.targetNames(config) : List.of();
        CommandLine root = spec.root().commandLine();
        for (CommandLine command : root.getSubcommands().values()) {
            OptionSpec target = command.getCommandSpec().findOption("--target");
            if (target != null && !targets.isEmpty()) {
                command.getCommandSpec().remove(target);
                command.getCommandSpec().addOption(target.toBuilder().completionCandidates(targets).build());
            }
        }
        spec.commandLine().getOut().print(AutoComplete.bash("migrabot", root));
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The shells a script is made for, for the completion of this command's own argument. */
    static final class Shells implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return SHELLS.iterator();
        }
    }
}
