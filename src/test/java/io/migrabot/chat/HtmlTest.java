package io.migrabot.chat;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlTest {
    @Test
    void escapesMarkupAndDropsControlCharacters() {
        assertThat(Html.escape("<b>x</b> & \"y\"\u0007\nz")).isEqualTo("&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot;\nz");
        assertThat(Html.escape(null)).isEmpty();
    }

    @Test
    void plainUndoesMarkupAndEscapes() {
        assertThat(Html.plain("<b>a</b> &lt;c&gt; <code>d &amp; e</code>")).isEqualTo("a <c> d & e");
    }

    @Test
    void shortTextIsOnePart() {
        assertThat(Html.split("hello", 4096)).containsExactly("hello");
    }

    @Test
    void longTextIsSplitAtLinesWithOpenTagsClosedAndReopened() {
        StringBuilder html = new StringBuilder("<pre>");
        for (int i = 0; i < 400; i++) {
            html.append("line ").append(i).append(" &amp; more text here\n");
        }
        html.append("</pre>");
        List<String> parts = Html.split(html.toString(), 4096);
        assertThat(parts).hasSizeGreaterThan(1);
        for (String part : parts) {
            assertThat(part.length()).isLessThanOrEqualTo(4096);
            assertThat(part).startsWith("<pre>").endsWith("</pre>");
            assertThat(part.split("<pre>", -1)).hasSize(2);
        }
        assertThat(String.join("", parts).replace("</pre><pre>", "")).isEqualTo(html.toString());
    }

    @Test
    void aLineLongerThanAMessageIsCutOutsideTagsAndEntities() {
        String line = "<b>" + "x&amp;".repeat(1000) + "</b>";
        List<String> parts = Html.split(line, 1000);
        for (String part : parts) {
            assertThat(part.length()).isLessThanOrEqualTo(1000);
            assertThat(part).doesNotMatch("(?s).*&[a-z]*$").doesNotMatch("(?s).*<[^>]*$");
        }
        assertThat(String.join("", parts).replace("</b><b>", "")).isEqualTo(line);
    }
}
