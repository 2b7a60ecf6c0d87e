package io.migrabot.runner;

import io.migrabot.database.Pipeline;
import io.migrabot.database.VersionTable;
import io.migrabot.revision.VersionChange;
import io.migrabot.script.SqlStatements;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Runs revisions on a run's connection, each in a transaction of its own with its version-table change. Several
 * revisions go to the server at once, {@code BEGIN} and {@code COMMIT} included, so it never waits for the client
 * between them (see {@link Pipeline}); the answers say which statement of which revision failed, and everything
 * after it was skipped. The version-table changes check on the server that they touched one row, since the COMMIT
 * is sent before their answers arrive.
 *
 * <p>Commits do not wait for the disk (synchronous_commit off) until {@link #close}, which makes them all durable
 * with one that does: a crash can lose the last few revisions, each whole with its version row, never a half.
 */
final class StepExecutor implements RevisionExecutor {
    static final String ROLLED_BACK = "the revision was rolled back and the version table still records the "
            + "revisions before it";

    private final Statement jdbc;
    private final Pipeline pipeline;
    private final VersionTable versionTable;
    private boolean tableExists;
    private boolean committed;

    /** @param settings SET statements for the run's session (its name, lock and statement timeouts) */
    StepExecutor(Connection connection, VersionTable versionTable, boolean tableExists, List<String> settings)
            throws SQLException {
        this.versionTable = versionTable;
        this.tableExists = tableExists;
        connection.setAutoCommit(true); // transactions are the BEGIN and COMMIT sent with each revision
        this.jdbc = connection.createStatement();
        this.pipeline = new Pipeline(connection);
        jdbc.execute("SET synchronous_commit = off");
        for (String setting : settings) {
            jdbc.execute(setting);
        }
    }

    /** What one statement sent for a revision is. */
    private enum Kind { BEGIN, STATEMENT, RECORDING, CHANGE, COMMIT }

    private record Sent(Step step, Kind kind, SqlStatements.Statement statement, VersionChange change) {
    }

    /**
     * Runs {@code steps} in order, each whole in its own transaction, calling {@code done} for each recorded; on the
     * first failure, throws with the revision's state said plainly (the ones before it stay recorded). A revision
     * declared non-transactional must come alone: its statements run one by one outside a transaction (as CREATE
     * INDEX CONCURRENTLY needs), and only its version-table change is a transaction.
     */
    @Override
    public int run(List<Step> steps, Consumer<Step> done) throws SQLException {
        List<Sent> sent = new ArrayList<>();
        boolean create = !tableExists;
        for (Step step : steps) {
            if (!step.migration().transactional()) {
                if (steps.size() > 1) {
                    throw new IllegalArgumentException("a non-transactional revision runs alone");
                }
                runOutsideTransaction(step);
            }
            sent.add(new Sent(step, Kind.BEGIN, null, null));
            if (create) {
                // Made in the first revision's transaction, as Alembic makes it: if that fails, no table is left.
                sent.add(new Sent(step, Kind.RECORDING, null, null));
                create = false;
            }
            if (step.migration().transactional()) {
                step.statements().forEach(s -> sent.add(new Sent(step, Kind.STATEMENT, s, null)));
            }
            step.changes().forEach(c -> sent.add(new Sent(step, Kind.CHANGE, null, c)));
            sent.add(new Sent(step, Kind.COMMIT, null, null));
        }
        Pipeline.Outcome outcome = pipeline.run(sent.stream().map(this::sql).toList());
        for (Sent s : sent.subList(0, outcome.completed())) {
            if (s.kind() == Kind.COMMIT) {
                tableExists = true;
                committed = true;
                done.accept(s.step());
            }
        }
        if (outcome.failed()) {
            rollback(outcome.error());
            Sent failed = sent.get(Math.min(outcome.completed(), sent.size() - 1));
            throw failure(failed, steps.size() - 1 - steps.indexOf(failed.step()), outcome.error());
        }
        return steps.size();
    }

    private String sql(Sent sent) {
        return switch (sent.kind()) {
            case BEGIN -> "BEGIN";
            case RECORDING -> versionTable.createStatement();
            case STATEMENT -> sent.statement().sql();
            case CHANGE -> versionTable.guardedStatement(sent.change());
            case COMMIT -> "COMMIT";
        };
    }

    private void runOutsideTransaction(Step step) throws SQLException {
        for (SqlStatements.Statement statement : step.statements()) {
            Pipeline.Outcome outcome = pipeline.run(List.of(statement.sql()));
            if (outcome.failed()) {
                throw failedStatement(step, statement, outcome.error());
            }
        }
    }

    /** The failure of {@code sent}, which had {@code after} revisions sent after it. */
    private RuntimeException failure(Sent sent, int after, SQLException e) {
        Step step = sent.step();
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.startsWith("08")) {
            // The server may have run more than its answers that arrived say.
            return failure(step, "(" + step.path() + ")", e, "the connection broke meanwhile, so whether "
                    + (after == 0 ? "it was" : "it and the " + after + " revision(s) sent after it were")
                    + " recorded is unknown: check with 'current'");
        }
        return switch (sent.kind()) {
            case STATEMENT -> failedStatement(step, sent.statement(), e);
            case CHANGE -> state.equals(VersionTable.NOT_ONE_ROW)
                    ? versionTable.notOneRow(sent.change(), "none or several changed")
                    : failedRecording(step, e);
            case RECORDING -> failedRecording(step, e);
            case BEGIN -> failure(step, "starting its transaction (" + step.path() + ")", e, outcome(step));
            case COMMIT -> failure(step, "at its commit (" + step.path() + ")", e, outcome(step));
        };
    }

    private void rollback(SQLException cause) {
        try {
            endTransaction();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Rolls back the transaction a failure left (a failed COMMIT has ended its own). */
    private void endTransaction() throws SQLException {
        if (pipeline.inTransaction()) {
            jdbc.execute("ROLLBACK");
        }
    }

    private static String outcome(Step step) {
        return step.migration().transactional() ? ROLLED_BACK : "its statements ran outside a transaction and "
                + "stay applied, but the version table still records the revisions before it";
    }

    static MigrationFailedException failedStatement(Step step, SqlStatements.Statement statement,
                                                            SQLException e) {
        return failure(step, "at " + step.path() + ":" + statement.line(), e, step.migration().transactional()
                ? ROLLED_BACK : "it runs outside a transaction, so the statements before this one stay applied and "
                + "the version table still records the revisions before it");
    }

    private MigrationFailedException failedRecording(Step step, SQLException e) {
        return failure(step, "recording it in the version table " + versionTable.displayName(), e, outcome(step));
    }

    static MigrationFailedException failure(Step step, String where, SQLException e, String outcome) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
        return new MigrationFailedException(step.id(), step.direction() + " of " + step.id() + " failed " + where
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")") + ": " + detail + "; " + outcome, state, e);
    }

    /**
     * Makes the revisions committed so far durable (a commit that waits for the disk flushes all before it) and
     * gives the session its own synchronous_commit back. Nothing is left open: a failed revision was rolled back.
     */
    @Override
    public void close() throws SQLException {
        try (jdbc) {
            endTransaction();
            jdbc.execute("RESET synchronous_commit");
            if (committed) {
                Pipeline.Outcome flush = pipeline.run(List.of("BEGIN", "SELECT txid_current()", "COMMIT"));
                if (flush.failed()) {
                    endTransaction();
                    throw flush.error();
                }
            }
        }
    }
}
