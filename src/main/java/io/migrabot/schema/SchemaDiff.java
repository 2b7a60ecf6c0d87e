package io.migrabot.schema;

import java.util.List;

/**
 * The differences between the schema migrations are expected to produce and the one a database has, in a fixed
 * order: by kind (schemas, extensions, enum types, sequences, tables, columns, constraints, indexes, views), then
 * by name, then in the order an object's attributes are compared.
 */
public record SchemaDiff(List<Difference> differences) {
    public SchemaDiff {
        differences = List.copyOf(differences);
    }

    public static SchemaDiff between(SchemaModel expected, SchemaModel actual) {
        return new SchemaDiff(Comparison.of(expected, actual));
    }

    public boolean isEmpty() {
        return differences.isEmpty();
    }

    /**
     * How far apart the two schemas are: the number of objects that differ, a whole missing table counting with
     * everything in it. Zero exactly when {@link #isEmpty()}. To find the revision a database is at, take the one
     * whose expected schema is at the smallest distance: a revision that lacks a 30-column table is further away
     * than one with a changed default.
     */
    public int distance() {
        return differences.stream().mapToInt(Difference::weight).sum();
    }

    /** One line per difference. */
    public List<String> lines() {
        return differences.stream().map(Difference::toString).toList();
    }

    @Override
    public String toString() {
        return String.join("\n", lines());
    }
}
