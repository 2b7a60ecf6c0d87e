package io.migrabot.schema;

import java.util.Objects;

/**
 * One way a database differs from the schema its migrations are expected to produce.
 *
 * @param name   the object as people read it: {@code public.users}, {@code public.users.email} for a column or a
 *               constraint
 * @param detail for a {@link Change#CHANGED} object, what differs, the expected value first:
 *               {@code type character varying(100) → text}; else empty
 * @param weight how many objects this difference stands for: 1, or for a whole missing or unexpected table or
 *               view, it and its columns, constraints, indexes and owned sequences (which get no line of their own)
 */
public record Difference(ObjectKind kind, String name, Change change, String detail, int weight) {

    /** Which side has the object, with the words a person reads. */
    public enum Change {
        MISSING("missing (expected, not in the database)"),
        UNEXPECTED("unexpected (in the database, not expected)"),
        CHANGED("differs from what was expected");

        private final String text;

        Change(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    public Difference {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(detail, "detail");
    }

    /** {@code column public.users.email: type character varying(100) → text}, {@code table public.orders missing (…)}. */
    @Override
    public String toString() {
        return kind.text() + " " + name + (change == Change.CHANGED ? ": " + detail : " " + change.text());
    }
}
