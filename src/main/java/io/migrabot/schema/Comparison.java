package io.migrabot.schema;

import io.migrabot.schema.Difference.Change;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Compares an expected and an actual model, object by object. Every component of the model is compared, so that
 * an empty result means equal models and equal fingerprints. Objects that come with a missing or unexpected table
 * (its indexes, its owned sequences) get no line of their own; the table's line stands for them in its weight.
 */
final class Comparison {
    /** Stable: the attributes of one object stay in the order they are compared in. */
    private static final Comparator<Difference> ORDER =
            Comparator.comparing(Difference::kind).thenComparing(Difference::name);

    private final SchemaModel expected;
    private final SchemaModel actual;
    private final List<Difference> found = new ArrayList<>();
    private final Set<QualifiedName> oneSidedRelations = new HashSet<>();

    private Comparison(SchemaModel expected, SchemaModel actual) {
        this.expected = expected;
        this.actual = actual;
    }

    static List<Difference> of(SchemaModel expected, SchemaModel actual) {
        Comparison comparison = new Comparison(expected, actual);
        comparison.compare();
        comparison.found.sort(ORDER);
        return comparison.found;
    }

    private void compare() {
        // Relations first: which ones are one-sided decides which indexes and sequences get lines of their own.
        compareTables();
        compareViews();
        compareIndexes();
        compareSequences();
        compareEnums();
        compareExtensions();
        for (Pair<String> p : pair(expected.schemas(), actual.schemas(), Function.identity())) {
            if (!p.bothSides()) {
                add(ObjectKind.SCHEMA, QualifiedName.display(p.either()), p.change(), 1);
            }
        }
    }

    private void compareTables() {
        for (Pair<Table> p : pair(expected.tables(), actual.tables(), Table::name)) {
            if (p.bothSides()) {
                compareTable(p.expected(), p.actual());
            } else {
                Table table = p.either();
                oneSidedRelations.add(table.name());
                add(ObjectKind.TABLE, table.name().toString(), p.change(),
                        weight(table.name(), table.columns().size() + table.constraints().size(), side(p)));
            }
        }
    }

    private void compareViews() {
        for (Pair<View> p : pair(expected.views(), actual.views(), View::name)) {
            View view = p.either();
            String name = view.name().toString();
            if (p.bothSides()) {
                changed(view.kind(), name, "kind", view.kind().text(), p.actual().kind().text());
                changed(view.kind(), name, "definition", view.definition(), p.actual().definition());
            } else {
                oneSidedRelations.add(view.name());
                add(view.kind(), name, p.change(), weight(view.name(), 0, side(p)));
            }
        }
    }

    private void compareIndexes() {
        for (Pair<Index> p : pair(expected.indexes(), actual.indexes(), Index::name)) {
            if (oneSidedRelations.contains(p.either().table())) {
                continue;
            }
            String name = p.either().name().toString();
            if (p.bothSides()) {
                changed(ObjectKind.INDEX, name, "table", p.expected().table(), p.actual().table());
                changed(ObjectKind.INDEX, name, "definition", p.expected().definition(), p.actual().definition());
            } else {
                add(ObjectKind.INDEX, name, p.change(), 1);
            }
        }
    }

    private void compareSequences() {
        for (Pair<Sequence> p : pair(expected.sequences(), actual.sequences(), Sequence::name)) {
            ColumnRef owner = p.either().ownedBy();
            if (p.bothSides()) {
                compareSequence(p.expected(), p.actual());
            } else if (owner == null || !oneSidedRelations.contains(owner.table())) {
                add(ObjectKind.SEQUENCE, p.either().name().toString(), p.change(), 1);
            }
        }
    }

    private void compareEnums() {
        for (Pair<EnumType> p : pair(expected.enums(), actual.enums(), EnumType::name)) {
            String name = p.either().name().toString();
            if (p.bothSides()) {
                changed(ObjectKind.ENUM, name, "labels", labels(p.expected()), labels(p.actual()));
            } else {
                add(ObjectKind.ENUM, name, p.change(), 1);
            }
        }
    }

    private void compareExtensions() {
        for (Pair<Extension> p : pair(expected.extensions(), actual.extensions(), Extension::name)) {
            String name = QualifiedName.display(p.either().name());
            if (p.bothSides()) {
                changed(ObjectKind.EXTENSION, name, "version", p.expected().version(), p.actual().version());
                changed(ObjectKind.EXTENSION, name, "schema", p.expected().schema(), p.actual().schema());
            } else {
                add(ObjectKind.EXTENSION, name, p.change(), 1);
            }
        }
    }

