package io.migrabot.script;

/**
 * Finds where a numeric literal ends and rejects the malformed ones, as CPython 3.11's tokenizer does: digit
 * groups with single underscores, radix prefixes, fractions, exponents, {@code j}, no leading zeros on a decimal
 * integer, and no letter straight after the number unless it starts a keyword that may follow one
 * ({@code 1if x else 2} is valid). The value itself is never needed.
 */
final class PythonNumber {

    private static final String[] KEYWORDS_AFTER_NUMBER = {"and", "else", "for", "if", "in", "is", "not", "or"};

    private final String src;
    private final String fileName;
    private final int line;
    private int pos;

    private PythonNumber(String src, int start, String fileName, int line) {
        this.src = src;
        this.pos = start;
        this.fileName = fileName;
        this.line = line;
    }

    /** The offset just past the number starting at {@code start} (a digit, or a dot before a digit). */
    static int end(String src, int start, String fileName, int line) {
        return new PythonNumber(src, start, fileName, line).scan();
    }

    private int scan() {
        char first = peek(0);
        char second = Character.toLowerCase(peek(1));
        if (first == '0' && (second == 'x' || second == 'o' || second == 'b')) {
            pos += 2;
            radixDigits(second == 'x' ? 16 : second == 'o' ? 8 : 2,
                    second == 'x' ? "hexadecimal" : second == 'o' ? "octal" : "binary");
            return pos;
        }
        boolean leadingZeros = false;
        if (first != '.') {
            int digitsStart = pos;
            decimalDigits();
            String digits = src.substring(digitsStart, pos).replace("_", "");
            leadingZeros = digits.length() > 1 && digits.charAt(0) == '0' && !digits.matches("0+");
        }
        boolean fractionOrExponent = false;
        if (peek(0) == '.') {
            pos++;
            fractionOrExponent = true;
            if (isDigit(peek(0))) {
                decimalDigits();
            }
        }
        if (peek(0) == 'e' || peek(0) == 'E') {
            boolean signed = peek(1) == '+' || peek(1) == '-';
            if (!isDigit(peek(signed ? 2 : 1))) {
                if (signed || !keywordAt(pos)) {
                    throw error("invalid decimal literal");
                }
                return pos;
            }
            pos += signed ? 2 : 1;
            decimalDigits();
            fractionOrExponent = true;
        }
        if (peek(0) == 'j' || peek(0) == 'J') {
            pos++;
            endOfNumber("imaginary");
            return pos;
        }
        if (leadingZeros && !fractionOrExponent) {
            throw error("leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal "
                    + "integers");
        }
        endOfNumber("decimal");
        return pos;
    }

    private void radixDigits(int radix, String kind) {
        do {
            if (peek(0) == '_') {
                pos++;
            }
            if (!isDigitOf(peek(0), radix)) {
                throw error(isDigit(peek(0)) ? "invalid digit '" + peek(0) + "' in " + kind + " literal"
                        : "invalid " + kind + " literal");
            }
            while (isDigitOf(peek(0), radix)) {
                pos++;
            }
        } while (peek(0) == '_');
        if (isDigit(peek(0))) {
            throw error("invalid digit '" + peek(0) + "' in " + kind + " literal");
        }
        endOfNumber(kind);
    }

    /** Digits with single underscores between them; {@code pos} is at a digit. */
    private void decimalDigits() {
        while (true) {
            while (isDigit(peek(0))) {
                pos++;
            }
            if (peek(0) != '_') {
                return;
            }
            if (!isDigit(peek(1))) {
                throw error("invalid decimal literal");
            }
            pos++;
        }
    }

    private void endOfNumber(String kind) {
        char c = peek(0);
        boolean identifierChar = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || isDigit(c) || c >= 0x80;
        if (identifierChar && !keywordAt(pos)) {
            throw error("invalid " + kind + " literal");
        }
    }

    private boolean keywordAt(int at) {
        for (String keyword : KEYWORDS_AFTER_NUMBER) {
            if (src.startsWith(keyword, at)) {
                return true;
            }
        }
        return false;
    }

    private char peek(int ahead) {
        return pos + ahead < src.length() ? src.charAt(pos + ahead) : '\0';
    }

    private PythonSyntaxException error(String reason) {
        return new PythonSyntaxException(fileName, line, reason);
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isDigitOf(char c, int radix) {
        return c < 0x80 && Character.digit(c, radix) >= 0;
    }
}
