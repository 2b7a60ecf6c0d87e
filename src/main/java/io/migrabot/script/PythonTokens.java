package io.migrabot.script;

import io.migrabot.script.PythonToken.Kind;

import java.util.ArrayList;
import java.util.List;

/** Helpers over the tokens of one logical line, for {@link PythonModuleScanner}: splitting, brackets, source text. */
final class PythonTokens {

    private PythonTokens() {
    }

    /**
     * Splits at the top-level {@code =} of an assignment: targets, then the value. A {@code lambda}'s defaults are
     * part of the value; comparison operators are never {@code =} tokens.
     */
    static List<List<PythonToken>> splitAssignment(List<PythonToken> statement) {
        int lambda = 0;
        while (lambda < statement.size() && !statement.get(lambda).isName("lambda")) {
            lambda = statement.get(lambda).isOpening() ? closing(statement, lambda) + 1 : lambda + 1;
        }
        List<List<PythonToken>> parts = split(statement.subList(0, lambda), "=");
        parts.get(parts.size() - 1).addAll(statement.subList(lambda, statement.size()));
        return parts;
    }

    /** Splits at the operator {@code separator} outside brackets; n separators give n + 1 (maybe empty) parts. */
    static List<List<PythonToken>> split(List<PythonToken> tokens, String separator) {
        List<List<PythonToken>> parts = new ArrayList<>();
        parts.add(new ArrayList<>());
        for (int i = 0; i < tokens.size(); i++) {
            PythonToken token = tokens.get(i);
            if (token.isOp(separator)) {
                parts.add(new ArrayList<>());
            } else if (token.isOpening()) {
                int close = closing(tokens, i);
                parts.get(parts.size() - 1).addAll(tokens.subList(i, close + 1));
                i = close;
            } else {
                parts.get(parts.size() - 1).add(token);
            }
        }
        return parts;
    }

    /** The index of the bracket closing the one at {@code open}; the tokenizer has checked they balance. */
    static int closing(List<PythonToken> tokens, int open) {
        int depth = 0;
        for (int i = open; i < tokens.size(); i++) {
            if (tokens.get(i).isOpening()) {
                depth++;
            } else if (tokens.get(i).isClosing() && --depth == 0) {
                return i;
            }
        }
        return tokens.size() - 1;
    }

    static List<PythonToken> unwrapParentheses(List<PythonToken> tokens) {
        List<PythonToken> result = tokens;
        while (result.size() >= 2 && result.get(0).isOp("(") && closing(result, 0) == result.size() - 1) {
            result = result.subList(1, result.size() - 1);
        }
        return result;
    }

    static List<PythonToken> unwrapBrackets(List<PythonToken> tokens) {
        boolean wrapped = tokens.size() >= 2 && (tokens.get(0).isOp("(") || tokens.get(0).isOp("["))
                && closing(tokens, 0) == tokens.size() - 1;
        return wrapped ? tokens.subList(1, tokens.size() - 1) : tokens;
    }

    static boolean isAugmentedAssign(PythonToken token) {
        String t = token.text();
        return token.kind() == Kind.OP && t.length() >= 2 && t.endsWith("=")
                && !t.equals("==") && !t.equals("<=") && !t.equals(">=") && !t.equals("!=") && !t.equals(":=");
    }

    /**
     * The tokens as one line of source: single spaces where the source had blanks or line breaks, none inside
     * brackets' edges or before commas. Comments and continuation backslashes are dropped.
     */
    static String sourceText(List<PythonToken> tokens) {
        StringBuilder text = new StringBuilder();
        PythonToken previous = null;
        for (PythonToken token : tokens) {
            boolean space = previous != null && previous.end() != token.start() && !previous.isOpening()
                    && !token.isClosing() && !token.isOp(",");
            text.append(space ? " " : "").append(token.text());
            previous = token;
        }
        return text.toString();
    }

    /** The index of the first {@code name} token outside brackets, or -1. */
    static int indexOfName(List<PythonToken> tokens, String name) {
        for (int i = 0; i < tokens.size(); i++) {
            if (tokens.get(i).isName(name)) {
                return i;
            }
            if (tokens.get(i).isOpening()) {
                i = closing(tokens, i);
            }
        }
        return -1;
    }
}
