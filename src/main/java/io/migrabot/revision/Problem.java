package io.migrabot.revision;

import java.util.Objects;

/**
 * A structural problem found while reading a script directory or building its graph.
 *
 * @param kind     what is wrong; carries the advice
 * @param location the file (and line, as {@code file:line}) it was found in, or empty when it concerns the graph as a whole
 * @param message  what is wrong, in Alembic's wording where Alembic has one
 */
public record Problem(ProblemKind kind, String location, String message) {

    public Problem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
        location = location == null ? "" : location;
    }

    /** One line for a terminal: location, message, advice. */
    public String describe() {
        String where = location.isEmpty() ? "" : location + ": ";
        String sentence = message.endsWith(".") || message.endsWith("?") ? message : message + ".";
        return where + sentence + " " + kind.advice();
    }
}
