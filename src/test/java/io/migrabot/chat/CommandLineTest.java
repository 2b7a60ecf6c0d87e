package io.migrabot.chat;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {
    private static CommandLine parse(String text) {
        return CommandLine.parse(text).orElseThrow();
    }

    @Test
    void readsTheNameWithoutTheBotNameInLowerCase() {
        CommandLine line = parse("/Upgrade@migrabot_bot shop head");
        assertThat(line.name()).isEqualTo("upgrade");
        assertThat(line.arguments()).containsExactly("shop", "head");
        assertThat(line.text()).isEqualTo("shop head");
    }

    @Test
    void textThatIsNotACommandIsNotParsed() {
        assertThat(CommandLine.parse("hello")).isEmpty();
        assertThat(CommandLine.parse("/")).isEmpty();
        assertThat(CommandLine.parse(null)).isEmpty();
    }

    @Test
    void quotesKeepSpacesTogether() {
        assertThat(parse("/merge -m \"merge the heads\" a b").option("-m")).contains("merge the heads");
        assertThat(parse("/merge -m 'it''s'").option("-m")).contains("its");
        assertThat(parse("/merge -m \u201csmart quotes\u201d").option("-m")).contains("smart quotes");
    }

    @Test
    void optionsAndFlagsAreTakenOutBeforeTheArguments() {
        CommandLine line = parse("/stamp shop --purge abc --message=x");
        assertThat(line.flag("--purge")).isTrue();
        assertThat(line.option("-m", "--message")).contains("x");
        assertThat(line.arguments()).containsExactly("shop", "abc");
        assertThat(line.takeFirst()).isEqualTo("shop");
        assertThat(line.arguments()).containsExactly("abc");
    }

    @Test
    void mistakesAreUsageErrors() {
        assertThatThrownBy(() -> parse("/merge -m").option("-m")).isInstanceOf(UsageException.class).hasMessage("-m needs a value");
        assertThatThrownBy(() -> parse("/merge -m 'open")).isInstanceOf(UsageException.class)
                .hasMessage("a quote is not closed");
    }
}
