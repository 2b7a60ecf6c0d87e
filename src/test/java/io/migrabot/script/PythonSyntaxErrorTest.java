package io.migrabot.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** What the scanner rejects, with the line CPython 3.11 reports (checked by hand against {@code compile()}). */
class PythonSyntaxErrorTest {

    static Stream<Arguments> errors() {
        return Stream.of(
                arguments("unterminated string", "x = 1\nrevision = 'abc\n", 2,
                        "unterminated string literal (detected at line 2)"),
                arguments("unterminated triple-quoted string", "'''doc\n\nrevision = 'a'\n", 1,
                        "unterminated triple-quoted string literal (detected at line 3)"),
                arguments("string closed by an escaped quote only", "x = 'abc\\'\n", 1,
                        "unterminated string literal (detected at line 1)"),
                arguments("never closed bracket", "x = (\n['a',\n", 2, "'[' was never closed"),
                arguments("unmatched closing bracket", "x = 'a')\n", 1, "unmatched ')'"),
                arguments("mismatched bracket", "x = ('a',\n]\n", 2,
                        "closing parenthesis ']' does not match opening parenthesis '(' on line 1"),
                arguments("mismatched bracket on one line", "x = {'a']\n", 1,
                        "closing parenthesis ']' does not match opening parenthesis '{'"),
                arguments("dollar sign", "x = $a\n", 1, "invalid character '$' (U+0024)"),
                arguments("question mark", "\n\nx = a ? b\n", 3, "invalid character '?' (U+003F)"),
                arguments("lone exclamation mark", "x = !a\n", 1, "invalid character '!' (U+0021)"),
                arguments("euro sign", "x = \u20ac\n", 1, "invalid character '\u20ac' (U+20AC)"),
                arguments("no-break space", "x =\u00a0'a'\n", 1, "invalid non-printable character U+00A0"),
                arguments("NUL character", "x = 1\ny = 2\0\n", 2, "source code cannot contain null bytes"),
                arguments("indented first line", "  revision = 'a'\n", 1, "unexpected indent"),
                arguments("indented line after a simple statement", "x = 1\n    y = 2\n", 2, "unexpected indent"),
                arguments("indented line after a one-line block", "class A: pass\n    x = 1\n", 2,
                        "unexpected indent"),
                arguments("dedent to an unknown level", "if x:\n    a = 1\n  b = 2\n", 3,
                        "unindent does not match any outer indentation level"),
                arguments("tabs against spaces", "if x:\n\ta = 1\n        b = 2\n", 3,
                        "inconsistent use of tabs and spaces in indentation"),
                arguments("block without body", "if x:\nrevision = 'a'\n", 2,
                        "expected an indented block after line 1"),
                arguments("block without body at end of file", "x = 1\ndef f():\n", 2,
                        "expected an indented block after line 2"),
                arguments("character after continuation", "x = 1 \\ + 2\n", 1,
                        "unexpected character after line continuation character"),
                arguments("end of file after continuation", "x = 1 + \\\n", 1, "unexpected EOF while parsing"),
                arguments("bad escape in a function body", "def f():\n    return '\\x4'\n", 2,
                        "(unicode error) 'unicodeescape' codec can't decode: truncated \\xXX escape"),
                arguments("mixed bytes and str", "x = 'a' b'b'\n", 1, "cannot mix bytes and nonbytes literals"),
                arguments("empty statement", "x = 1; ; y = 2\n", 1, "invalid syntax"),
                arguments("assignment without value", "\nrevision =\n", 2, "invalid syntax"),
                arguments("tuple with a hole", "down_revision = ('a',, 'b')\n", 1, "invalid syntax"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errors")
    void isASyntaxErrorAtPythonsLine(String what, String source, int line, String reason) {
        assertThatThrownBy(() -> PythonModuleScanner.scan("f.py", source))
                .isInstanceOfSatisfying(PythonSyntaxException.class, e -> {
                    assertThat(e.line()).as("line").isEqualTo(line);
                    assertThat(e.reason()).isEqualTo(reason);
                    assertThat(e).hasMessage("f.py:" + line + ": " + reason);
                });
    }

    @Test
    void bracketsAndStringsInsideFunctionBodiesAreStillChecked() {
        assertThatThrownBy(() -> PythonModuleScanner.scan("f.py", "def upgrade():\n    op.f('''x)\n"))
                .isInstanceOf(PythonSyntaxException.class)
                .hasMessageContaining("unterminated triple-quoted string literal");
    }

    @Test
    void aBadExpressionNeedingAParserPassesUnnoticed() {
        PythonModule module = PythonModuleScanner.scan("f.py", "def upgrade():\n    x = = 1\nrevision = 'a'\n");
        assertThat(module.assignments()).containsOnlyKeys("revision");
    }

    @Test
    void validTrickyLayoutIsAccepted() {
        String source = String.join("\n",
                "if x:  # comment",
                "    # comment at another indentation",
                "",
                "        # and another",
                "    pass",
                "x = [",
                "  1,",
                "    2",
                "]",
                "y = 0x1E+1 + 1e-5 + 1_000j + .5",
                "z = 'a' # comment with \\ backslash and 'quote",
                "w = '''it''s'''",
                "v = lambda: {'k': [1, (2,)]}",
                "u = a if b else c; t = not u");
        assertThat(PythonModuleScanner.scan("f.py", source).assignments()).containsKeys("x", "y", "z", "w", "v", "u", "t");
    }
}
