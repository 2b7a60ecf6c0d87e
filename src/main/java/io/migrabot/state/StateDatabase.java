package io.migrabot.state;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.DatabaseConnection;
import io.migrabot.database.TargetDatabase;
import io.migrabot.database.TargetLock;
import io.migrabot.database.VersionTable;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.runner.NativeSqlRunner;
import io.migrabot.runner.Progress;
import io.migrabot.script.SqlScriptDirectory;

import java.util.List;

/**
 * The state database, brought to the newest schema this migrabot knows when it opens: its own revisions
 * ({@code db/state} in the jar) run by the same native runner as any target, recorded in
 * {@code migrabot_state_version} so they never mix with an application's {@code alembic_version}.
 */
public final class StateDatabase implements AutoCloseable {
    static final String VERSION_TABLE = "migrabot_state_version";

    private final TargetDatabase database;

    private StateDatabase(TargetDatabase database) {
        this.database = database;
    }

    public TargetDatabase database() {
        return database;
    }

    /** Connects and upgrades the schema; several instances starting at once take turns through the lock. */
    public static StateDatabase open(DatabaseConnection connection, String instance) {
        TargetDatabase database = TargetDatabase.pooled(connection, 8);
        VersionTable versionTable = new VersionTable(VERSION_TABLE, null);
        SqlScriptDirectory scripts = SqlScriptDirectory.fromClasspath("db/state");
        RevisionGraph graph = scripts.graph();
        if (!graph.problems().isEmpty()) {
            throw new IllegalStateException("migrabot's own state migrations are broken: " + graph.problems());
        }
        try {
            migrate(database, versionTable, scripts, graph, instance);
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
        return new StateDatabase(database);
    }

    @Override
    public void close() {
        database.close();
    }

    private static void migrate(TargetDatabase database, VersionTable versionTable, SqlScriptDirectory scripts,
                                RevisionGraph graph, String instance) {
        for (int attempt = 0; ; attempt++) {
            try {
                new TargetLock(database, versionTable).withLock("state migration", instance, () -> {
                    List<String> heads = database.withHandle("reading the state schema version",
                            h -> versionTable.read(h).orElse(List.of()));
                    for (String head : heads) {
                        if (graph.find(head).isEmpty()) {
                            throw new MigrabotException(ErrorCode.VERSION_TABLE, "the state database is at schema "
                                    + "revision " + head + ", which this migrabot does not know: a newer migrabot "
                                    + "migrated it; run that version");
                        }
                    }
                    List<RevisionNode> plan = graph.traversal().upgradePlan("heads", heads);
                    if (!plan.isEmpty()) {
                        new NativeSqlRunner(database, versionTable, scripts, graph).run(plan, true, heads,
                                Progress.Listener.NONE);
                    }
                    return null;
                });
                return;
            } catch (MigrabotException e) {
                if (e.code() != ErrorCode.BUSY || attempt >= 50) {
                    throw e;
                }
                sleep(); // another instance is migrating the state schema; wait for it
            }
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MigrabotException(ErrorCode.DATABASE, "interrupted while waiting for the state schema");
        }
    }
}
