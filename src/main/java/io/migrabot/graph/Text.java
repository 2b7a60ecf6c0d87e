package io.migrabot.graph;

import java.util.ArrayList;
import java.util.List;

/** Makes user text (revision ids, messages, branch labels) safe to draw on one line of a box. */
final class Text {
    static final String ELLIPSIS = "…";
    /** A line break that Java counts as a control character, not as white space. */
    private static final int NEXT_LINE = 0x85;

    private Text() {
    }

    /**
     * One line of at most {@code max} code points: control and format characters (including bidi overrides and
     * unpaired surrogates) dropped, every run of white space (line breaks included) one space, the rest cut with
     * an ellipsis. Reads no further than it needs, so a huge message costs no more than a short one.
     */
    static String clean(String text, int max) {
        StringBuilder out = new StringBuilder();
        int kept = 0;
        boolean space = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == NEXT_LINE) {
                space = kept > 0;
                continue;
            }
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE) {
                continue;
            }
            if (space) {
                out.append(' ');
                kept++;
                space = false;
            }
            if (kept >= max) {
                return cut(out, max);
            }
            out.appendCodePoint(cp);
            kept++;
        }
        return out.toString();
    }

    /** Shortens a line that is already clean to at most {@code max} code points, ending it with an ellipsis. */
    static String shorten(String line, int max) {
        if (line.codePointCount(0, line.length()) <= max) {
            return line;
        }
        return cut(new StringBuilder(line), max);
    }

    /**
     * A clean line broken at spaces into lines of at most {@code width} code points (a longer word is broken
     * inside), at most {@code most} of them; what does not fit ends the last line with an ellipsis.
     */
    static List<String> wrap(String line, int width, int most) {
        List<String> lines = new ArrayList<>();
        String rest = line;
        while (!rest.isEmpty() && lines.size() < most - 1 && rest.codePointCount(0, rest.length()) > width) {
            int limit = rest.offsetByCodePoints(0, width);
            int space = rest.lastIndexOf(' ', limit);
            int end = space > 0 ? space : limit;
            lines.add(rest.substring(0, end));
            rest = rest.substring(end).stripLeading();
        }
        if (!rest.isEmpty() || lines.isEmpty()) {
            lines.add(shorten(rest, width));
        }
        return lines;
    }

    private static String cut(StringBuilder line, int max) {
        int end = line.offsetByCodePoints(0, Math.max(0, max - 1));
        return line.substring(0, end).stripTrailing() + ELLIPSIS;
    }
}
