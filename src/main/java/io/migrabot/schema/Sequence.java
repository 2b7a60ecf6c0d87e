package io.migrabot.schema;

import java.util.Objects;

/**
 * A sequence's definition; its current value is data, not schema.
 *
 * @param type    {@code smallint}, {@code integer} or {@code bigint}
 * @param ownedBy the column it belongs to (serial and identity columns), or null
 */
public record Sequence(QualifiedName name, String type, long start, long increment, long min, long max, long cache,
                       boolean cycle, ColumnRef ownedBy) {
    public Sequence {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
