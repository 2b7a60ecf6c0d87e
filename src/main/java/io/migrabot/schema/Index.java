package io.migrabot.schema;

import java.util.Objects;

/**
 * An index that does not back a constraint (those are part of their primary key, unique or exclusion constraint).
 *
 * @param table      the table or materialized view it indexes
 * @param definition as PostgreSQL's {@code pg_get_indexdef} writes it
 */
public record Index(QualifiedName name, QualifiedName table, String definition) {
    public Index {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(definition, "definition");
    }
}
