package io.migrabot.script;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits PostgreSQL SQL text into statements at top-level semicolons, the way psql does: semicolons inside
 * single-quoted strings (with {@code ''} and, in {@code E'...'} strings, backslash escapes), double-quoted
 * identifiers, dollar-quoted bodies ({@code $$...$$}, {@code $tag$...$tag$}), {@code --} comments and nested
 * {@code /* *}{@code /} comments do not end a statement. Each statement keeps the line it starts on, so an error
 * can name it. Comment-only and empty pieces are dropped.
 */
public final class SqlStatements {

    /** One statement, without its terminating semicolon, and the 1-based line of the text it starts on. */
    public record Statement(String sql, int line) {
    }

    /** What the splitter found wrong: an unterminated string, identifier, dollar quote or comment. */
    public static final class UnterminatedException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int line;

        UnterminatedException(String what, int line) {
            super("unterminated " + what + " starting on line " + line);
            this.line = line;
        }

        public int line() {
            return line;
        }
    }

    private final String text;
    private final int firstLine;
    private int pos;
    private int line;
    /** The line the statement being read starts on; 0 while only blanks and comments have been seen. */
    private int statementLine;

    private SqlStatements(String text, int firstLine) {
        this.text = text;
        this.firstLine = firstLine;
        this.line = firstLine;
    }

    /**
     * @param firstLine the line number of the text's first line in its file
     */
    public static List<Statement> split(String text, int firstLine) throws UnterminatedException {
        return new SqlStatements(text, firstLine).splitAll();
    }

    private List<Statement> splitAll() throws UnterminatedException {
        List<Statement> statements = new ArrayList<>();
        int start = 0;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '-' && peek(1) == '-') {
                skipLineComment();
            } else if (c == '/' && peek(1) == '*') {
                skipBlockComment();
            } else if (c == ';') {
                if (statementLine > 0) {
                    statements.add(new Statement(text.substring(start, pos).strip(), statementLine));
                }
                pos++;
                start = pos;
                statementLine = 0;
            } else {
                if (!Character.isWhitespace(c) && statementLine == 0) {
                    statementLine = line;
                }
                if (c == '\'') {
                    skipQuoted('\'', escapeString(), "string");
                } else if (c == '"') {
                    skipQuoted('"', false, "quoted identifier");
                } else if (c == '$' && dollarTag() != null) {
                    skipDollarQuoted(dollarTag());
                } else {
                    advance();
                }
            }
        }
        if (statementLine > 0) {
            statements.add(new Statement(text.substring(start).strip(), statementLine));
        }
        return statements;
    }

    /** Whether the quote at pos opens an E'...' string, where backslash escapes the next character. */
    private boolean escapeString() {
        if (pos == 0 || Character.toUpperCase(text.charAt(pos - 1)) != 'E') {
            return false;
        }
        return pos < 2 || !(Character.isLetterOrDigit(text.charAt(pos - 2)) || text.charAt(pos - 2) == '_');
    }

    private char peek(int ahead) {
        int at = pos + ahead;
        return at < text.length() ? text.charAt(at) : '\0';
    }

    private void advance() {
        if (text.charAt(pos) == '\n') {
            line++;
        }
        pos++;
    }

    private void skipLineComment() {
        while (pos < text.length() && text.charAt(pos) != '\n') {
            pos++;
        }
    }

    private void skipBlockComment() throws UnterminatedException {
        int startLine = line;
        int depth = 0;
        while (pos < text.length()) {
            if (text.charAt(pos) == '/' && peek(1) == '*') {
                depth++;
                pos += 2;
            } else if (text.charAt(pos) == '*' && peek(1) == '/') {
                depth--;
                pos += 2;
                if (depth == 0) {
                    return;
                }
            } else {
                advance();
            }
        }
        throw new UnterminatedException("comment", startLine);
    }

    private void skipQuoted(char quote, boolean backslashEscapes, String what) throws UnterminatedException {
        int startLine = line;
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (backslashEscapes && c == '\\') {
                pos++;
                if (pos < text.length()) {
                    advance();
                }
            } else if (c == quote) {
                if (peek(1) == quote) {
                    pos += 2;
                } else {
                    pos++;
                    return;
                }
            } else {
                advance();
            }
        }
        throw new UnterminatedException(what, startLine);
    }

    /** The dollar-quote opener at pos ({@code $$} or {@code $tag$}), or null when '$' starts no quote here. */
    private String dollarTag() {
        if (pos > 0) {
            char before = text.charAt(pos - 1);
            if (Character.isLetterOrDigit(before) || before == '_' || before == '$') {
                return null; // part of an identifier such as a$b, or a positional parameter like $1
            }
        }
        int end = pos + 1;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_')) {
            end++;
        }
        if (end >= text.length() || text.charAt(end) != '$') {
            return null;
        }
        String tag = text.substring(pos, end + 1);
        return tag.length() > 2 && Character.isDigit(tag.charAt(1)) ? null : tag;
    }

    private void skipDollarQuoted(String tag) throws UnterminatedException {
        int startLine = line;
        pos += tag.length();
        while (pos < text.length()) {
            if (text.startsWith(tag, pos)) {
                pos += tag.length();
                return;
            }
            advance();
        }
        throw new UnterminatedException("dollar-quoted string " + tag, startLine);
    }
}
