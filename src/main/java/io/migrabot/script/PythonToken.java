package io.migrabot.script;

/**
 * One token of Python source.
 *
 * @param kind    what sort of token
 * @param text    the token as written (a name is NFKC-normalised, as Python does for identifiers)
 * @param line    the 1-based line the token starts on
 * @param start   offset of the first character in the (newline-normalised) source
 * @param end     offset just past the last character
 * @param literal for a {@link Kind#STRING}, its value; otherwise null
 */
record PythonToken(Kind kind, String text, int line, int start, int end, PythonStringLiteral literal) {

    enum Kind { NAME, NUMBER, STRING, OP }

    boolean isOp(String op) {
        return kind == Kind.OP && text.equals(op);
    }

    boolean isName(String name) {
        return kind == Kind.NAME && text.equals(name);
    }

    boolean isOpening() {
        return kind == Kind.OP && (text.equals("(") || text.equals("[") || text.equals("{"));
    }

    boolean isClosing() {
        return kind == Kind.OP && (text.equals(")") || text.equals("]") || text.equals("}"));
    }
}
