package io.migrabot.chat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The HTML subset chat clients render, built safely: every piece of text from a person, a file or a database goes
 * through {@link #escape}, so a revision message reading {@code <b>} shows as written and cannot change the markup.
 */
public final class Html {
    /** Telegram's limit on one message's text. */
    public static final int MESSAGE_LIMIT = 4096;
    private static final Pattern TAG = Pattern.compile("<(/?)(b|i|u|s|code|pre|a)(\\s[^>]*)?>");

    private Html() {
    }

    /** Text as HTML: {@code &}, {@code <} and {@code >} escaped, control characters other than newline dropped. */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> {
                    if (c == '\n' || c == '\t' || !Character.isISOControl(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    public static String bold(String text) {
        return "<b>" + escape(text) + "</b>";
    }

    public static String code(String text) {
        return "<code>" + escape(text) + "</code>";
    }

    public static String pre(String text) {
        return "<pre>" + escape(text) + "</pre>";
    }

    /** Markup back to the plain text it shows: for a reply sent as a document. */
    public static String plain(String html) {
        return TAG.matcher(html).replaceAll("").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&amp;", "&");
    }

    /**
     * Splits markup into messages of at most {@code limit} characters, at line boundaries where it can: a tag open
     * at a cut is closed before it and opened again after it, so every part is well-formed on its own. A line
     * longer than a message is cut between characters, never inside a tag or an entity.
     */
    public static List<String> split(String html, int limit) {
        List<String> parts = new ArrayList<>();
        if (html.length() <= limit) {
            parts.add(html);
            return parts;
        }
        Deque<String> open = new ArrayDeque<>(); // opening tags, innermost first
        StringBuilder current = new StringBuilder();
        int reserve = 64; // room for the closing tags appended at a cut
        for (String unit : units(html, limit / 2)) {
            if (current.length() + unit.length() + closing(open).length() > limit - reserve && current.length() > 0) {
                parts.add(current.append(closing(open)).toString());
                current = new StringBuilder(reopening(open));
            }
            current.append(unit);
            track(unit, open);
        }
        if (!current.isEmpty()) {
            parts.add(current.toString());
        }
        return parts;
    }

    /** The text cut into lines (with their newline), long lines into pieces of at most {@code max}. */
    private static List<String> units(String html, int max) {
        List<String> units = new ArrayList<>();
        int start = 0;
        while (start < html.length()) {
            int newline = html.indexOf('\n', start);
            int end = newline < 0 ? html.length() : newline + 1;
            while (end - start > max) {
                int cut = safeCut(html, start, start + max);
                units.add(html.substring(start, cut));
                start = cut;
            }
            units.add(html.substring(start, end));
            start = end;
        }
        return units;
    }

    /** The last position at or before {@code cut} that is not inside a tag or an entity. */
    private static int safeCut(String html, int from, int cut) {
        int lt = html.lastIndexOf('<', cut - 1);
        if (lt >= from && html.indexOf('>', lt) >= cut) {
            cut = lt;
        }
        int amp = html.lastIndexOf('&', cut - 1);
        if (amp >= from && html.indexOf(';', amp) >= cut) {
            cut = amp;
        }
        return cut > from ? cut : Math.min(html.length(), from + 1);
    }

    private static void track(String unit, Deque<String> open) {
        Matcher m = TAG.matcher(unit);
        while (m.find()) {
            if (m.group(1).isEmpty()) {
                open.push(m.group());
            } else if (!open.isEmpty()) {
                open.pop();
            }
        }
    }

    private static String closing(Deque<String> open) {
        StringBuilder out = new StringBuilder();
        for (String tag : open) {
            Matcher m = TAG.matcher(tag);
            if (m.matches()) {
                out.append("</").append(m.group(2)).append('>');
            }
        }
        return out.toString();
    }

    private static String reopening(Deque<String> open) {
        StringBuilder out = new StringBuilder();
        open.descendingIterator().forEachRemaining(out::append);
        return out.toString();
    }
}
