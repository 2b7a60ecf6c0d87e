package io.migrabot.script;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Escape sequences and prefixes of one literal; each expected value was checked with /usr/bin/python3. */
class PythonStringLiteralTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "newline        | a\\nb          | `a\nb`",
            "tab            | a\\tb          | `a\tb`",
            "backslash      | a\\\\b         | a\\b",
            "quotes         | \\'\\\"        | '\"",
            "bell etc.      | \\a\\b\\f\\v\\r | `\u0007\b\f\u000b\r`",
            "hex            | \\x41\\x6a     | Aj",
            "short unicode  | \\u00e9        | \u00e9",
            "long unicode   | \\U0001F600    | \uD83D\uDE00",
            "named          | \\N{LATIN SMALL LETTER E WITH ACUTE} | \u00e9",
            "named any case | \\N{latin small letter a} | a",
            "octal          | \\101\\60\\0x  | `A0\u0000x`",
            "octal over 255 | \\777          | \u01ff",
            "unknown escape | \\d\\q         | \\d\\q",
            "continuation   | `a\\\nb`       | ab",
    })
    void escapesDecodeAsPythonDoes(String what, String body, String expected) {
        assertThat(PythonStringLiteral.of("", body, "t.py", 1).value()).isEqualTo(expected);
    }

    @Test
    void rawStringsKeepBackslashesAndContinuations() {
        assertThat(PythonStringLiteral.of("r", "\\x41\\\n", "t.py", 1).value()).isEqualTo("\\x41\\\n");
    }

    @Test
    void unicodePrefixDecodesLikeNoPrefix() {
        assertThat(PythonStringLiteral.of("U", "\\x41", "t.py", 1).value()).isEqualTo("A");
    }

    @Test
    void bytesAndFStringsHaveNoValue() {
        PythonStringLiteral bytes = PythonStringLiteral.of("Rb", "x", "t.py", 1);
        PythonStringLiteral formatted = PythonStringLiteral.of("f", "{x}", "t.py", 1);
        assertThat(bytes.value()).isNull();
        assertThat(bytes.bytes()).isTrue();
        assertThat(formatted.value()).isNull();
        assertThat(formatted.formatted()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "\\x4          | truncated \\xXX escape",
            "\\xzz         | truncated \\xXX escape",
            "\\u12         | truncated \\uXXXX escape",
            "\\U0011FFFF   | illegal Unicode character",
            "\\N           | malformed \\N character escape",
            "\\N{}         | malformed \\N character escape",
            "\\N{NO SUCH CHARACTER} | unknown Unicode character name",
    })
    void badEscapesAreSyntaxErrors(String body, String reason) {
        assertThatThrownBy(() -> PythonStringLiteral.of("", body, "t.py", 7))
                .isInstanceOfSatisfying(PythonSyntaxException.class, e -> {
                    assertThat(e.line()).isEqualTo(7);
                    assertThat(e.reason()).endsWith(reason);
                });
    }

    @Test
    void bytesMayHoldOnlyAscii() {
        assertThatThrownBy(() -> PythonStringLiteral.of("b", "\u00e9", "t.py", 3))
                .hasMessage("t.py:3: bytes can only contain ASCII literal characters");
    }

    @ParameterizedTest
    @CsvSource({"r,true", "U,true", "bR,true", "Rb,true", "fr,true", "RF,true", "ur,false", "bu,false", "x,false",
            "rr,false"})
    void prefixesArePython3s(String word, boolean prefix) {
        assertThat(PythonStringLiteral.isPrefix(word)).isEqualTo(prefix);
    }
}
