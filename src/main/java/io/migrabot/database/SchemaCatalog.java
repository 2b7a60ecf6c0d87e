package io.migrabot.database;

import io.migrabot.schema.Column;
import io.migrabot.schema.ColumnRef;
import io.migrabot.schema.Constraint;
import io.migrabot.schema.EnumType;
import io.migrabot.schema.Extension;
import io.migrabot.schema.Index;
import io.migrabot.schema.ObjectKind;
import io.migrabot.schema.QualifiedName;
import io.migrabot.schema.SchemaModel;
import io.migrabot.schema.Sequence;
import io.migrabot.schema.Table;
import io.migrabot.schema.View;
import org.jdbi.v3.core.Handle;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The catalog queries behind {@link SchemaIntrospector}: one per kind of object for the whole database, so the
 * cost does not grow with round trips per table. Definitions come from PostgreSQL's own deparsers
 * ({@code format_type}, {@code pg_get_constraintdef}, {@code pg_get_indexdef}, {@code pg_get_viewdef},
 * {@code pg_get_expr}, the functions {@code pg_dump} uses), so two databases that differ only in how a statement
 * was spelled read alike.
 */
final class SchemaCatalog {
    /** Not a system schema: users cannot create schemas named pg_*, so this covers pg_toast and pg_temp_N too. */
    private static final String USER_SCHEMA = "n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'";

    /** The extension that created an object reports it; {@code pg_dump} leaves it out likewise. */
    private static String notFromExtension(String catalog, String oid) {
        return "NOT EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = '" + catalog + "'::regclass AND x.objid = "
                + oid + " AND x.deptype = 'e')";
    }

    /** The user's tables (r, p), views (v) and materialized views (m). */
    private static final String RELATIONS = "WITH rel AS (SELECT c.oid, n.nspname, c.relname, c.relkind "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "WHERE c.relkind IN ('r', 'p', 'v', 'm') AND " + USER_SCHEMA + " AND "
            + notFromExtension("pg_class", "c.oid") + ") ";

    private static final String SCHEMAS = "SELECT n.nspname FROM pg_namespace n WHERE " + USER_SCHEMA + " AND "
            + notFromExtension("pg_namespace", "n.oid");

    private static final String EXTENSIONS = "SELECT e.extname, e.extversion, n.nspname FROM pg_extension e "
            + "JOIN pg_namespace n ON n.oid = e.extnamespace";

    private static final String ENUMS = "SELECT n.nspname, t.typname, e.enumlabel FROM pg_type t "
            + "JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid "
            + "WHERE " + USER_SCHEMA + " AND " + notFromExtension("pg_type", "t.oid")
            + " ORDER BY t.oid, e.enumsortorder";

    /** With the column that owns each sequence (serial: dependency 'a', identity: 'i'). */
    private static final String SEQUENCES = "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL) AS type, "
            + "s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, "
            + "tn.nspname AS owner_schema, t.relname AS owner_table, a.attname AS owner_column "
            + "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
            + "JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid "
            + "AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') "
            + "LEFT JOIN pg_class t ON t.oid = d.refobjid LEFT JOIN pg_namespace tn ON tn.oid = t.relnamespace "
            + "LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid "
            + "WHERE " + USER_SCHEMA + " AND " + notFromExtension("pg_class", "c.oid");

    private static final String RELATION_ROWS = RELATIONS + "SELECT oid, nspname, relname, relkind, "
            + "CASE WHEN relkind IN ('v', 'm') THEN pg_get_viewdef(oid, true) END AS definition FROM rel";

    private static final String COLUMNS = RELATIONS + "SELECT a.attrelid, a.attname, "
            + "format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull, a.attidentity, a.attgenerated, "
            + "pg_get_expr(d.adbin, d.adrelid) AS expression "
            + "FROM rel JOIN pg_attribute a ON a.attrelid = rel.oid "
            + "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
            + "WHERE rel.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
            + "ORDER BY a.attrelid, a.attnum";

    private static final String CONSTRAINTS = RELATIONS + "SELECT k.conrelid, k.conname, k.contype, "
            + "pg_get_constraintdef(k.oid, true) AS definition "
            + "FROM rel JOIN pg_constraint k ON k.conrelid = rel.oid "
            + "WHERE rel.relkind IN ('r', 'p') AND k.contype IN ('p', 'f', 'u', 'c', 'x')";

    /** Indexes that back a primary key, unique or exclusion constraint are that constraint's. */
    private static final String INDEXES = RELATIONS + "SELECT rel.nspname, ic.relname, rel.relname AS table_name, "
            + "pg_get_indexdef(i.indexrelid) AS definition "
            + "FROM rel JOIN pg_index i ON i.indrelid = rel.oid JOIN pg_class ic ON ic.oid = i.indexrelid "
            + "WHERE rel.relkind IN ('r', 'p', 'm') AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
            + "WHERE k.conindid = i.indexrelid AND k.contype IN ('p', 'u', 'x'))";

