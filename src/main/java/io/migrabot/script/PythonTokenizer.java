package io.migrabot.script;

import io.migrabot.script.PythonToken.Kind;

import java.text.Normalizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Splits Python source into logical lines of tokens, following CPython 3.11's tokenizer: comments, blank lines,
 * backslash continuations and implicit joining inside brackets; indentation with CPython's tab checks; string
 * literals of every quote and prefix. It rejects what that tokenizer rejects (unterminated strings, unbalanced
 * brackets, stray characters, NUL, bad indentation, bad escapes, malformed numbers) and, because they are cheap
 * to see here, an indented line that follows no block header and a block header with no indented body.
 *
 * <p>It is not a parser: a wrong expression whose tokens are all valid (say {@code x = = 1} inside a function)
 * goes unnoticed.
 */
final class PythonTokenizer {

    /** One logical line; {@code depth} is its indentation level, 0 for a module-level statement. */
    record LogicalLine(int line, int depth, List<PythonToken> tokens) {
        LogicalLine {
            tokens = List.copyOf(tokens);
        }
    }

    /** CPython's limits, which also bound the scanner's recursion. */
    private static final int MAX_NESTING = 200;
    private static final int MAX_INDENTATION = 100;

    private final String fileName;
    private final String src;
    /** The characters of {@link #src}: scanned as an array, which the client compiler handles much better. */
    private final char[] chars;
    private int pos;
    private int line = 1;
    private final Deque<PythonToken> openBrackets = new ArrayDeque<>();
    /** Indentation levels as (column with tabs to 8, column with tabs to 1), as CPython keeps them. */
    private final Deque<int[]> indents = new ArrayDeque<>();
    private int blockHeaderLine;
    /**
     * Set while reading a line inside a def or class body: its tokens are checked exactly as others, but only
     * opening brackets are made into tokens (for the messages about them), and the line is not returned: nothing
     * reads the statements of function and class bodies, which Python does not run on import.
     */
    private boolean discard;
    /** The indentation column of the def or class header whose body is being read; -1 outside one. */
    private int definitionColumn = -1;
    /** Of the line last read by {@link #lineTokens}: how many tokens, the line of the first, whether the last is ':'. */
    private int tokenCount;
    private int firstTokenLine;
    private boolean lastTokenIsColon;
    /** The text of the token last read when it is an operator; null otherwise. */
    private String lastOperator;

    private PythonTokenizer(String fileName, String source) {
        this.fileName = fileName;
        this.src = source.indexOf('\r') < 0 ? source : source.replace("\r\n", "\n").replace('\r', '\n');
        this.chars = src.toCharArray();
        indents.push(new int[] {0, 0});
    }

    /**
     * The logical lines of the source outside def and class bodies, after checking all of it; lines inside such
     * bodies are tokenized and checked but not returned.
     *
     * @throws PythonSyntaxException at the first error, as CPython would report it
     */
    static List<LogicalLine> tokenize(String fileName, String source) {
        return new PythonTokenizer(fileName, source).logicalLines();
    }

    private List<LogicalLine> logicalLines() {
        int nul = src.indexOf('\0');
        if (nul >= 0) {
            throw error(lineAt(nul), "source code cannot contain null bytes");
        }
        List<LogicalLine> lines = new ArrayList<>();
        while (pos < chars.length) {
            int[] column = indentation();
            if (pos == chars.length || chars[pos] == '\n' || chars[pos] == '#') {
                skipRestOfLine();
                continue;
            }
            // more indented than an open def or class header: inside its body (or an indentation error, which
            // indent() finds after the tokens, as before)
            discard = definitionColumn >= 0 && column[0] > definitionColumn;
            List<PythonToken> tokens = lineTokens();
            if (tokenCount > 0) {
                int depth = indent(column, firstTokenLine);
                blockHeaderLine = lastTokenIsColon ? firstTokenLine : 0;
                if (!discard) {
                    lines.add(new LogicalLine(firstTokenLine, depth, tokens));
                    definitionColumn = isDefinition(tokens) ? column[0] : -1;
                }
            }
        }
        if (blockHeaderLine > 0) {
            throw error(lineAt(chars.length - 1), "expected an indented block after line " + blockHeaderLine);
        }
        return lines;
    }

