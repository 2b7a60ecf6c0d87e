package io.migrabot.script;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Just enough JSON to read what Python's {@code json.dumps} prints: objects become maps, arrays lists (which may
 * hold null), strings strings, integers longs. Numbers with fractions or exponents are not needed and rejected.
 */
final class MiniJson {
    private final String text;
    private int pos;

    private MiniJson(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        MiniJson json = new MiniJson(text);
        Object value = json.value();
        json.skipBlanks();
        if (json.pos != text.length()) {
            throw json.error("trailing text");
        }
        return value;
    }

    private Object value() {
        skipBlanks();
        char c = text.charAt(pos);
        if (c == '{') {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            while (!next('}')) {
                String key = string();
                expect(':');
                map.put(key, value());
                next(',');
            }
            return map;
        }
        if (c == '[') {
            List<Object> list = new ArrayList<>();
            pos++;
            while (!next(']')) {
                list.add(value());
                next(',');
            }
            return Arrays.asList(list.toArray());
        }
        if (c == '"') {
            return string();
        }
        for (String word : new String[] {"null", "true", "false"}) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        int start = pos;
        while (pos < text.length() && (text.charAt(pos) == '-' || Character.isDigit(text.charAt(pos)))) {
            pos++;
        }
        if (start == pos) {
            throw error("unexpected character");
        }
        return Long.parseLong(text.substring(start, pos));
    }

    private String string() {
        skipBlanks();
        expect('"');
        StringBuilder out = new StringBuilder();
        while (text.charAt(pos) != '"') {
            char c = text.charAt(pos++);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n': out.append('\n'); break;
                case 't': out.append('\t'); break;
                case 'r': out.append('\r'); break;
                case 'b': out.append('\b'); break;
                case 'f': out.append('\f'); break;
                case 'u':
                    out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                    break;
                default: out.append(e);
            }
        }
        pos++;
        return out.toString();
    }

    private boolean next(char c) {
        skipBlanks();
        if (pos < text.length() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        if (!next(c)) {
            throw error("expected " + c);
        }
    }

    private void skipBlanks() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + pos + " in " + text);
    }
}
