package io.migrabot.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command, read from picocli's model (so a new command is covered without a line here): its help through
 * {@code --help}, {@code -h} and {@code help COMMAND}, whatever else is on the line, and every usage mistake's hint
 * followed to a help that exists.
 */
class HelpTest {
    private static final Pattern HINT = Pattern.compile("\\(see '(migrabot[^']*)'\\)$");

    private static List<CommandSpec> commands() {
        return MigrabotCommand.commandLine(new String[0]).getSubcommands().values().stream()
                .map(CommandLine::getCommandSpec).toList();
    }

    @TestFactory
    Stream<DynamicTest> everyCommandPrintsItsUsageAndExitsZero() {
        return commands().stream().flatMap(spec -> Stream.of(
                List.of(spec.name(), "--help"), List.of(spec.name(), "-h"), List.of("help", spec.name()),
                List.of(spec.name(), "--no-such-option", "--help"), List.of(spec.name(), "-h", "extra", "words"))
                .map(line -> DynamicTest.dynamicTest(String.join(" ", line), () -> assertUsage(spec, line))));
    }

    @TestFactory
    Stream<DynamicTest> everyCommandPrintsTheVersion() {
        return commands().stream().flatMap(spec -> Stream.of(List.of(spec.name(), "-V"),
                        List.of(spec.name(), "--version", "--no-such-option"))
                .map(line -> DynamicTest.dynamicTest(String.join(" ", line), () -> {
                    AlembicCli.Output out = AlembicCli.migrabot(line);
                    assertThat(out.exitCode()).as(out.stderr()).isZero();
                    assertThat(out.stdout()).startsWith("migrabot ");
                    assertThat(out.stderr()).isEmpty();
                })));
    }

    @TestFactory
    Stream<DynamicTest> everyUsageMistakeIsOneLineWhoseHintWorks() {
        List<List<String>> mistakes = new ArrayList<>(List.of(List.of("--no-such-option"), List.of("frobnicate"),
                List.of("help", "frobnicate"), List.of("completion", "fish")));
        for (CommandSpec spec : commands()) {
            if (!spec.helpCommand()) { // help takes a line it cannot read as a question, and answers with the main help
                mistakes.add(List.of(spec.name(), "--no-such-option"));
            }
            if (spec.positionalParameters().stream().anyMatch(p -> p.arity().min() > 0)
                    || spec.options().stream().anyMatch(OptionSpec::required)) {
                mistakes.add(List.of(spec.name()));
            }
            for (OptionSpec option : spec.options()) {
                if (option.arity().min() > 0) {
                    mistakes.add(List.of(spec.name(), option.longestName()));
                }
            }
        }
        return mistakes.stream().map(line -> DynamicTest.dynamicTest(String.join(" ", line), () -> {
            AlembicCli.Output out = AlembicCli.migrabot(line);
            assertThat(out.exitCode()).as(line + ": " + out.stdout() + out.stderr()).isEqualTo(2);
            assertThat(out.stdout()).isEmpty();
            assertThat(out.stderr().lines()).singleElement().asString().startsWith("migrabot: ");
            Matcher hint = HINT.matcher(out.stderr().strip());
            assertThat(hint.find()).as(out.stderr()).isTrue();
            List<String> words = Arrays.asList(hint.group(1).split(" "));
            AlembicCli.Output help = AlembicCli.migrabot(words.subList(1, words.size()));
            assertThat(help.exitCode()).as(help.stderr()).isZero();
            assertThat(help.stdout()).startsWith("Usage: " + String.join(" ", words.subList(0, words.size() - 1)));
        }));
    }

    @Test
    void theTopLevelHelpListsEveryCommand() {
        AlembicCli.Output out = AlembicCli.migrabot(List.of("--help"));
        assertThat(out.exitCode()).isZero();
        assertThat(out.stdout()).contains(commands().stream().map(CommandSpec::name).toList());
    }

    @Test
    void operationsShowTheTargetOptionsUnderTheirOwnHeading() {
        String upgrade = AlembicCli.migrabot(List.of("upgrade", "--help")).stdout();
        String target = upgrade.substring(upgrade.indexOf("\nTarget: "));
        assertThat(target).contains("--target=NAME", "--url=JDBC_URL", "--dir=SQL_DIR", "--backup-dir=DIR");
        assertThat(upgrade.substring(upgrade.indexOf("\nOptions:"), upgrade.indexOf("\nTarget: ")))
                .contains("--help").doesNotContain("--url=JDBC_URL");
    }

    private static void assertUsage(CommandSpec spec, List<String> line) {
        AlembicCli.Output out = AlembicCli.migrabot(line);
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(out.stderr()).isEmpty();
        assertThat(out.stdout()).as(line.toString()).contains("Usage: migrabot " + spec.name(),
                "Exit status:", "Examples:", "  migrabot " + spec.name());
        for (OptionSpec option : spec.options()) {
            assertThat(out.stdout()).contains(Arrays.asList(option.names()));
        }
        spec.positionalParameters().forEach(p -> assertThat(out.stdout()).contains(p.paramLabel()));
    }
}
