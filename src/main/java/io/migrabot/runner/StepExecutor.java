package io.migrabot.runner;

import io.migrabot.database.DatabaseException;
import io.migrabot.database.VersionTable;
import io.migrabot.revision.VersionChange;
import io.migrabot.script.SqlStatements;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Runs revisions on a run's connection. A transactional revision of n statements takes n + 1 round trips: each
 * statement but the last alone, the last in one batch with the version-table change (whose row counts are checked
 * before the commit), then the commit. Statements go through a plain JDBC statement, so a {@code :name} in a string
 * or the jsonb {@code ?} operator reach PostgreSQL untouched.
 *
 * <p>Why not the whole revision in one batch: when a batch fails, pgjdbc 42.7 reports every entry as
 * EXECUTE_FAILED (the transaction is gone), so nothing says which statement failed, and the error must name its
 * file:line. With one statement of the file in the batch, only the version-table change can share the blame: it is
 * tried again alone in a transaction rolled back at once, so none of the file's SQL runs twice.
 */
final class StepExecutor implements AutoCloseable {
    private static final String ROLLED_BACK = "the revision was rolled back and the version table still records the "
            + "revisions before it";

    private final Connection connection;
    private final Statement jdbc;
    private final VersionTable versionTable;
    private boolean tableExists;

    StepExecutor(Connection connection, VersionTable versionTable, boolean tableExists) throws SQLException {
        this.connection = connection;
        this.versionTable = versionTable;
        this.tableExists = tableExists;
        this.jdbc = connection.createStatement();
    }

    /** Between revisions: whether the following commits wait for the disk (see {@link NativeSqlRunner}). */
    void synchronousCommit(boolean on) throws SQLException {
        connection.setAutoCommit(true); // a session setting, outside any revision's transaction
        jdbc.execute("SET synchronous_commit = " + (on ? "on" : "off"));
    }

    /** Runs one revision and records it; on failure, throws with the revision's state said plainly. */
    void run(Step step) throws SQLException {
        List<SqlStatements.Statement> statements = step.statements();
        if (step.migration().transactional()) {
            connection.setAutoCommit(false);
            createTableIfMissing(step);
            int last = statements.size() - 1;
            for (SqlStatements.Statement statement : statements.subList(0, Math.max(last, 0))) {
                execute(step, statement);
            }
            record(step, last < 0 ? null : statements.get(last));
        } else {
            connection.setAutoCommit(true); // CREATE INDEX CONCURRENTLY and the like refuse a transaction
            for (SqlStatements.Statement statement : statements) {
                execute(step, statement);
            }
            connection.setAutoCommit(false);
            createTableIfMissing(step);
            record(step, null);
        }
        tableExists = true;
    }

    /** The table is made in the first revision's transaction, as Alembic makes it: if that fails, no table is left. */
    private void createTableIfMissing(Step step) throws SQLException {
        if (!tableExists) {
            try {
                jdbc.execute(versionTable.createStatement());
            } catch (SQLException e) {
                rollback(e);
                throw failedRecording(step, e);
            }
        }
    }

    private void execute(Step step, SqlStatements.Statement statement) throws SQLException {
        try {
            jdbc.execute(statement.sql());
        } catch (SQLException e) {
            if (step.migration().transactional()) {
                rollback(e);
            }
            throw failedStatement(step, statement, e);
        }
    }

    /** Sends {@code last} (when there is one) with the version-table change, checks the rows, and commits. */
    private void record(Step step, SqlStatements.Statement last) throws SQLException {
        if (last != null) {
            jdbc.addBatch(last.sql());
        }
        addVersionChange(step);
        int first = last == null ? 0 : 1;
        int[] rows;
        try {
            rows = jdbc.executeBatch();
        } catch (SQLException e) {
            rollback(e);
            throw last != null && !versionChangeFails(step) ? failedStatement(step, last, e) : failedRecording(step, e);
        }
        try {
            for (int i = 0; i < step.changes().size(); i++) {
                versionTable.requireOneRow(step.changes().get(i), rows[first + i]);
            }
        } catch (DatabaseException e) {
            connection.rollback();
            throw e;
        }
        try {
            connection.commit();
        } catch (SQLException e) {
            throw failure(step, "at its commit (" + step.path() + ")", e, e.getSQLState() != null
                    && e.getSQLState().startsWith("08") ? "the connection broke meanwhile, so whether it was "
                    + "recorded is unknown: check with 'current'" : ROLLED_BACK);
        }
    }

    private void addVersionChange(Step step) throws SQLException {
        for (VersionChange change : step.changes()) {
            jdbc.addBatch(versionTable.checkedStatement(change));
        }
    }

    /** Whether the version-table change fails on its own, tried in a transaction rolled back at once. */
    private boolean versionChangeFails(Step step) throws SQLException {
        if (!tableExists) {
            jdbc.addBatch(versionTable.createStatement());
        }
        addVersionChange(step);
        try {
            jdbc.executeBatch();
            return false;
        } catch (SQLException e) {
            return true;
        } finally {
            connection.rollback();
        }
    }

    private void rollback(SQLException cause) {
        try {
            connection.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static MigrationFailedException failedStatement(Step step, SqlStatements.Statement statement,
                                                            SQLException e) {
        return failure(step, "at " + step.path() + ":" + statement.line(), e, step.migration().transactional()
                ? ROLLED_BACK : "it runs outside a transaction, so the statements before this one stay applied and "
                + "the version table still records the revisions before it");
    }

    private MigrationFailedException failedRecording(Step step, SQLException e) {
        return failure(step, "recording it in the version table " + versionTable.displayName(), e,
                step.migration().transactional() ? ROLLED_BACK : "its statements ran outside a transaction and "
                        + "stay applied, but the version table still records the revisions before it");
    }

    private static MigrationFailedException failure(Step step, String where, SQLException e, String outcome) {
        SQLException server = e instanceof BatchUpdateException && e.getNextException() != null
                ? e.getNextException() : e; // the batch's own message wraps the server's in "Batch entry ..."
        String state = server.getSQLState() == null ? "" : server.getSQLState();
        String detail = String.valueOf(server.getMessage()).lines().findFirst().orElse("");
        return new MigrationFailedException(step.id(), step.direction() + " of " + step.id() + " failed " + where
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")") + ": " + detail + "; " + outcome, state, e);
    }

    /** Leaves the connection as it found it: no transaction open (a half-run revision is rolled back), autocommit. */
    @Override
    public void close() throws SQLException {
        try (jdbc) {
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
        }
    }
}
