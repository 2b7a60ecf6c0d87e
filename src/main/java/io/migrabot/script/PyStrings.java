package io.migrabot.script;

/**
 * The few Python {@code str} operations configparser's behaviour depends on, reimplemented so that
 * {@link IniFile} strips, indents and quotes exactly as Python 3 does. Java's {@code String.strip()} and
 * {@code Character.isWhitespace} disagree with Python on characters such as U+00A0, hence this class.
 */
final class PyStrings {

    private PyStrings() {
    }

    /** Python's {@code str.isspace()} for one code point (also what {@code \s} matches in a {@code str} regex). */
    static boolean isSpace(int cp) {
        return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) || cp == 0x85 || cp == 0xa0
                || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029
                || cp == 0x202f || cp == 0x205f || cp == 0x3000;
    }

    /** Python's {@code s.strip()}. */
    static String strip(String s) {
        return rstrip(lstrip(s));
    }

    /** Python's {@code s.lstrip()}. */
    static String lstrip(String s) {
        int start = firstNonSpace(s);
        return start < 0 ? "" : s.substring(start);
    }

    /** Python's {@code s.rstrip()}. */
    static String rstrip(String s) {
        int end = s.length();
        while (end > 0) {
            int cp = s.codePointBefore(end);
            if (!isSpace(cp)) {
                break;
            }
            end -= Character.charCount(cp);
        }
        return s.substring(0, end);
    }

    /**
     * The index Python's {@code re.search(r"\S", s).start()} reports, or -1 when {@code s} is all whitespace.
     * Every whitespace character is in the BMP, so this char index equals Python's code-point index.
     */
    static int firstNonSpace(String s) {
        int i = 0;
        while (i < s.length()) {
            int cp = s.codePointAt(i);
            if (!isSpace(cp)) {
                return i;
            }
            i += Character.charCount(cp);
        }
        return -1;
    }

    /** Python's {@code repr(s)} for a {@code str}: the quoting configparser uses in its messages. */
    static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder out = new StringBuilder(s.length() + 2).append(quote);
        s.codePoints().forEach(cp -> appendRepr(out, cp, quote));
        return out.append(quote).toString();
    }

    private static void appendRepr(StringBuilder out, int cp, char quote) {
        if (cp == quote || cp == '\\') {
            out.append('\\').appendCodePoint(cp);
        } else if (cp == '\t') {
            out.append("\\t");
        } else if (cp == '\n') {
            out.append("\\n");
        } else if (cp == '\r') {
            out.append("\\r");
        } else if (cp < 0x20 || cp == 0x7f) {
            out.append(String.format("\\x%02x", cp));
        } else if (cp < 0x7f || isPrintable(cp)) {
            out.appendCodePoint(cp);
        } else if (cp <= 0xff) {
            out.append(String.format("\\x%02x", cp));
        } else if (cp <= 0xffff) {
            out.append(String.format("\\u%04x", cp));
        } else {
            out.append(String.format("\\U%08x", cp));
        }
    }

    /** Python's {@code str.isprintable()} for a non-ASCII code point (Java's Unicode tables may lag Python's). */
    private static boolean isPrintable(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
