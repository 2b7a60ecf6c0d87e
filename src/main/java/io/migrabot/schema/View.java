package io.migrabot.schema;

import java.util.Objects;

/**
 * A view or materialized view.
 *
 * @param definition its query as PostgreSQL's {@code pg_get_viewdef} writes it
 */
public record View(QualifiedName name, boolean materialized, String definition) {
    public View {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(definition, "definition");
    }

    public ObjectKind kind() {
        return materialized ? ObjectKind.MATERIALIZED_VIEW : ObjectKind.VIEW;
    }
}
