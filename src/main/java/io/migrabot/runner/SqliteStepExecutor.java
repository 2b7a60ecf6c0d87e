package io.migrabot.runner;

import io.migrabot.database.SqliteFiles;
import io.migrabot.database.VersionTable;
import io.migrabot.revision.VersionChange;
import io.migrabot.script.SqlStatements;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs revisions on a SQLite file. SQLite's DDL is transactional, so each revision is whole or not at all with its
 * version-table change: a batch of revisions is one write transaction ({@code BEGIN IMMEDIATE}, which waits the
 * connection's busy_timeout for another writer and fails at once on a read-only file, before anything runs), each
 * revision in a savepoint of its own. A failing revision is rolled back to its savepoint and the revisions before
 * it are committed, exactly as if each had had its own transaction; one commit per batch instead of one per
 * revision spares a journal sync per revision. A batch ends once its transaction has lasted about a quarter of a
 * second (the revision running then finishes first), so the application's writes never wait long, and a run
 * whose revisions all fit in that time commits once. A revision declared {@code transactional: false} runs
 * statement by statement, and its version-table change follows in a transaction of its own.
 */
final class SqliteStepExecutor implements RevisionExecutor {
    /** How long a batch's write transaction may last before it commits: well under any writer's busy_timeout. */
    private static final Duration TRANSACTION = Duration.ofMillis(250);
    private static final int MAX_SQLITE_BATCH = 1024;

    private final Statement jdbc;
    private final VersionTable versionTable;
    private boolean tableExists;
    private boolean open;

    SqliteStepExecutor(Connection connection, VersionTable versionTable, boolean tableExists) throws SQLException {
        this.versionTable = versionTable;
        this.tableExists = tableExists;
        connection.setAutoCommit(true); // transactions are the BEGIN and COMMIT sent here
        this.jdbc = connection.createStatement();
    }

    /** Up to {@value #MAX_SQLITE_BATCH} revisions: {@link #run} ends the batch once it has lasted long enough. */
    @Override
    public int firstBatch() {
        return MAX_SQLITE_BATCH;
    }

    @Override
    public int nextBatch(int size, Duration took) {
        return MAX_SQLITE_BATCH;
    }

    @Override
    public int run(List<Step> steps, Consumer<Step> done) throws SQLException {
        if (!steps.get(0).migration().transactional()) {
            runOutsideTransaction(steps.get(0));
        }
        long began = System.nanoTime();
        execute("BEGIN IMMEDIATE");
        open = true;
        List<Step> recorded = new ArrayList<>();
        for (Step step : steps) {
            if (!recorded.isEmpty() && System.nanoTime() - began >= TRANSACTION.toNanos()) {
                break; // one write lock held no longer than this (and the revision that ran past it)
            }
            execute("SAVEPOINT revision");
            try {
                record(step);
            } catch (RuntimeException | SQLException e) {
                try {
                    execute("ROLLBACK TO revision");
                    execute("RELEASE revision");
                    commit(recorded, done);
                } catch (RuntimeException | SQLException cleanup) {
                    // SQLite ended the transaction itself (a full disk, an I/O error, a COMMIT in the revision):
                    // the revision's own error is the one to report
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            execute("RELEASE revision");
            recorded.add(step);
        }
        commit(recorded, done);
        return recorded.size();
    }

    /** The step's statements (unless it ran them outside a transaction) and its version-table changes. */
    private void record(Step step) throws SQLException {
        boolean created = false;
        if (!tableExists) {
            // Made in the first revision's transaction, as Alembic makes it: if that fails, no table is left.
            try {
                execute(versionTable.createStatement());
            } catch (SQLException e) {
                fileFailure(e);
                throw failedRecording(step, e);
            }
            created = true;
        }
        if (step.migration().transactional()) {
            for (SqlStatements.Statement statement : step.statements()) {
                try {
                    execute(statement.sql());
                } catch (SQLException e) {
                    fileFailure(e);
                    throw StepExecutor.failedStatement(step, statement, e);
                }
            }
        }
        for (VersionChange change : step.changes()) {
            int rows;
            try {
                rows = jdbc.executeUpdate(versionTable.checkedStatement(change));
            } catch (SQLException e) {
                fileFailure(e);
                throw failedRecording(step, e);
            }
            versionTable.requireOneRow(change, rows);
        }
        tableExists = tableExists || created;
    }

    private void commit(List<Step> recorded, Consumer<Step> done) throws SQLException {
        try {
            execute("COMMIT");
            open = false;
        } catch (SQLException e) {
            rollback();
            if (recorded.isEmpty()) {
                throw e;
            }
            throw StepExecutor.failure(recorded.get(0), "at the commit of its batch of " + recorded.size()
                    + " revision(s) (" + recorded.get(0).path() + ")", e, "it and the revisions after it in the "
                    + "batch were rolled back; the version table still records the revisions before it");
        }
        recorded.forEach(done);
    }

    private void runOutsideTransaction(Step step) throws SQLException {
        for (SqlStatements.Statement statement : step.statements()) {
            try {
                execute(statement.sql());
            } catch (SQLException e) {
                throw StepExecutor.failedStatement(step, statement, e);
            }
        }
    }

    /** A failure of the file itself (read-only, locked) goes up as it is, worded for the file by the database. */
    private static void fileFailure(SQLException e) throws SQLException {
        if (SqliteFiles.aboutTheFile(e)) {
            throw e;
        }
    }

    private MigrationFailedException failedRecording(Step step, SQLException e) {
        return StepExecutor.failure(step, "recording it in the version table " + versionTable.displayName(), e,
                StepExecutor.ROLLED_BACK);
    }

    private void execute(String sql) throws SQLException {
        jdbc.execute(sql);
    }

    /** Rolls back what a failure left open (SQLite keeps the transaction when a COMMIT is refused). */
    private void rollback() {
        open = false;
        try {
            execute("ROLLBACK");
        } catch (SQLException ignored) {
            // SQLite had rolled it back already, or the connection is gone: either way nothing stays half-done
        }
    }

    @Override
    public void close() throws SQLException {
        try (jdbc) {
            if (open) {
                rollback();
            }
        }
    }
}
