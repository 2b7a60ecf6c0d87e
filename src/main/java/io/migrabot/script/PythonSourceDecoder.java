package io.migrabot.script;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the bytes of a Python source file into text the way Python's import does (PEP 263): UTF-8 unless a
 * coding declaration in the first two lines says otherwise; a UTF-8 byte order mark is skipped. Encoding names are
 * looked up among Java's charsets after Python's own normalisation of {@code utf-8} and {@code latin-1} spellings,
 * so an exotic name Python knows and Java does not is reported as unknown.
 */
final class PythonSourceDecoder {

    private static final Pattern COOKIE = Pattern.compile("^[ \\t\\f]*#.*?coding[:=][ \\t]*([-\\w.]+)");
    private static final Pattern BLANK_OR_COMMENT = Pattern.compile("^[ \\t\\f]*(?:[#\\r\\n]|$)");
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    private PythonSourceDecoder() {
    }

    /**
     * The charset the source is written in.
     *
     * @throws PythonSyntaxException for an unknown encoding, or a byte order mark with a non-UTF-8 declaration
     */
    static Charset charset(String fileName, byte[] content) {
        boolean bom = hasBom(content);
        int start = bom ? BOM.length : 0;
        int end = start;
        for (int newlines = 0; end < content.length; end++) { // only the first two lines can declare it
            if (content[end] == '\n' && ++newlines == 2) {
                break;
            }
        }
        String[] lines = new String(content, start, end - start, StandardCharsets.ISO_8859_1).split("\n", 3);
        for (int i = 0; i < Math.min(2, lines.length); i++) {
            Matcher cookie = COOKIE.matcher(lines[i]);
            if (cookie.find()) {
                Charset declared = lookup(fileName, i + 1, cookie.group(1));
                if (bom && !declared.equals(StandardCharsets.UTF_8)) {
                    throw new PythonSyntaxException(fileName, i + 1, "encoding problem: utf-8");
                }
                return declared;
            }
            if (!BLANK_OR_COMMENT.matcher(lines[i]).find()) {
                break;
            }
        }
        return StandardCharsets.UTF_8;
    }

    /** Decodes strictly, skipping a UTF-8 byte order mark. */
    static String decode(byte[] content, Charset charset) throws CharacterCodingException {
        int skip = hasBom(content) ? BOM.length : 0;
        if (charset.equals(StandardCharsets.ISO_8859_1)) {
            return new String(content, skip, content.length - skip, charset); // every byte is a character
        }
        if (charset.equals(StandardCharsets.UTF_8)) {
            // The lenient decoder is much faster; it turns malformed input into U+FFFD, and only then (or for a
            // real U+FFFD) does the strict one need to run to tell.
            String text = new String(content, skip, content.length - skip, charset);
            if (text.indexOf('\uFFFD') < 0) {
                return text;
            }
        }
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(content, skip, content.length - skip))
                .toString();
    }

    private static Charset lookup(String fileName, int line, String name) {
        String normal = name.substring(0, Math.min(12, name.length())).toLowerCase(Locale.ROOT).replace('_', '-');
        if (normal.equals("utf-8") || normal.startsWith("utf-8-")) {
            return StandardCharsets.UTF_8;
        }
        for (String latin1 : new String[] {"latin-1", "iso-8859-1", "iso-latin-1"}) {
            if (normal.equals(latin1) || normal.startsWith(latin1 + "-")) {
                return StandardCharsets.ISO_8859_1;
            }
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException unknown) {
            throw new PythonSyntaxException(fileName, line, "unknown encoding: " + name);
        }
    }

    private static boolean hasBom(byte[] content) {
        return content.length >= BOM.length && content[0] == BOM[0] && content[1] == BOM[1] && content[2] == BOM[2];
    }
}
