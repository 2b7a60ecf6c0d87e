package io.migrabot.script;

import io.migrabot.testing.Python;
import io.migrabot.testing.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PyStringsTest {

    private static final List<String> SAMPLES = List.of("", "plain", "it's", "say \"hi\"", "both ' and \"",
            "back\\slash", "tab\tnewline\ncr\r", "\u0000\u001f\u007f", "\u0085\u00a0\u00e9", "\u200b\u2028\ufeff",
            "\uD83D\uDE00", "\u3000ideographic", "%(here)s/%04d");

    @TempDir
    Path dir;

    @Test
    void reprMatchesPython() throws Exception {
        String script = "import json, sys; print(json.dumps([repr(s) for s in json.loads(sys.argv[1])]))";
        StringBuilder samples = new StringBuilder("[");
        for (String sample : SAMPLES) {
            samples.append(samples.length() > 1 ? "," : "").append('"');
            sample.chars().forEach(c -> samples.append(String.format("\\u%04x", c)));
            samples.append('"');
        }
        List<Object> expected = Json.array(Json.parse(Python.eval(dir, script, List.of(samples + "]"))));

        assertThat(SAMPLES.stream().map(s -> (Object) PyStrings.repr(s)).toList()).containsExactlyElementsOf(expected);
    }

    @Test
    void stripUsesPythonWhitespace() {
        assertThat(PyStrings.strip("\u00a0\u3000\u2028 x \u0085\u001c")).isEqualTo("x");
        assertThat(PyStrings.strip("\u200bx")).isEqualTo("\u200bx");
        assertThat(PyStrings.firstNonSpace("\t\u00a0x")).isEqualTo(2);
        assertThat(PyStrings.firstNonSpace(" \u2029")).isEqualTo(-1);
    }
}
