package io.migrabot.schema;

import java.util.Objects;

/**
 * A table constraint (NOT NULL is a column's {@link Column#notNull()}).
 *
 * @param kind       one of the constraint kinds of {@link ObjectKind}
 * @param definition as PostgreSQL's {@code pg_get_constraintdef} writes it: {@code CHECK ((total >= 0))}
 */
public record Constraint(String name, ObjectKind kind, String definition) {
    public Constraint {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
        if (!kind.isConstraint()) {
            throw new IllegalArgumentException(kind + " is not a kind of constraint");
        }
    }
}