    /**
     * A def or class header as the scanner takes it: the first token, or the second after {@code async}, is
     * {@code def} or {@code class}.
     */
    private static boolean isDefinition(List<PythonToken> tokens) {
        PythonToken keyword = tokens.get(tokens.get(0).isName("async") && tokens.size() > 1 ? 1 : 0);
        return keyword.isName("def") || keyword.isName("class");
    }

    /** Reads leading blanks; returns the column counted CPython's two ways. */
    private int[] indentation() {
        int col = 0;
        int altCol = 0;
        for (; pos < chars.length; pos++) {
            char c = chars[pos];
            if (c == ' ') {
                col++;
                altCol++;
            } else if (c == '\t') {
                col = (col / 8 + 1) * 8;
                altCol++;
            } else if (c == '\f') {
                col = 0;
                altCol = 0;
            } else {
                break;
            }
        }
        return new int[] {col, altCol};
    }

    /** Compares a line's indentation with the enclosing levels; returns its depth. */
    private int indent(int[] column, int lineNo) {
        int[] top = indents.peek();
        if (column[0] > top[0]) {
            if (column[1] <= top[1]) {
                throw error(lineNo, "inconsistent use of tabs and spaces in indentation");
            }
            if (blockHeaderLine == 0) {
                throw error(lineNo, "unexpected indent");
            }
            if (indents.size() == MAX_INDENTATION) {
                throw error(lineNo, "too many levels of indentation");
            }
            indents.push(column);
            return indents.size() - 1;
        }
        while (column[0] < indents.peek()[0]) {
            indents.pop();
        }
        if (column[0] != indents.peek()[0]) {
            throw error(lineNo, "unindent does not match any outer indentation level");
        }
        if (column[1] != indents.peek()[1]) {
            throw error(lineNo, "inconsistent use of tabs and spaces in indentation");
        }
        if (blockHeaderLine > 0) {
            throw error(lineNo, "expected an indented block after line " + blockHeaderLine);
        }
        return indents.size() - 1;
    }

    private void skipRestOfLine() {
        while (pos < chars.length && chars[pos] != '\n') {
            pos++;
        }
        if (pos < chars.length) {
            pos++;
            line++;
        }
    }

    /** Reads tokens up to the newline that ends the logical line (consumed), or the end of the source. */
    private List<PythonToken> lineTokens() {
        List<PythonToken> tokens = discard ? List.of() : new ArrayList<>();
        tokenCount = 0;
        lastTokenIsColon = false;
        while (pos < chars.length) {
            char c = chars[pos];
            if (c == ' ' || c == '\t' || c == '\f') {
                pos++;
            } else if (c == '#') {
                while (pos < chars.length && chars[pos] != '\n') {
                    pos++;
                }
            } else if (c == '\n') {
                pos++;
                line++;
                if (openBrackets.isEmpty()) {
                    return tokens;
                }
            } else if (c == '\\') {
                continuation();
            } else {
                int tokenLine = line;
                PythonToken token = token(); // null for all but opening brackets on a discarded line
                if (tokenCount++ == 0) {
                    firstTokenLine = tokenLine;
                }
                lastTokenIsColon = ":".equals(lastOperator);
                if (!discard) {
                    tokens.add(token);
                }
            }
        }
        if (!openBrackets.isEmpty()) {
            PythonToken open = openBrackets.peek();
            throw error(open.line(), "'" + open.text() + "' was never closed");
        }
        return tokens;
    }

    private void continuation() {
        if (pos + 1 < chars.length && chars[pos + 1] == '\n') {
            pos += 2;
            line++;
            if (pos < chars.length) {
                return;
            }
        }
        if (pos + 1 >= chars.length) {
            throw error(lineAt(chars.length - 1), "unexpected EOF while parsing");
        }
        throw error(line, "unexpected character after line continuation character");
    }