    private final Handle handle;

    SchemaCatalog(Handle handle) {
        this.handle = handle;
    }

    /** Reads the model; run it inside one transaction, so that every query sees the same catalog. */
    SchemaModel read() {
        List<String> schemas = handle.createQuery(SCHEMAS).mapTo(String.class).list();
        List<Extension> extensions = handle.createQuery(EXTENSIONS)
                .map((rs, ctx) -> new Extension(rs.getString(1), rs.getString(2), rs.getString(3))).list();
        Map<Long, TableParts> tables = new LinkedHashMap<>();
        List<View> views = new ArrayList<>();
        handle.createQuery(RELATION_ROWS).reduceResultSet(tables, (byOid, rs, ctx) -> {
            QualifiedName name = QualifiedName.of(rs.getString("nspname"), rs.getString("relname"));
            String kind = rs.getString("relkind");
            if (kind.equals("v") || kind.equals("m")) {
                views.add(new View(name, kind.equals("m"), rs.getString("definition")));
            } else {
                byOid.put(rs.getLong("oid"), new TableParts(name));
            }
            return byOid;
        });
        handle.createQuery(COLUMNS).reduceResultSet(tables, (byOid, rs, ctx) -> {
            String expression = rs.getString("expression");
            boolean generated = rs.getString("attgenerated").equals("s");
            byOid.get(rs.getLong("attrelid")).columns.add(new Column(rs.getString("attname"), rs.getString("type"),
                    rs.getBoolean("attnotnull"), generated ? null : expression, identity(rs.getString("attidentity")),
                    generated ? expression : null));
            return byOid;
        });
        handle.createQuery(CONSTRAINTS).reduceResultSet(tables, (byOid, rs, ctx) -> {
            byOid.get(rs.getLong("conrelid")).constraints.add(new Constraint(rs.getString("conname"),
                    constraintKind(rs.getString("contype")), rs.getString("definition")));
            return byOid;
        });
        List<Index> indexes = handle.createQuery(INDEXES).map((rs, ctx) -> new Index(
                QualifiedName.of(rs.getString("nspname"), rs.getString("relname")),
                QualifiedName.of(rs.getString("nspname"), rs.getString("table_name")),
                rs.getString("definition"))).list();
        return new SchemaModel(schemas, extensions, enums(), sequences(),
                tables.values().stream().map(TableParts::table).toList(), indexes, views);
    }

    private List<EnumType> enums() {
        Map<QualifiedName, List<String>> labels = handle.createQuery(ENUMS).reduceResultSet(new LinkedHashMap<>(),
                (byType, rs, ctx) -> {
                    byType.computeIfAbsent(QualifiedName.of(rs.getString(1), rs.getString(2)),
                            name -> new ArrayList<>()).add(rs.getString(3));
                    return byType;
                });
        return labels.entrySet().stream().map(e -> new EnumType(e.getKey(), e.getValue())).toList();
    }

    private List<Sequence> sequences() {
        return handle.createQuery(SEQUENCES).map((rs, ctx) -> {
            String ownerTable = rs.getString("owner_table");
            ColumnRef owner = ownerTable == null ? null : new ColumnRef(
                    QualifiedName.of(rs.getString("owner_schema"), ownerTable), rs.getString("owner_column"));
            return new Sequence(QualifiedName.of(rs.getString("nspname"), rs.getString("relname")),
                    rs.getString("type"), rs.getLong("seqstart"), rs.getLong("seqincrement"), rs.getLong("seqmin"),
                    rs.getLong("seqmax"), rs.getLong("seqcache"), rs.getBoolean("seqcycle"), owner);
        }).list();
    }

    private static String identity(String code) {
        return switch (code) {
            case "a" -> "always";
            case "d" -> "by default";
            default -> null;
        };
    }

    private static ObjectKind constraintKind(String code) {
        return switch (code) {
            case "p" -> ObjectKind.PRIMARY_KEY;
            case "f" -> ObjectKind.FOREIGN_KEY;
            case "u" -> ObjectKind.UNIQUE;
            case "c" -> ObjectKind.CHECK;
            case "x" -> ObjectKind.EXCLUSION;
            default -> throw new IllegalArgumentException("not a table constraint type: " + code);
        };
    }

    /** A table's rows from the column and constraint queries, gathered by the table's oid. */
    private static final class TableParts {
        private final QualifiedName name;
        private final List<Column> columns = new ArrayList<>();
        private final List<Constraint> constraints = new ArrayList<>();

        TableParts(QualifiedName name) {
            this.name = name;
        }

        Table table() {
            return new Table(name, columns, constraints);
        }
    }
}
