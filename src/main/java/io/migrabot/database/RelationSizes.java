package io.migrabot.database;

import io.migrabot.impact.RelationSize;
import io.migrabot.schema.QualifiedName;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/** How large relations are in a live database: pg_class.reltuples and pg_total_relation_size, in one query. */
public final class RelationSizes {
    private RelationSizes() {
    }

    /** The sizes of those of {@code relations} the database has. */
    public static Map<QualifiedName, RelationSize> read(TargetDatabase database, Collection<QualifiedName> relations) {
        if (relations.isEmpty()) {
            return Map.of();
        }
        String[] schemas = relations.stream().map(QualifiedName::schema).toArray(String[]::new);
        String[] names = relations.stream().map(QualifiedName::name).toArray(String[]::new);
        Map<QualifiedName, RelationSize> sizes = new HashMap<>();
        database.withHandle("reading relation sizes", h -> h.createQuery("""
                SELECT n.nspname, c.relname, c.reltuples::bigint AS rows, pg_total_relation_size(c.oid) AS bytes
                FROM unnest(:schemas, :names) AS wanted(schema, name)
                JOIN pg_namespace n ON n.nspname = wanted.schema
                JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = wanted.name""")
                .bind("schemas", schemas).bind("names", names)
                .map((rs, ctx) -> sizes.put(QualifiedName.of(rs.getString(1), rs.getString(2)),
                        new RelationSize(rs.getLong(3), rs.getLong(4)))).list());
        return sizes;
    }
}
