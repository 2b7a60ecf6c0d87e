package io.migrabot.schema;

import java.util.Objects;

/** A column of a table, as the owner of a sequence. */
public record ColumnRef(QualifiedName table, String column) {
    public ColumnRef {
        Objects.requireNonNull(table, "table");
        Objects.requireNonNull(column, "column");
    }

    @Override
    public String toString() {
        return table + "." + QualifiedName.display(column);
    }
}
