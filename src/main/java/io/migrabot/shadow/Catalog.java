package io.migrabot.shadow;

import io.migrabot.impact.LockMode;
import io.migrabot.impact.Measured;
import io.migrabot.impact.Shape;
import io.migrabot.schema.QualifiedName;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * What the shadow's catalogs say around a measured revision: each user relation's storage (relfilenode: a rewrite
 * gives a table a new one), the columns of its tables, which check and foreign-key constraints are validated, and
 * the locks this backend holds (from its own pg_locks, before its commit).
 *
 * <p>A revision's locks also say what it touched: PostgreSQL locks every relation a statement makes, changes or
 * drops (a dropped column's table, a dropped index's table and index, each object a cascade drops, a new table or
 * index) until the transaction ends. So after a revision whose locks were seen, only the relations it locked are
 * read again, and a plan does not read a thousand tables around each of fifty revisions.
 */
final class Catalog {
    private static final String USER = "n.nspname !~ '^pg_' AND n.nspname <> 'information_schema'";

    /**
     * Tables, materialized views, indexes (other than a constraint's, as schema models leave them out) with their
     * table, and sequences with the table owning them; whether an extension made them (schema models leave those
     * out too).
     */
    private static final String RELATIONS = "SELECT c.oid, n.nspname, c.relname, c.relfilenode, c.relkind, "
            + "COALESCE(i.indrelid, d.refobjid, 0), EXISTS (SELECT 1 FROM pg_depend x WHERE x.classid = "
            + "'pg_class'::regclass AND x.objid = c.oid AND x.deptype = 'e') "
            + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            + "LEFT JOIN pg_index i ON i.indexrelid = c.oid "
            + "LEFT JOIN pg_depend d ON c.relkind = 'S' AND d.classid = 'pg_class'::regclass AND d.objid = c.oid "
            + "AND d.refclassid = 'pg_class'::regclass AND d.refobjsubid > 0 AND d.deptype IN ('a', 'i') "
            + "WHERE c.relkind IN ('r', 'p', 'm', 'i', 'I', 'S') AND " + USER + " AND NOT EXISTS (SELECT 1 "
            + "FROM pg_constraint k WHERE k.conindid = c.oid AND k.contype IN ('p', 'u', 'x'))";

    /** Of user tables (the relations' condition follows). */
    private static final String COLUMNS = "SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod) "
            + "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = "
            + "c.relnamespace WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND " + USER;

    private static final String CONSTRAINTS = "SELECT oid, conrelid, convalidated, CASE contype WHEN 'f' THEN "
            + "'foreign key ' ELSE 'check ' END || quote_ident(conname) FROM pg_constraint WHERE contype IN ('c', "
            + "'f') AND conrelid <> 0";

    private static final String SCHEMAS = "SELECT string_agg(oid || ' ' || nspname, ',' ORDER BY oid) "
            + "FROM pg_namespace";