    private void compareTable(Table e, Table a) {
        String table = e.name().toString();
        for (Pair<Column> p : pair(e.columns(), a.columns(), Column::name)) {
            String name = table + "." + QualifiedName.display(p.either().name());
            if (!p.bothSides()) {
                add(ObjectKind.COLUMN, name, p.change(), 1);
                continue;
            }
            Column x = p.expected();
            Column y = p.actual();
            changed(ObjectKind.COLUMN, name, "type", x.type(), y.type());
            changed(ObjectKind.COLUMN, name, "", x.notNull() ? "not null" : "nullable",
                    y.notNull() ? "not null" : "nullable");
            changed(ObjectKind.COLUMN, name, "default", x.defaultValue(), y.defaultValue());
            changed(ObjectKind.COLUMN, name, "identity", x.identity(), y.identity());
            changed(ObjectKind.COLUMN, name, "generated as", x.generated(), y.generated());
        }
        changed(ObjectKind.TABLE, table, "column order", columnOrder(e, a), columnOrder(a, e));
        for (Pair<Constraint> p : pair(e.constraints(), a.constraints(), Constraint::name)) {
            ObjectKind kind = p.either().kind();
            String name = table + "." + QualifiedName.display(p.either().name());
            if (p.bothSides()) {
                changed(kind, name, "kind", kind.text(), p.actual().kind().text());
                changed(kind, name, "definition", p.expected().definition(), p.actual().definition());
            } else {
                add(kind, name, p.change(), 1);
            }
        }
    }

    private void compareSequence(Sequence e, Sequence a) {
        String name = e.name().toString();
        changed(ObjectKind.SEQUENCE, name, "type", e.type(), a.type());
        changed(ObjectKind.SEQUENCE, name, "start", e.start(), a.start());
        changed(ObjectKind.SEQUENCE, name, "increment", e.increment(), a.increment());
        changed(ObjectKind.SEQUENCE, name, "minvalue", e.min(), a.min());
        changed(ObjectKind.SEQUENCE, name, "maxvalue", e.max(), a.max());
        changed(ObjectKind.SEQUENCE, name, "cache", e.cache(), a.cache());
        changed(ObjectKind.SEQUENCE, name, "", e.cycle() ? "cycle" : "no cycle", a.cycle() ? "cycle" : "no cycle");
        changed(ObjectKind.SEQUENCE, name, "owned by", e.ownedBy(), a.ownedBy());
    }

    /** The columns both tables have, in {@code table}'s order: columns only one side has are reported already. */
    private static String columnOrder(Table table, Table other) {
        Set<String> shared = other.columns().stream().map(Column::name).collect(Collectors.toSet());
        return table.columns().stream().map(Column::name).filter(shared::contains).map(QualifiedName::display)
                .collect(Collectors.joining(", "));
    }

    private static String labels(EnumType type) {
        return type.labels().stream().map(l -> "'" + l.replace("'", "''") + "'").collect(Collectors.joining(", "));
    }

    /**
     * A one-sided relation's line stands for the relation, its {@code parts} (columns, constraints), and the indexes
     * and sequences that come and go with it, counted in the model that has it.
     */
    private static int weight(QualifiedName relation, int parts, SchemaModel side) {
        long indexes = side.indexes().stream().filter(i -> i.table().equals(relation)).count();
        long sequences = side.sequences().stream()
                .filter(s -> s.ownedBy() != null && s.ownedBy().table().equals(relation)).count();
        return Math.toIntExact(1 + parts + indexes + sequences);
    }

    /** The model that has a one-sided pair's object. */
    private SchemaModel side(Pair<?> pair) {
        return pair.actual() == null ? expected : actual;
    }

    private void add(ObjectKind kind, String name, Change change, int weight) {
        found.add(new Difference(kind, name, change, "", weight));
    }

    private void changed(ObjectKind kind, String name, String attribute, Object expectedValue, Object actualValue) {
        if (!Objects.equals(expectedValue, actualValue)) {
            String detail = (attribute.isEmpty() ? "" : attribute + " ") + shown(expectedValue) + " → "
                    + shown(actualValue);
            found.add(new Difference(kind, name, Change.CHANGED, detail, 1));
        }
    }

    /** On one line: view definitions span several. */
    private static String shown(Object value) {
        return value == null ? "(none)" : value.toString().strip().replaceAll("\\s+", " ");
    }

    private static <T, K> List<Pair<T>> pair(List<T> expected, List<T> actual, Function<T, K> key) {
        Map<K, T> unmatched = new LinkedHashMap<>();
        actual.forEach(a -> unmatched.put(key.apply(a), a));
        List<Pair<T>> pairs = new ArrayList<>();
        expected.forEach(e -> pairs.add(new Pair<>(e, unmatched.remove(key.apply(e)))));
        unmatched.values().forEach(a -> pairs.add(new Pair<>(null, a)));
        return pairs;
    }

    /** The same object on each side; one of them null when only one side has it. */
    private record Pair<T>(T expected, T actual) {
        boolean bothSides() {
            return expected != null && actual != null;
        }

        T either() {
            return expected != null ? expected : actual;
        }

        Change change() {
            return actual == null ? Change.MISSING : Change.UNEXPECTED;
        }
    }
}
