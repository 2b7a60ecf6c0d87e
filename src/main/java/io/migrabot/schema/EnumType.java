package io.migrabot.schema;

import java.util.List;
import java.util.Objects;

/** An enum type with its labels in their sort order. */
public record EnumType(QualifiedName name, List<String> labels) {
    public EnumType {
        Objects.requireNonNull(name, "name");
        labels = List.copyOf(labels);
    }
}
