package io.migrabot.runner;

import io.migrabot.database.TargetDatabase;
import io.migrabot.database.VersionTable;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.revision.VersionChange;
import io.migrabot.revision.VersionHeads;
import io.migrabot.script.SqlMigration;
import io.migrabot.script.SqlScriptDirectory;
import io.migrabot.script.SqlStatements;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs revisions in migrabot's native SQL format. Each revision runs in a transaction of its own together with
 * its version-table change, so a failure rolls back that revision alone and the table records the last revision
 * that completed. A revision declared {@code transactional: false} runs statement by statement outside a
 * transaction (as CREATE INDEX CONCURRENTLY needs); its version-table change follows in its own transaction.
 * Quick revisions are sent several at a time (see {@link StepExecutor}).
 */
public final class NativeSqlRunner {
    private static final Logger log = LoggerFactory.getLogger(NativeSqlRunner.class);

    private final TargetDatabase database;
    private final VersionTable versionTable;
    private final SqlScriptDirectory scripts;
    private final RevisionGraph graph;

    public NativeSqlRunner(TargetDatabase database, VersionTable versionTable, SqlScriptDirectory scripts,
                           RevisionGraph graph) {
        this.database = database;
        this.versionTable = versionTable;
        this.scripts = scripts;
        this.graph = graph;
    }

    /**
     * Runs {@code plan} (in order) from the recorded {@code heads}; returns the heads recorded at the end.
     * Everything is checked before the first statement runs: a revision without a down section stops a downgrade
     * before it starts.
     */
    public List<String> run(List<RevisionNode> plan, boolean upgrade, List<String> heads, Progress.Listener listener) {
        return run(plan, upgrade, heads, listener, new Cancellation());
    }

    /**
     * Like {@link #run(List, boolean, List, Progress.Listener)}, stopping between revisions once {@code cancellation}
     * is cancelled: the revisions already sent finish, the rest do not start.
     */
    public List<String> run(List<RevisionNode> plan, boolean upgrade, List<String> heads, Progress.Listener listener,
                            Cancellation cancellation) {
        return run(plan, upgrade, heads, listener, cancellation, RunSession.NONE);
    }

    /**
     * Like {@link #run(List, boolean, List, Progress.Listener, Cancellation)}, the connection set up as
     * {@code session} says.
     */
    public List<String> run(List<RevisionNode> plan, boolean upgrade, List<String> heads, Progress.Listener listener,
                            Cancellation cancellation, RunSession session) {
        List<Step> steps = prepare(plan, upgrade, heads);
        long started = System.nanoTime();
        VersionHeads recorded = new VersionHeads(graph, heads);
        int[] done = {0};
        Consumer<Step> onDone = step -> {
            recorded.step(step.revision(), upgrade);
            int count = ++done[0];
            Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
            log.debug("{} {} ({} of {}) at {} ms", upgrade ? "upgraded to" : "downgraded", step.id(), count,
                    steps.size(), elapsed.toMillis());
            listener.on(new Progress(count, steps.size(), step.id(), upgrade, elapsed));
        };
        // One connection for the whole run. Revisions go in batches sized by the executor (from how long the last
        // one took, or by ending a batch once it has lasted long enough): quick revisions go many at once, slow
        // ones one at a time, so a cancellation still stops the run soon.
        database.withSession("running migrations", handle -> {
            try (RevisionExecutor executor = executor(handle.getConnection(), versionTable.exists(handle),
                    session)) {
                int size = executor.firstBatch();
                for (int i = 0; i < steps.size(); ) {
                    if (cancellation.isCancelled()) {
                        Step step = steps.get(i);
                        throw new MigrationFailedException(step.id(), step.direction() + " cancelled before "
                                + step.id() + " (" + (i + 1) + " of " + steps.size() + "); the version table records "
                                + "the " + i + " revision(s) that ran", "", null);
                    }
                    List<Step> batch = batch(steps, i, size);
                    long sent = System.nanoTime();
                    int ran = executor.run(batch, onDone);
                    i += ran;
                    size = executor.nextBatch(ran, Duration.ofNanos(System.nanoTime() - sent));
                }
            }
            return null;
        });
        log.info("{} {} revision(s) in {} ms", upgrade ? "upgraded" : "downgraded", steps.size(),
                (System.nanoTime() - started) / 1_000_000);
        return recorded.heads();
    }

    /**
     * The executor for the target's kind. The session's settings are PostgreSQL's (application_name, lock and
     * statement timeouts); a SQLite file has its own wait, busy_timeout, from its URL.
     */
    private RevisionExecutor executor(java.sql.Connection connection, boolean tableExists, RunSession session)
            throws SQLException {
        return switch (database.kind()) {
            case POSTGRESQL -> new StepExecutor(connection, versionTable, tableExists, session.statements());
            case SQLITE -> new SqliteStepExecutor(connection, versionTable, tableExists);
        };
    }

    /** Up to {@code size} steps from {@code from}; a non-transactional one goes alone. */
    private static List<Step> batch(List<Step> steps, int from, int size) {
        int to = from + 1;
        if (steps.get(from).migration().transactional()) {
            while (to < steps.size() && to - from < size && steps.get(to).migration().transactional()) {
                to++;
            }
        }
        return steps.subList(from, to);
    }

    /** The SQL a run would execute, version-table statements included, without touching the database. */
    public String preview(List<RevisionNode> plan, boolean upgrade, List<String> heads, boolean tableExists) {
        StringBuilder sql = new StringBuilder();
        if (!tableExists) {
            sql.append(versionTable.createStatement()).append(";\n\n");
        }
        for (Step step : prepare(plan, upgrade, heads)) {
            sql.append("-- Running ").append(upgrade ? "upgrade " : "downgrade ").append(step.revision().id())
                    .append(" (").append(step.revision().revision().path()).append(")\n");
            if (!step.migration().transactional()) {
                sql.append("-- outside a transaction\n");
            }
            for (SqlStatements.Statement statement : step.statements()) {
                sql.append(statement.sql()).append(";\n");
            }
            for (VersionChange change : step.changes()) {
                sql.append(versionTable.statement(change)).append(";\n");
            }
            sql.append('\n');
        }
        return sql.toString();
    }

    private List<Step> prepare(List<RevisionNode> plan, boolean upgrade, List<String> heads) {
        VersionHeads simulated = new VersionHeads(graph, heads);
        Map<String, SqlMigration> migrations = scripts.byRevision();
        List<Step> steps = new ArrayList<>();
        for (RevisionNode node : plan) {
            if (node.id().length() > VersionTable.MAX_REVISION_LENGTH) {
                throw new MigrationFailedException(node.id(), "revision id " + node.id() + " (" + node.revision().path()
                        + ") has " + node.id().length() + " characters; the version table, as Alembic makes it, holds "
                        + "at most " + VersionTable.MAX_REVISION_LENGTH + ". Shorten the id (and the down_revision "
                        + "lines that name it); nothing was run", "", null);
            }
            SqlMigration migration = migrations.get(node.id());
            if (migration == null) {
                throw new MigrationFailedException(node.id(), "revision " + node.id() + " has no SQL file", "", null);
            }
            List<SqlStatements.Statement> statements;
            if (upgrade) {
                statements = migration.up();
            } else {
                statements = migration.down().orElseThrow(() -> new MigrationFailedException(node.id(),
                        "revision " + node.id() + " (" + node.revision().path() + ") has no '-- migrate:down' "
                                + "section, so it cannot be downgraded; nothing was run", "", null));
            }
            steps.add(new Step(node, migration, statements, simulated.step(node, upgrade), upgrade));
        }
        return steps;
    }
}
