package io.migrabot.schema;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A table (partitioned or not) with its columns in their order and its constraints by name. Indexes are
 * {@link SchemaModel#indexes()}: their names are unique per schema, not per table.
 */
public record Table(QualifiedName name, List<Column> columns, List<Constraint> constraints) {
    public Table {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        constraints = constraints.stream().sorted(Comparator.comparing(Constraint::name)).toList();
    }
}