    private PythonToken token() {
        lastOperator = null;
        int start = pos;
        int startLine = line;
        int cp = Character.codePointAt(chars, pos);
        if (cp < 0x80 ? isAsciiIdentifierStart(cp) : Character.isUnicodeIdentifierStart(cp)) {
            pos += Character.charCount(cp);
            boolean ascii = cp < 0x80;
            while (pos < chars.length) {
                char c = chars[pos];
                if (c < 0x80) {
                    if (!isAsciiIdentifierPart(c)) {
                        break;
                    }
                    pos++;
                } else {
                    int next = Character.codePointAt(chars, pos);
                    if (!isIdentifierPart(next)) {
                        break;
                    }
                    ascii = false;
                    pos += Character.charCount(next);
                }
            }
            boolean quoteNext = pos < chars.length && isQuote(chars[pos]);
            if (discard && !quoteNext) {
                return null;
            }
            String word = src.substring(start, pos);
            if (quoteNext && PythonStringLiteral.isPrefix(word)) {
                return string(start, word);
            }
            if (discard) {
                return null;
            }
            // NFKC leaves ASCII as it is
            String name = ascii ? word : Normalizer.normalize(word, Normalizer.Form.NFKC);
            return new PythonToken(Kind.NAME, name, startLine, start, pos, null);
        }
        if (isDigit(cp) || (cp == '.' && pos + 1 < chars.length && isDigit(chars[pos + 1]))) {
            return number();
        }
        if (isQuote(cp)) {
            return string(start, "");
        }
        String text = operatorAt(pos);
        if (text != null) {
            pos += text.length();
            lastOperator = text;
            // every bracket is a one-character operator; an opening one is kept until it closes, for the messages
            boolean opening = cp == '(' || cp == '[' || cp == '{';
            PythonToken op = discard && !opening ? null
                    : new PythonToken(Kind.OP, text, startLine, start, pos, null);
            if (opening) {
                open(op);
            } else if (cp == ')' || cp == ']' || cp == '}') {
                close(text, startLine);
            }
            return op;
        }
        throw error(startLine, isPrintable(cp)
                ? String.format("invalid character '%s' (U+%04X)", new String(Character.toChars(cp)), cp)
                : String.format("invalid non-printable character U+%04X", cp));
    }

    /**
     * The longest operator or delimiter at {@code at}, as CPython reads them, or null. The operators:
     * {@code **= //= >>= <<= ... -> += -= *= /= %= &= |= ^= @= ** // << >> <= >= == != := <> + - * / % & | ^ ~ < >
     * ( ) [ ] { } , : ; . = @}.
     */
    private String operatorAt(int at) {
        char c = chars[at];
        char next = at + 1 < chars.length ? chars[at + 1] : '\0'; // the source has no NUL
        char third = at + 2 < chars.length ? chars[at + 2] : '\0';
        switch (c) {
            case '(': return "(";
            case ')': return ")";
            case '[': return "[";
            case ']': return "]";
            case '{': return "{";
            case '}': return "}";
            case ',': return ",";
            case ';': return ";";
            case '~': return "~";
            case ':': return next == '=' ? ":=" : ":";
            case '=': return next == '=' ? "==" : "=";
            case '.': return next == '.' && third == '.' ? "..." : ".";
            case '!': return next == '=' ? "!=" : null;
            case '+': return next == '=' ? "+=" : "+";
            case '%': return next == '=' ? "%=" : "%";
            case '&': return next == '=' ? "&=" : "&";
            case '|': return next == '=' ? "|=" : "|";
            case '^': return next == '=' ? "^=" : "^";
            case '@': return next == '=' ? "@=" : "@";
            case '-': return next == '=' ? "-=" : next == '>' ? "->" : "-";
            case '*': return next == '*' ? (third == '=' ? "**=" : "**") : next == '=' ? "*=" : "*";
            case '/': return next == '/' ? (third == '=' ? "//=" : "//") : next == '=' ? "/=" : "/";
            case '<': return next == '<' ? (third == '=' ? "<<=" : "<<") : next == '=' ? "<=" : next == '>' ? "<>" : "<";
            case '>': return next == '>' ? (third == '=' ? ">>=" : ">>") : next == '=' ? ">=" : ">";
            default: return null;
        }
    }

