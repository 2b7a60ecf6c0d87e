package io.migrabot.script;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * What the scanner rejects, at the line CPython 3.11's {@code compile()} reports (checked against it); the wording
 * follows CPython's, though not word for word (CPython says "invalid syntax" for a stray ASCII character).
 */
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
                arguments("bad escape on the last line of a long string", "x = 1\n'''a\nb \\N{NOPE}\n'''\n", 4,
                        "(unicode error) 'unicodeescape' codec can't decode: unknown Unicode character name"),
                arguments("mixed bytes and str", "x = ('a'\n b'b')\n", 2, "cannot mix bytes and nonbytes literals"),
                arguments("non-ASCII bytes", "x = b'''\n\u00e9'''\n", 2, "bytes can only contain ASCII literal characters"),
                arguments("letter after a number", "x = 1abc\n", 1, "invalid decimal literal"),
                arguments("attribute of an integer without a space", "x = 1.real\n", 1, "invalid decimal literal"),
                arguments("doubled underscore", "x = 1__000\n", 1, "invalid decimal literal"),
                arguments("trailing underscore", "x = 1_\n", 1, "invalid decimal literal"),
                arguments("exponent without digits", "x = 1e+x\n", 1, "invalid decimal literal"),
                arguments("exponent with underscore", "x = 1e_5\n", 1, "invalid decimal literal"),
                arguments("letter after an imaginary", "x = 1jx\n", 1, "invalid imaginary literal"),
                arguments("hex without digits", "x = 0x\n", 1, "invalid hexadecimal literal"),
                arguments("hex with a bad digit", "x = 0xfg\n", 1, "invalid hexadecimal literal"),
                arguments("octal with 8", "x = 0o8\n", 1, "invalid digit '8' in octal literal"),
                arguments("binary with 2", "x = 0b12\n", 1, "invalid digit '2' in binary literal"),
                arguments("old-style octal", "def f():\n    return 0777\n", 2,
                        "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers"),
                arguments("empty statement", "x = 1; ; y = 2\n", 1, "invalid syntax"),
                arguments("assignment without value", "\nrevision =\n", 2, "invalid syntax"),
                arguments("tuple with a hole", "down_revision = ('a',, 'b')\n", 1, "invalid syntax"),
                arguments("block header without a colon", "class C\n", 1, "expected ':'"),
                arguments("colon without a header", "x = 1\n:\n    pass\n", 2, "invalid syntax"),
                arguments("async without a statement", "async:\n    pass\n", 1, "invalid syntax"),
                arguments("hole in a statement inside a block", "try:\n    x = ('a',, 'b')\nfinally: pass\n", 2,
                        "invalid syntax"));
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
    void nestingIsLimitedAsInCPython() {
        String deepest = "x = " + "(".repeat(200) + "'a'" + ")".repeat(200) + "\n";
        assertThat(PythonModuleScanner.scan("f.py", deepest).assignment("x").orElseThrow().value())
                .isEqualTo(new PyValue.Str("a"));
        assertThatThrownBy(() -> PythonModuleScanner.scan("f.py", "x = " + "(".repeat(201) + ")".repeat(201)))
                .hasMessage("f.py:1: too many nested parentheses");
    }

    @Test
    void indentationIsLimitedAsInCPython() {
        StringBuilder headers = new StringBuilder();
        for (int level = 0; level < 99; level++) {
            headers.append(" ".repeat(level)).append("if x:\n");
        }
        assertThat(PythonModuleScanner.scan("f.py", headers + " ".repeat(99) + "pass\n").assignments()).isEmpty();
        String tooDeep = headers + " ".repeat(99) + "if x:\n" + " ".repeat(100) + "pass\n";
        assertThatThrownBy(() -> PythonModuleScanner.scan("f.py", tooDeep))
                .hasMessage("f.py:101: too many levels of indentation");
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
                "y = 0x1E+1 + 1e-5 + 1_000j + .5 + 1.e5 + 0777.5 + 0777j + 00 + 0_0 + 0x_1f + 0o_7 + 0b1_0",
                "s = [1if y else 2, 1or 2, 1and 2, 1in y, 1is 2, 0x1for x in y, 1_0.0_1e1_0j, 1 .real, 1e5_0]",
                "z = 'a' # comment with \\ backslash and 'quote",
                "w = '''it''s'''",
                "v = lambda: {'k': [1, (2,)]}",
                "u = a if b else c; t = not u");
        assertThat(PythonModuleScanner.scan("f.py", source).assignments()).containsKeys("x", "y", "s", "z", "w", "v", "u", "t");
    }
}
