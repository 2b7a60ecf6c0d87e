package io.migrabot.shadow;

import io.migrabot.impact.LockMode;
import io.migrabot.impact.Measured;
import io.migrabot.schema.QualifiedName;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the shadow's catalogs say around a measured revision: each user relation's storage (relfilenode: a rewrite
 * gives a table a new one), which check and foreign-key constraints are validated, and the locks this backend
 * holds (from its own pg_locks, before its commit).
 */
final class Catalog {
    private static final String USER = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'";

    private Catalog() {
    }

    /** The relations and validated constraints at one moment. */
    record State(Map<Long, Relation> relations, Map<Long, Boolean> validated) {
    }

    record Relation(QualifiedName name, long fileNode, char kind) {
    }

    static State state(Connection connection) throws SQLException {
        Map<Long, Relation> relations = new HashMap<>();
        Map<Long, Boolean> validated = new HashMap<>();
        try (Statement s = connection.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT c.oid, n.nspname, c.relname, c.relfilenode, c.relkind "
                    + "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('r', 'p', "
                    + "'m') AND " + USER)) {
                while (rs.next()) {
                    relations.put(rs.getLong(1), new Relation(QualifiedName.of(rs.getString(2), rs.getString(3)),
                            rs.getLong(4), rs.getString(5).charAt(0)));
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT oid, convalidated FROM pg_constraint WHERE contype IN ('c', "
                    + "'f') AND conrelid <> 0")) {
                while (rs.next()) {
                    validated.put(rs.getLong(1), rs.getBoolean(2));
                }
            }
        }
        return new State(relations, validated);
    }

    /** Tables of {@code before} whose storage is new in {@code after}. */
    static List<QualifiedName> rewritten(State before, State after, Predicate<QualifiedName> excluded) {
        List<QualifiedName> rewritten = new ArrayList<>();
        before.relations().forEach((oid, relation) -> {
            Relation now = after.relations().get(oid);
            if (now != null && relation.fileNode() != 0 && now.fileNode() != relation.fileNode()
                    && !excluded.test(now.name())) {
                rewritten.add(now.name());
            }
        });
        return rewritten.stream().sorted().toList();
    }

    /** Constraints validated in {@code after} that were not (or did not exist) in {@code before}, on old tables. */
    static List<Measured.Validation> validated(Connection connection, State before, State after) throws SQLException {
        List<Measured.Validation> validated = new ArrayList<>();
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT oid, conrelid, "
                + "conname, CASE contype WHEN 'f' THEN 'foreign key ' ELSE 'check ' END || quote_ident(conname) "
                + "FROM pg_constraint WHERE contype IN ('c', 'f') AND convalidated AND conrelid <> 0")) {
            while (rs.next()) {
                boolean was = before.validated().getOrDefault(rs.getLong(1), false);
                Relation table = before.relations().get(rs.getLong(2));
                if (!was && table != null) {
                    validated.add(new Measured.Validation(table.name(), rs.getString(4)));
                }
            }
        }
        return validated;
    }

    /**
     * The strongest lock this backend holds on each relation of {@code before} (not on relations the revision made:
     * nobody waits for those), as pg_locks shows inside the revision's transaction.
     */
    static void locks(Connection connection, State before, Predicate<QualifiedName> excluded,
                      Map<QualifiedName, LockMode> into) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT relation, mode "
                + "FROM pg_locks WHERE pid = pg_backend_pid() AND locktype = 'relation' AND granted "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")) {
            while (rs.next()) {
                Relation relation = before.relations().get(rs.getLong(1));
                LockMode mode = LockMode.of(rs.getString(2)).orElse(null);
                if (relation != null && mode != null && !excluded.test(relation.name())) {
                    into.merge(relation.name(), mode, (a, b) -> a.compareTo(b) >= 0 ? a : b);
                }
            }
        }
    }
}
