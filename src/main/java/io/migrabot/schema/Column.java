package io.migrabot.schema;

import java.util.Objects;

/**
 * A table's column.
 *
 * @param type       as PostgreSQL's {@code format_type} writes it: {@code character varying(100)}, {@code public.mood}
 * @param defaultValue the default expression as PostgreSQL deparses it, or null for none
 * @param identity   {@code always} or {@code by default} for an identity column, else null
 * @param generated  the expression of a generated (stored) column, else null
 */
public record Column(String name, String type, boolean notNull, String defaultValue, String identity,
                     String generated) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
