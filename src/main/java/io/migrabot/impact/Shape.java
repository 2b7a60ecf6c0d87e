package io.migrabot.impact;

import io.migrabot.schema.QualifiedName;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What a revision can destroy of the relations it touched, as the shadow's catalogs showed them before or after it:
 * tables with their columns' types (in column order), indexes (other than a constraint's) with their table, and
 * sequences. Only the relations a revision touched are in it, so a plan does not read the whole schema around each
 * revision; what is in neither {@code before} nor {@code after} was left alone.
 *
 * @param tables    each table's columns: name and type as {@code format_type} writes it
 * @param indexes   each index's table
 * @param sequences the sequences
 */
public record Shape(Map<QualifiedName, List<Column>> tables, Map<QualifiedName, QualifiedName> indexes,
                    Set<QualifiedName> sequences) {
    public static final Shape EMPTY = new Shape(Map.of(), Map.of(), Set.of());

    public Shape {
        Map<QualifiedName, List<Column>> sorted = new TreeMap<>();
        tables.forEach((name, columns) -> sorted.put(name, List.copyOf(columns)));
        tables = Collections.unmodifiableMap(sorted);
        indexes = Collections.unmodifiableMap(new TreeMap<>(indexes));
        sequences = Collections.unmodifiableSet(new TreeSet<>(sequences));
    }

    /** A column's name and type. */
    public record Column(String name, String type) {
    }
}
