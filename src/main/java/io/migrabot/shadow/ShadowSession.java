package io.migrabot.shadow;

import io.migrabot.runner.UpgradeSql;
import io.migrabot.schema.SchemaModel;
import io.migrabot.script.SqlStatements.Statement;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Supplier;

/** A shadow's replaying or measuring connection, in autocommit mode unless a transaction was begun. */
final class ShadowSession {
    private final Connection connection;

    ShadowSession(Connection connection) throws SQLException {
        this.connection = connection;
        connection.setAutoCommit(true);
    }

    /** Runs a statement, or opens or closes a transaction when that is what it says. */
    void run(Statement statement) throws SQLException {
        String line = transactionLine(statement);
        if ("BEGIN".equals(line)) {
            begin();
        } else if ("COMMIT".equals(line)) {
            commit();
        } else {
            execute(statement.sql());
        }
    }

    /** Plain JDBC, as the native runner runs statements: no parameter parsing. */
    void execute(String statement) throws SQLException {
        try (java.sql.Statement jdbc = connection.createStatement()) {
            jdbc.execute(statement);
        }
    }

    void begin() throws SQLException {
        connection.setAutoCommit(false);
    }

    void commit() throws SQLException {
        if (!connection.getAutoCommit()) {
            connection.commit();
            connection.setAutoCommit(true);
        }
    }

    /** The schema as another connection sees it: what this one has done so far, committed. */
    SchemaModel snapshot(Supplier<SchemaModel> read) throws SQLException {
        boolean open = !connection.getAutoCommit();
        commit();
        SchemaModel model = read.get();
        if (open) {
            begin();
        }
        return model;
    }

    /**
     * Leaves no transaction open, so the handle closes cleanly, whether the walk ended (a last revision's
     * transaction may still be open, empty since the last snapshot) or failed.
     */
    void end() {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        } catch (SQLException ignored) {
            // the shadow is dropped next; a failure being reported matters more
        }
    }

    Connection connection() {
        return connection;
    }

    /** BEGIN or COMMIT when that is what {@code statement} says, else null. */
    static String transactionLine(Statement statement) {
        String code = UpgradeSql.code(statement).strip().toUpperCase(java.util.Locale.ROOT);
        return code.equals("BEGIN") || code.equals("COMMIT") ? code : null;
    }
}
