package io.migrabot.script;

import java.util.Locale;

/**
 * The value of one string literal token. Only plain (and {@code u}/{@code r}) str literals get a value: bytes and
 * f-strings are never a revision id or a docstring, so their value is not computed.
 *
 * <p>Escapes are decoded as Python 3.11 does: {@code \\ \' \" \a \b \f \n \r \t \v}, octal {@code \NNN},
 * {@code \xNN}, &#92;uNNNN, {@code \UNNNNNNNN}, {@code \N{NAME}} (looked up in Java's Unicode tables, which may
 * lag behind Python's for the newest characters), backslash-newline (removed); an unknown escape keeps its backslash.
 *
 * @param value     the decoded text of a str literal; null for bytes and f-strings
 * @param bytes     a {@code b''} literal
 * @param formatted an {@code f''} literal
 */
record PythonStringLiteral(String value, boolean bytes, boolean formatted) {

    /** Whether {@code word} is a prefix Python 3 accepts before a quote: r, u, b, f, br, rb, fr, rf in any case. */
    static boolean isPrefix(String word) {
        switch (word.toLowerCase(Locale.ROOT)) {
            case "r": case "u": case "b": case "f": case "br": case "rb": case "fr": case "rf":
                return true;
            default:
                return false;
        }
    }

    /**
     * @param prefix the prefix letters, possibly empty
     * @param body   the characters between the quotes
     * @param line   where the literal ends: CPython reports a bad escape there
     */
    static PythonStringLiteral of(String prefix, String body, String fileName, int line) {
        if (prefix.isEmpty()) {
            return new PythonStringLiteral(unescape(body, fileName, line), false, false);
        }
        String p = prefix.toLowerCase(Locale.ROOT);
        if (p.contains("b")) {
            if (!body.chars().allMatch(c -> c < 0x80)) {
                throw new PythonSyntaxException(fileName, line, "bytes can only contain ASCII literal characters");
            }
            return new PythonStringLiteral(null, true, false);
        }
        if (p.contains("f")) {
            return new PythonStringLiteral(null, false, true);
        }
        return new PythonStringLiteral(p.contains("r") ? body : unescape(body, fileName, line), false, false);
    }

    private static String unescape(String s, String fileName, int line) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i++);
            if (c != '\\' || i == s.length()) {
                out.append(c);
                continue;
            }
            char e = s.charAt(i++);
            switch (e) {
                case '\n': break;
                case '\\': out.append('\\'); break;
                case '\'': out.append('\''); break;
                case '"': out.append('"'); break;
                case 'a': out.append('\u0007'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'n': out.append('\n'); break;
                case 'r': out.append('\r'); break;
                case 't': out.append('\t'); break;
                case 'v': out.append('\u000b'); break;
                case 'x': i = appendHex(s, i, 2, "truncated \\xXX escape", out, fileName, line); break;
                case 'u': i = appendHex(s, i, 4, "truncated \\uXXXX escape", out, fileName, line); break;
                case 'U': i = appendHex(s, i, 8, "truncated \\UXXXXXXXX escape", out, fileName, line); break;
                case 'N': i = appendNamed(s, i, out, fileName, line); break;
                default:
                    if (e >= '0' && e <= '7') {
                        int end = i - 1;
                        while (end < s.length() && end < i + 2 && s.charAt(end) >= '0' && s.charAt(end) <= '7') {
                            end++;
                        }
                        out.append((char) Integer.parseInt(s.substring(i - 1, end), 8));
                        i = end;
                    } else {
                        out.append('\\').append(e);
                    }
            }
        }
        return out.toString();
    }

    private static int appendHex(String s, int from, int digits, String truncated, StringBuilder out,
                                 String fileName, int line) {
        int end = from + digits;
        if (end > s.length() || !s.substring(from, end).chars().allMatch(PythonStringLiteral::isHexDigit)) {
            throw unicodeError(fileName, line, truncated);
        }
        long codePoint = Long.parseLong(s.substring(from, end), 16);
        if (codePoint > Character.MAX_CODE_POINT) {
            throw unicodeError(fileName, line, "illegal Unicode character");
        }
        out.appendCodePoint((int) codePoint);
        return end;
    }

    private static int appendNamed(String s, int from, StringBuilder out, String fileName, int line) {
        int close = s.indexOf('}', from);
        if (from >= s.length() || s.charAt(from) != '{' || close < 0 || close == from + 1) {
            throw unicodeError(fileName, line, "malformed \\N character escape");
        }
        String name = s.substring(from + 1, close);
        int codePoint = name.strip().equals(name) ? codePointNamed(name) : -1;
        if (codePoint < 0) {
            throw unicodeError(fileName, line, "unknown Unicode character name");
        }
        out.appendCodePoint(codePoint);
        return close + 1;
    }

    private static int codePointNamed(String name) {
        try {
            return Character.codePointOf(name);
        } catch (IllegalArgumentException unknown) {
            return -1;
        }
    }

    private static boolean isHexDigit(int c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    private static PythonSyntaxException unicodeError(String fileName, int line, String what) {
        return new PythonSyntaxException(fileName, line, "(unicode error) 'unicodeescape' codec can't decode: " + what);
    }
}
