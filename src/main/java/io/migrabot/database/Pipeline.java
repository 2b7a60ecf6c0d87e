package io.migrabot.database;

import org.postgresql.core.BaseConnection;
import org.postgresql.core.NativeQuery;
import org.postgresql.core.QueryExecutor;
import org.postgresql.core.ResultHandlerBase;
import org.postgresql.core.SqlCommand;
import org.postgresql.core.SqlCommandType;
import org.postgresql.core.TransactionState;
import org.postgresql.jdbc.PreferQueryMode;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends statements to PostgreSQL one after another without waiting for each answer, and says how many completed
 * before the first that failed. After an error the server skips everything up to the end of what was sent, so
 * nothing after a failed statement runs.
 *
 * <p>JDBC batches cannot be used for this: when a batch fails, pgjdbc reports every entry as failed, and a
 * migration's error must name the statement. So this speaks to pgjdbc's query executor (the layer its own
 * statements use) with a handler that counts the answers. Each statement is sent exactly
 * as given (no placeholders, no escapes, no splitting at semicolons). The connection must be in autocommit mode:
 * transactions are the statements' own {@code BEGIN} and {@code COMMIT}. When the connection's URL asks for the
 * simple query protocol ({@code preferQueryMode=simple}), statements go one round trip each, with the same result.
 */
public final class Pipeline {
    /**
     * Unnamed statements, no BEGIN of pgjdbc's own, and a status for every statement, rows or not. Not
     * QUERY_NO_RESULTS: it executes with a limit of one row, so {@code SELECT f(x) FROM t} would call f once.
     */
    private static final int FLAGS = QueryExecutor.QUERY_ONESHOT | QueryExecutor.QUERY_SUPPRESS_BEGIN
            | QueryExecutor.QUERY_BOTH_ROWS_AND_STATUS;
    private static final SqlCommand ANY = SqlCommand.createStatementTypeInfo(SqlCommandType.BLANK);

    private final Connection connection;
    private final QueryExecutor executor;

    public Pipeline(Connection connection) throws SQLException {
        this.connection = connection;
        this.executor = connection.unwrap(BaseConnection.class).getQueryExecutor();
    }

    /** What became of the statements sent: how many completed, and the error of the next one if it failed. */
    public record Outcome(int completed, SQLException error) {
        public boolean failed() {
            return error != null;
        }
    }

    /** Runs {@code statements} in order and stops at the first failure. */
    public Outcome run(List<String> statements) throws SQLException {
        if (!connection.getAutoCommit()) {
            throw new IllegalStateException("a pipeline runs on a connection in autocommit mode");
        }
        if (executor.getPreferQueryMode() == PreferQueryMode.SIMPLE) {
            // Each simple query is answered on its own, and the server goes on with the next after an error: send
            // them one at a time.
            for (int i = 0; i < statements.size(); i++) {
                Outcome one = send(statements.subList(i, i + 1));
                if (one.failed()) {
                    return new Outcome(i, one.error());
                }
            }
            return new Outcome(statements.size(), null);
        }
        return send(statements);
    }

    /** Whether a transaction is open (or failed and not yet ended) on the connection. */
    public boolean inTransaction() {
        return executor.getTransactionState() != TransactionState.IDLE;
    }

    private Outcome send(List<String> statements) throws SQLException {
        if (statements.isEmpty()) {
            return new Outcome(0, null);
        }
        List<NativeQuery> queries = new ArrayList<>(statements.size());
        for (String sql : statements) {
            queries.add(new NativeQuery(sql, null, false, ANY));
        }
        Counter counter = new Counter();
        executor.execute(executor.wrap(queries), null, counter, 0, 0, FLAGS);
        return new Outcome(counter.completed, counter.getException());
    }

    /** Counts the statements answered; the first error ends the count (the server skips the rest). */
    private static final class Counter extends ResultHandlerBase {
        private int completed;

        @Override
        public void handleCommandStatus(String status, long updateCount, long insertOID) {
            if (getException() == null) {
                completed++;
            }
        }

        @Override
        public void handleWarning(SQLWarning warning) {
            // Notices ("... does not exist, skipping") are not kept: a long run would pile them up.
        }

        @Override
        public void handleCompletion() {
            // The error, if any, is the outcome's to report.
        }
    }
}
