package io.migrabot.graph;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Revision ids, messages and labels are user text: what reaches a box is one clean, short line. */
class GraphTextTest {

    private static void cleans(String text, int max, String expected) {
        assertThat(Text.clean(text, max)).as("clean(%s, %d)", text, max).isEqualTo(expected);
    }

    @Test
    void dropsControlAndFormatCharacters() {
        cleans("a\u0000b\u0007c\u001b[31md", 10, "abc[31md");
        cleans("abc\u202edef\u200bghi\u2066", 20, "abcdefghi"); // bidi override, zero width space, isolate
        cleans("a\uD800b\uDC00c", 10, "abc"); // lone surrogates
    }

    @Test
    void makesOneLineWithSingleSpaces() {
        cleans("one\r\n\ttwo\u2028three\u0085four", 30, "one two three four");
        cleans("  \u00a0 padded \n ", 20, "padded");
        cleans("\n\n\t", 20, "");
    }

    @Test
    void cutsALongLineWithAnEllipsisWithinTheLimit() {
        cleans("abcdefghijklmnop", 8, "abcdefg…");
        cleans("abcdefgh", 8, "abcdefgh");
        cleans("abcdef ghijklmnop", 8, "abcdef…");
        assertThat(Text.clean("x".repeat(5_000_000), 30)).hasSize(30).endsWith("…");
    }

    @Test
    void cutsBetweenCodePointsNeverInsideASurrogatePair() {
        String rocket = "\uD83D\uDE80"; // one code point, two chars
        cleans(rocket.repeat(10), 4, rocket.repeat(3) + "…");
    }

    @Test
    void shortensALineThatIsAlreadyClean() {
        assertThat(Text.shorten("revision graph", 9)).isEqualTo("revision…");
        assertThat(Text.shorten("short", 9)).isEqualTo("short");
    }

    @Test
    void wrapsAtSpacesBreaksALongWordAndCutsOnlyWhatDoesNotFitInTheLines() {
        assertThat(Text.wrap("short", 10, 3)).containsExactly("short");
        assertThat(Text.wrap("", 10, 3)).containsExactly("");
        assertThat(Text.wrap("one two three four", 9, 3)).containsExactly("one two", "three", "four");
        assertThat(Text.wrap("abcdefghijkl mn", 5, 3)).containsExactly("abcde", "fghij", "kl mn");
        assertThat(Text.wrap("one two three four five", 9, 2)).containsExactly("one two", "three fo…");
    }
}
