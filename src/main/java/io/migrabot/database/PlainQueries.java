package io.migrabot.database;

import org.jdbi.v3.core.Handle;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed queries every operation runs first (the lock, the version table), through plain JDBC: the first Jdbi
 * statement of a process loads JFR's event metadata for Jdbi's statement event and Jdbi's SQL lexer, ~60 ms of
 * each one-shot command that these few queries do not need.
 */
final class PlainQueries {
    private PlainQueries() {
    }

    static void execute(Handle handle, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(handle, sql, parameters)) {
            statement.execute();
        }
    }

    /** The boolean the query returns in its one row. */
    static boolean bool(Handle handle, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(handle, sql, parameters);
             ResultSet row = statement.executeQuery()) {
            row.next();
            return row.getBoolean(1);
        }
    }

    /** The first column of every row. */
    static List<String> strings(Handle handle, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement statement = prepare(handle, sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    private static PreparedStatement prepare(Handle handle, String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = handle.getConnection().prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }
}
