package io.migrabot.schema;

import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

/**
 * The schema of one database: everything migrations make, nothing they do not (system schemas, the objects of
 * extensions, data). Every list is kept in one canonical order (by name; columns and enum labels in their own
 * order), so two models of the same schema are equal, serialize alike and have the same {@link #fingerprint()}.
 */
public record SchemaModel(List<String> schemas, List<Extension> extensions, List<EnumType> enums,
                          List<Sequence> sequences, List<Table> tables, List<Index> indexes, List<View> views) {
    public SchemaModel {
        schemas = sorted(schemas, Comparator.naturalOrder());
        extensions = sorted(extensions, Comparator.comparing(Extension::name));
        enums = sorted(enums, Comparator.comparing(EnumType::name));
        sequences = sorted(sequences, Comparator.comparing(Sequence::name));
        tables = sorted(tables, Comparator.comparing(Table::name));
        indexes = sorted(indexes, Comparator.comparing(Index::name));
        views = sorted(views, Comparator.comparing(View::name));
    }

    private static <T> List<T> sorted(List<T> items, Comparator<? super T> order) {
        return List.copyOf(items.stream().sorted(order).toList());
    }

    /**
     * This model without the tables and views {@code excluded} accepts, their indexes and the sequences their
     * columns own: the version table and migrabot's own tables are not what a schema comparison is about.
     */
    public SchemaModel excluding(Predicate<QualifiedName> excluded) {
        return new SchemaModel(schemas, extensions, enums,
                sequences.stream().filter(s -> s.ownedBy() == null || !excluded.test(s.ownedBy().table())).toList(),
                tables.stream().filter(t -> !excluded.test(t.name())).toList(),
                indexes.stream().filter(i -> !excluded.test(i.table())).toList(),
                views.stream().filter(v -> !excluded.test(v.name())).toList());
    }

    /**
     * SHA-256 of the canonical JSON ({@link SchemaJson#write}), in hex. Equal for equal models; it depends on how
     * the PostgreSQL major version writes definitions, so compare fingerprints taken from one server version.
     */
    public String fingerprint() {
        return SchemaJson.fingerprint(this);
    }
}
