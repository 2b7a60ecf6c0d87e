package io.migrabot.database;

import io.migrabot.schema.Column;
import io.migrabot.schema.Constraint;
import io.migrabot.schema.Index;
import io.migrabot.schema.ObjectKind;
import io.migrabot.schema.QualifiedName;
import io.migrabot.schema.SchemaModel;
import io.migrabot.schema.Table;
import io.migrabot.schema.View;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a SQLite database's schema from {@code sqlite_schema} and the table, index and foreign-key pragmas into
 * the same model as PostgreSQL's catalogs, every name in schema {@code main}. Column types are the declared types
 * in lower case (SQLite keeps them as written and compares them without case); a primary key, a UNIQUE constraint
 * and a foreign key, which SQLite does not name, are named by their definition; indexes and views are their
 * stored SQL with blanks collapsed. CHECK constraints and triggers live only in the CREATE statements' text and
 * are not part of the model. SQLite's own tables ({@code sqlite_*}) are left out.
 */
final class SqliteCatalog {
    static final String SCHEMA = "main";

    private final Connection connection;

    SqliteCatalog(Connection connection) {
        this.connection = connection;
    }

    /** Reads the model; run it inside one read transaction, so every query sees the same schema. */
    SchemaModel read() throws SQLException {
        List<Table> tables = new ArrayList<>();
        List<Index> indexes = new ArrayList<>();
        List<View> views = new ArrayList<>();
        for (String[] row : rows("SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE "
                + "'sqlite\\_%' ESCAPE '\\' AND type IN ('table', 'view', 'index') ORDER BY name")) {
            QualifiedName name = QualifiedName.of(SCHEMA, row[1]);
            switch (row[0]) {
                case "table" -> tables.add(table(row[1]));
                case "view" -> views.add(new View(name, false, collapse(row[3])));
                default -> {
                    if (row[3] != null) { // an index SQLite made for a constraint has no SQL: it is the constraint
                        indexes.add(new Index(name, QualifiedName.of(SCHEMA, row[2]), collapse(row[3])));
                    }
                }
            }
        }
        return new SchemaModel(List.of(), List.of(), List.of(), List.of(), tables, indexes, views);
    }

    private Table table(String name) throws SQLException {
        List<Column> columns = new ArrayList<>();
        Map<Integer, String> primaryKey = new TreeMap<>();
        for (String[] c : rows("SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(?)",
                name)) {
            if (!c[5].equals("1")) { // 1: a virtual table's hidden column
                String generated = c[5].equals("2") ? "virtual" : c[5].equals("3") ? "stored" : null;
                columns.add(new Column(c[0], c[1].toLowerCase(Locale.ROOT), c[2].equals("1"),
                        generated == null ? c[3] : null, null, generated));
            }
            if (!c[4].equals("0")) {
                primaryKey.put(Integer.parseInt(c[4]), c[0]);
            }
        }
        List<Constraint> constraints = new ArrayList<>();
        if (!primaryKey.isEmpty()) {
            String definition = "PRIMARY KEY (" + String.join(", ", primaryKey.values()) + ")";
            constraints.add(new Constraint(definition, ObjectKind.PRIMARY_KEY, definition));
        }
        for (String[] index : rows("SELECT name FROM pragma_index_list(?) WHERE origin = 'u'", name)) {
            String definition = "UNIQUE (" + String.join(", ", column("SELECT name FROM pragma_index_info(?) "
                    + "ORDER BY seqno", index[0])) + ")";
            constraints.add(new Constraint(definition, ObjectKind.UNIQUE, definition));
        }
        Map<String, List<String[]>> keys = new TreeMap<>();
        for (String[] k : rows("SELECT id, \"from\", \"table\", \"to\", on_update, on_delete FROM "
                + "pragma_foreign_key_list(?) ORDER BY id, seq", name)) {
            keys.computeIfAbsent(k[0], id -> new ArrayList<>()).add(k);
        }
        for (List<String[]> key : keys.values()) {
            String[] first = key.get(0);
            String definition = "FOREIGN KEY (" + String.join(", ", key.stream().map(k -> k[1]).toList())
                    + ") REFERENCES " + first[2] + (first[3] == null ? "" : " (" + String.join(", ",
                    key.stream().map(k -> k[3]).toList()) + ")") + action("UPDATE", first[4])
                    + action("DELETE", first[5]);
            constraints.add(new Constraint(definition, ObjectKind.FOREIGN_KEY, definition));
        }
        return new Table(QualifiedName.of(SCHEMA, name), columns, constraints);
    }

    private static String action(String event, String action) {
        return action == null || action.equals("NO ACTION") ? "" : " ON " + event + " " + action;
    }

    /** SQL as stored, with every run of blanks one space: the same statement reads alike however it was laid out. */
    private static String collapse(String sql) {
        return sql == null ? "" : sql.strip().replaceAll("\\s+", " ");
    }

    private List<String> column(String sql, String parameter) throws SQLException {
        return rows(sql, parameter).stream().map(r -> r[0]).toList();
    }

    private List<String[]> rows(String sql, String... parameters) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet rs = statement.executeQuery()) {
                int width = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    String[] row = new String[width];
                    for (int i = 0; i < width; i++) {
                        row[i] = rs.getString(i + 1);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