    private void open(PythonToken bracket) {
        if (openBrackets.size() == MAX_NESTING) {
            throw error(bracket.line(), "too many nested parentheses");
        }
        openBrackets.push(bracket);
    }

    private void close(String bracket, int closeLine) {
        if (openBrackets.isEmpty()) {
            throw error(closeLine, "unmatched '" + bracket + "'");
        }
        PythonToken open = openBrackets.pop();
        if ("([{".indexOf(open.text().charAt(0)) != ")]}".indexOf(bracket.charAt(0))) {
            throw error(closeLine, "closing parenthesis '" + bracket + "' does not match opening parenthesis '"
                    + open.text() + "'" + (open.line() == closeLine ? "" : " on line " + open.line()));
        }
    }

    private PythonToken number() {
        int start = pos;
        pos = PythonNumber.end(src, start, fileName, line);
        if (discard) {
            return null;
        }
        return new PythonToken(Kind.NUMBER, src.substring(start, pos), line, start, pos, null);
    }

    /** Reads a string literal whose prefix (already read) starts at {@code start}; {@code pos} is at the quote. */
    private PythonToken string(int start, String prefix) {
        int startLine = line;
        char quote = chars[pos];
        boolean isTriple = isTripleQuote(quote, pos);
        int bodyStart = pos + (isTriple ? 3 : 1);
        pos = bodyStart;
        boolean backslash = false;
        while (true) {
            if (pos >= chars.length || (!isTriple && chars[pos] == '\n')) {
                int detected = pos >= chars.length ? lineAt(chars.length - 1) : line;
                throw error(startLine, "unterminated " + (isTriple ? "triple-quoted " : "") + "string literal"
                        + " (detected at line " + detected + ")");
            }
            char c = chars[pos];
            if (c == '\\' && pos + 1 < chars.length) {
                backslash = true;
                if (chars[pos + 1] == '\n') {
                    line++;
                }
                pos += 2;
            } else if (c == quote && (!isTriple || isTripleQuote(quote, pos))) {
                break;
            } else {
                if (c == '\n') {
                    line++;
                }
                pos++;
            }
        }
        int bodyEnd = pos;
        pos += isTriple ? 3 : 1;
        if (discard && prefix.isEmpty() && !backslash) {
            return null; // a plain literal without escapes has nothing to check
        }
        String body = src.substring(bodyStart, bodyEnd);
        PythonStringLiteral literal = PythonStringLiteral.of(prefix, body, fileName, line);
        return discard ? null : new PythonToken(Kind.STRING, src.substring(start, pos), startLine, start, pos, literal);
    }

    private boolean isTripleQuote(char quote, int at) {
        return at + 2 < chars.length && chars[at] == quote && chars[at + 1] == quote
                && chars[at + 2] == quote;
    }

    private int lineAt(int offset) {
        int n = 1;
        for (int i = 0; i < offset; i++) {
            if (chars[i] == '\n') {
                n++;
            }
        }
        return n;
    }

    private PythonSyntaxException error(int lineNo, String message) {
        return new PythonSyntaxException(fileName, lineNo, message);
    }

    private static boolean isIdentifierPart(int cp) {
        return Character.isUnicodeIdentifierPart(cp) && !Character.isIdentifierIgnorable(cp);
    }

    /** {@code Character.isUnicodeIdentifierStart} (or {@code _}) for ASCII. */
    private static boolean isAsciiIdentifierStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    /** {@link #isIdentifierPart} for ASCII. */
    private static boolean isAsciiIdentifierPart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
    }

    private static boolean isQuote(int c) {
        return c == '\'' || c == '"';
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** Python's {@code str.isprintable} for one character. */
    private static boolean isPrintable(int cp) {
        switch (Character.getType(cp)) {
            case Character.CONTROL: case Character.FORMAT: case Character.SURROGATE: case Character.PRIVATE_USE:
            case Character.UNASSIGNED: case Character.LINE_SEPARATOR: case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }
}
