package io.migrabot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/** {@code migrabot completion}: the script, sourced in a real bash, completes commands, options and targets. */
class CompletionCommandTest {
    @TempDir
    Path dir;

    @Test
    void completesCommandsOptionsAndTheConfigurationsTargetNames() throws Exception {
        Path config = Files.writeString(dir.resolve("migrabot.yml"), """
                targets:
                  shop: {url: jdbc:postgresql://localhost/shop}
                  billing: {url: "${NOT_SET_HERE}"}
                  "$(touch pwned)": {url: jdbc:postgresql://localhost/x}
                """);
        Path script = script("bash", "--config", config.toString());
        assertThat(complete(script, "migrabot", "upg")).containsExactly("upgrade");
        assertThat(complete(script, "migrabot", "he")).contains("heads", "help");
        assertThat(complete(script, "migrabot", "upgrade", "--ta")).containsExactly("--target");
        assertThat(complete(script, "migrabot", "graph", "--ou")).containsExactly("--output");
        assertThat(complete(script, "migrabot", "doctor", "--target", "")).containsExactly("shop", "billing");
        assertThat(complete(script, "migrabot", "completion", "")).containsExactly("bash", "zsh");
        assertThat(dir.resolve("pwned")).doesNotExist();
    }

    @Test
    void zshGetsTheSameScriptWhichLoadsBashcompinitItself() throws IOException {
        Path config = Files.writeString(dir.resolve("one.yml"), "targets:\n  shop: {url: jdbc:postgresql://h/s}\n");
        AlembicCli.Output zsh = AlembicCli.migrabot(List.of("completion", "zsh", "--config", config.toString()));
        AlembicCli.Output bash = AlembicCli.migrabot(List.of("completion", "bash", "--config", config.toString()));
        assertThat(zsh.exitCode()).isZero();
        assertThat(zsh.stdout()).isEqualTo(bash.stdout()).contains("bashcompinit", "complete -F _complete_migrabot");
    }

    @Test
    void withoutTheDefaultConfigurationFileTheScriptHasNoTargetNames() throws Exception {
        assumeFalse(Files.exists(Path.of("config/migrabot.yml")), "this checkout has a config/migrabot.yml");
        AlembicCli.Output out = AlembicCli.migrabot(List.of("completion", "bash"));
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        Path script = Files.writeString(dir.resolve("script.bash"), out.stdout());
        assertThat(complete(script, "migrabot", "upgrade", "--target", "")).isEmpty();
    }

    @Test
    void aConfigurationFileNamedButMissingIsOneLine() {
        Path missing = dir.resolve("missing.yml");
        AlembicCli.Output out = AlembicCli.migrabot(List.of("completion", "bash", "--config", missing.toString()));
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.stdout()).isEmpty();
        assertThat(out.stderr().lines()).singleElement().asString().contains(missing.toString());
    }

    private Path script(String... args) throws IOException {
        List<String> line = new ArrayList<>(List.of("completion"));
        line.addAll(List.of(args));
        AlembicCli.Output out = AlembicCli.migrabot(line);
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        return Files.writeString(dir.resolve("script.bash"), out.stdout());
    }

    /** What bash offers after {@code words} (the last one being completed), as a TAB would. */
    private List<String> complete(Path script, String... words) throws Exception {
        String driver = "source \"$1\"; shift; COMP_WORDS=(\"$@\"); COMP_CWORD=$(($# - 1)); COMP_LINE=\"$*\"; "
                + "COMP_POINT=${#COMP_LINE}; _complete_migrabot; printf '%s\\n' \"${COMPREPLY[@]}\"";
        List<String> command = new ArrayList<>(List.of("bash", "-c", driver, "bash", script.toString()));
        command.addAll(List.of(words));
        Process bash = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out.lines().filter(line -> !line.isEmpty()).toList();
    }
}