    private static final String LOCKS = "SELECT relation, mode FROM pg_locks WHERE pid = pg_backend_pid() "
            + "AND locktype = 'relation' AND granted "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private static final String LOCKS_OF = "SELECT relation, mode FROM pg_locks WHERE pid = ? "
            + "AND locktype = 'relation' "
            + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())";

    private Catalog() {
    }

    /**
     * The relations, their tables' columns and the check and foreign-key constraints at one moment, by oid, and the
     * schemas' names (renaming a schema renames its relations without locking them).
     */
    record State(Map<Long, Relation> relations, Map<Long, List<Shape.Column>> columns,
                 Map<Long, Constraint> constraints, String schemas) {
    }

    /**
     * @param parent    an index's table, a sequence's owning table, else 0
     * @param extension whether an extension made it
     */
    record Relation(QualifiedName name, long fileNode, char kind, long parent, boolean extension) {
        boolean table() {
            return kind == 'r' || kind == 'p';
        }

        /** What a rewrite and a lock are reported on. */
        boolean tableOrView() {
            return table() || kind == 'm';
        }
    }

    record Constraint(long table, String words, boolean validated) {
    }

    /** Everything, read whole. */
    static State read(Connection connection) throws SQLException {
        return read(connection, null, null);
    }

    /**
     * The state after a revision that locked {@code touched} (null: unknown), from {@code previous}: only the
     * touched relations, their columns and constraints are read again, unless a schema was renamed meanwhile or
     * {@code touched} is unknown; then everything is.
     */
    static State read(Connection connection, State previous, Set<Long> touched) throws SQLException {
        boolean whole = previous == null || touched == null;
        Map<Long, Relation> relations = new HashMap<>();
        Map<Long, List<Shape.Column>> columns = new HashMap<>();
        Map<Long, Constraint> constraints = new HashMap<>();
        if (!whole) {
            previous.relations().forEach((oid, relation) -> {
                if (!touched.contains(oid)) {
                    relations.put(oid, relation);
                }
            });
            previous.columns().forEach((oid, list) -> {
                if (!touched.contains(oid)) {
                    columns.put(oid, list);
                }
            });
            previous.constraints().forEach((oid, constraint) -> {
                if (!touched.contains(constraint.table())) {
                    constraints.put(oid, constraint);
                }
            });
        }
        // One round trip for the four queries: oids are numbers, written into the text as an array literal.
        String only = whole ? "" : touched.stream().map(String::valueOf)
                .collect(Collectors.joining(",", " = ANY ('{", "}'::oid[])"));
        String sql = SCHEMAS + ";\n" + RELATIONS + (whole ? "" : " AND c.oid" + only) + ";\n"
                + CONSTRAINTS + (whole ? "" : " AND conrelid" + only) + ";\n"
                + COLUMNS + (whole ? "" : " AND c.oid" + only) + " ORDER BY a.attrelid, a.attnum";
        Set<Long> read = new HashSet<>();
        String schemas;
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
            try (ResultSet rs = s.getResultSet()) {
                rs.next();
                schemas = rs.getString(1);
            }
            if (!whole && !schemas.equals(previous.schemas())) {
                return read(connection, previous, null);
            }
            s.getMoreResults();
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    Relation relation = new Relation(QualifiedName.of(rs.getString(2), rs.getString(3)),
                            rs.getLong(4), rs.getString(5).charAt(0), rs.getLong(6), rs.getBoolean(7));
                    relations.put(rs.getLong(1), relation);
                    if (relation.table()) {
                        read.add(rs.getLong(1));
                    }
                }
            }
            s.getMoreResults();
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    constraints.put(rs.getLong(1), new Constraint(rs.getLong(2), rs.getString(4), rs.getBoolean(3)));
                }
            }
            s.getMoreResults();
            try (ResultSet rs = s.getResultSet()) {
                while (rs.next()) {
                    columns.computeIfAbsent(rs.getLong(1), oid -> new ArrayList<>())
                            .add(new Shape.Column(rs.getString(2), rs.getString(3)));
                }
            }
        }
        read.forEach(oid -> columns.putIfAbsent(oid, List.of())); // a table of no columns
        return new State(relations, columns, constraints, schemas);
    }

    /** Tables of {@code before} whose storage is new in {@code after}. */
    static List<QualifiedName> rewritten(State before, State after, Predicate<QualifiedName> excluded) {
        List<QualifiedName> rewritten = new ArrayList<>();
        before.relations().forEach((oid, relation) -> {
            Relation now = after.relations().get(oid);
            if (relation.tableOrView() && now != null && relation.fileNode() != 0
                    && now.fileNode() != relation.fileNode() && !excluded.test(now.name())) {
                rewritten.add(now.name());
            }
        });
        return rewritten.stream().sorted().toList();
    }

    /** Constraints validated in {@code after} that were not (or did not exist) in {@code before}, on old tables. */
    static List<Measured.Validation> validated(State before, State after) {
        List<Measured.Validation> validated = new ArrayList<>();
        after.constraints().forEach((oid, constraint) -> {
            Constraint was = before.constraints().get(oid);
            Relation table = before.relations().get(constraint.table());
            if (constraint.validated() && (was == null || !was.validated()) && table != null) {
                validated.add(new Measured.Validation(table.name(), constraint.words()));
            }
        });
        return validated;
    }

    /**
     * The strongest lock this backend holds on each table of {@code before} (not on relations the revision made:
     * nobody waits for those), as pg_locks shows inside the revision's transaction, into {@code into}; and every
     * relation it holds a lock on, into {@code touched}.
     */
    static void locks(Connection connection, State before, Predicate<QualifiedName> excluded,
                      Map<QualifiedName, LockMode> into, Set<Long> touched) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(LOCKS)) {
            collect(rs, before, excluded, into, touched);
        }
    }

    /**
     * As {@link #locks}, for another backend ({@code pid}) seen from {@code watch}: the locks it holds and the one it
     * waits for (which it takes once it stops waiting).
     */
    static void locksOf(Connection watch, int pid, State before, Predicate<QualifiedName> excluded,
                        Map<QualifiedName, LockMode> into, Set<Long> touched) throws SQLException {
        try (PreparedStatement s = watch.prepareStatement(LOCKS_OF)) {
            s.setInt(1, pid);
            try (ResultSet rs = s.executeQuery()) {
                collect(rs, before, excluded, into, touched);
            }
        }
    }

    private static void collect(ResultSet rs, State before, Predicate<QualifiedName> excluded,
                                Map<QualifiedName, LockMode> into, Set<Long> touched) throws SQLException {
        while (rs.next()) {
            touched.add(rs.getLong(1));
            Relation relation = before.relations().get(rs.getLong(1));
            LockMode mode = LockMode.of(rs.getString(2)).orElse(null);
            if (relation != null && relation.tableOrView() && mode != null && !excluded.test(relation.name())) {
                into.merge(relation.name(), mode, (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }
    }

    /**
     * What of {@code state} a revision may have destroyed: the tables, indexes and sequences {@code touched} accepts
     * (an index also when its table is), without {@code excluded} tables and what is on them, nor what an extension
     * made.
     */
    static Shape shape(State state, Predicate<Long> touched, Predicate<QualifiedName> excluded) {
        Map<QualifiedName, List<Shape.Column>> tables = new LinkedHashMap<>();
        Map<QualifiedName, QualifiedName> indexes = new HashMap<>();
        Set<QualifiedName> sequences = new HashSet<>();
        state.relations().forEach((oid, relation) -> {
            Relation parent = state.relations().get(relation.parent());
            if (relation.extension() || (parent != null && (parent.extension() || excluded.test(parent.name())))) {
                return;
            }
            if (relation.table()) {
                if (touched.test(oid) && !excluded.test(relation.name())) {
                    tables.put(relation.name(), state.columns().getOrDefault(oid, List.of()));
                }
            } else if (relation.kind() == 'i' || relation.kind() == 'I') {
                if (parent != null && (touched.test(oid) || touched.test(relation.parent()))) {
                    indexes.put(relation.name(), parent.name());
                }
            } else if (relation.kind() == 'S' && touched.test(oid)) {
                sequences.add(relation.name());
            }
        });
        return new Shape(tables, indexes, sequences);
    }
}
