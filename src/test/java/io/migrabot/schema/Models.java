package io.migrabot.schema;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Tiny builders for schema models in tests: {@code model().table(table("public.users", col("id", "bigint")))}. */
public final class Models {
    private Models() {
    }

    /** {@code "public.users"}: schema and name split at the first dot. */
    public static QualifiedName name(String qualified) {
        int dot = qualified.indexOf('.');
        return QualifiedName.of(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    public static Column col(String name, String type) {
        return new Column(name, type, false, null, null, null);
    }

    public static Column notNull(String name, String type) {
        return new Column(name, type, true, null, null, null);
    }

    public static Column withDefault(String name, String type, String defaultValue) {
        return new Column(name, type, false, defaultValue, null, null);
    }

    public static Table table(String name, Column... columns) {
        return new Table(name(name), List.of(columns), List.of());
    }

    public static Table table(String name, List<Column> columns, Constraint... constraints) {
        return new Table(name(name), columns, List.of(constraints));
    }

    public static Constraint constraint(ObjectKind kind, String name, String definition) {
        return new Constraint(name, kind, definition);
    }

    public static Index index(String name, String table, String definition) {
        return new Index(name(name), name(table), definition);
    }

    /** A bigint sequence as {@code bigserial} makes it. */
    public static Sequence serial(String name, String table, String column) {
        return new Sequence(name(name), "bigint", 1, 1, 1, Long.MAX_VALUE, 1, false,
                new ColumnRef(name(table), column));
    }

    public static ModelBuilder model() {
        return new ModelBuilder();
    }

    /** {@code table} with {@code column} in place of its namesake, or added last. */
    public static Table with(Table table, Column column) {
        List<Column> columns = new ArrayList<>(table.columns());
        int at = columns.stream().map(Column::name).toList().indexOf(column.name());
        if (at < 0) {
            columns.add(column);
        } else {
            columns.set(at, column);
        }
        return new Table(table.name(), columns, table.constraints());
    }

    /** {@code table} with {@code constraint} in place of its namesake, or added. */
    public static Table with(Table table, Constraint constraint) {
        List<Constraint> constraints = new ArrayList<>(table.constraints());
        constraints.removeIf(c -> c.name().equals(constraint.name()));
        constraints.add(constraint);
        return new Table(table.name(), table.columns(), constraints);
    }

    /** {@code table} without the column or constraint called {@code name}. */
    public static Table without(Table table, String name) {
        return new Table(table.name(), table.columns().stream().filter(c -> !c.name().equals(name)).toList(),
                table.constraints().stream().filter(c -> !c.name().equals(name)).toList());
    }

    /**
     * Collects objects in any order (the model puts them in its own). Adding an object replaces the one of the same
     * name, so a variant of a model is the same builder calls plus the changes.
     */
    public static final class ModelBuilder {
        private final List<String> schemas = new ArrayList<>(List.of("public"));
        private final List<Extension> extensions = new ArrayList<>(List.of(new Extension("plpgsql", "1.0",
                "pg_catalog")));
        private final List<EnumType> enums = new ArrayList<>();
        private final List<Sequence> sequences = new ArrayList<>();
        private final List<Table> tables = new ArrayList<>();
        private final List<Index> indexes = new ArrayList<>();
        private final List<View> views = new ArrayList<>();

        public ModelBuilder schema(String name) {
            schemas.remove(name);
            schemas.add(name);
            return this;
        }

        public ModelBuilder extension(String name, String version) {
            extensions.removeIf(e -> e.name().equals(name));
            extensions.add(new Extension(name, version, "public"));
            return this;
        }

        public ModelBuilder enumType(String name, String... labels) {
            enums.removeIf(e -> e.name().equals(name(name)));
            enums.add(new EnumType(name(name), Arrays.asList(labels)));
            return this;
        }

        public ModelBuilder sequence(Sequence sequence) {
            sequences.removeIf(s -> s.name().equals(sequence.name()));
            sequences.add(sequence);
            return this;
        }

        public ModelBuilder table(Table table) {
            tables.removeIf(t -> t.name().equals(table.name()));
            tables.add(table);
            return this;
        }

        public ModelBuilder index(String name, String table, String definition) {
            indexes.removeIf(i -> i.name().equals(name(name)));
            indexes.add(Models.index(name, table, definition));
            return this;
        }

        public ModelBuilder view(String name, String definition) {
            return view(new View(name(name), false, definition));
        }

        public ModelBuilder materializedView(String name, String definition) {
            return view(new View(name(name), true, definition));
        }

        private ModelBuilder view(View view) {
            views.removeIf(v -> v.name().equals(view.name()));
            views.add(view);
            return this;
        }

        /** Removes every object called {@code name} (a schema, an extension, or a qualified name). */
        public ModelBuilder drop(String name) {
            schemas.remove(name);
            extensions.removeIf(e -> e.name().equals(name));
            if (name.contains(".")) {
                QualifiedName q = name(name);
                enums.removeIf(e -> e.name().equals(q));
                sequences.removeIf(s -> s.name().equals(q));
                tables.removeIf(t -> t.name().equals(q));
                indexes.removeIf(i -> i.name().equals(q));
                views.removeIf(v -> v.name().equals(q));
            }
            return this;
        }

        public SchemaModel build() {
            return new SchemaModel(schemas, extensions, enums, sequences, tables, indexes, views);
        }
    }
}
