package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.database.TargetDatabase;
import io.migrabot.database.VersionTable;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.NativeSqlRunner;
import io.migrabot.runner.Progress;
import io.migrabot.runner.RunSession;
import io.migrabot.runner.UpgradeSql;
import io.migrabot.script.SqlMigration;
import io.migrabot.script.SqlScriptDirectory;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Revisions in migrabot's native SQL format, run by migrabot. */
public final class NativeScripts implements Scripts {
    private final SqlScriptDirectory directory;
    private final RevisionGraph graph;
    private final NativeSqlRunner runner;

    public NativeScripts(SqlScriptDirectory directory, TargetDatabase database, VersionTable versionTable) {
        this.directory = directory;
        this.graph = directory.graph();
        this.runner = new NativeSqlRunner(database, versionTable, directory, graph);
    }

    public SqlScriptDirectory directory() {
        return directory;
    }

    @Override
    public RevisionGraph graph() {
        return graph;
    }

    @Override
    public void run(List<RevisionNode> plan, boolean upgrade, List<String> destinations, List<String> heads,
                    Progress.Listener listener, Cancellation cancellation, RunSession session) {
        runner.run(plan, upgrade, heads, listener, cancellation, session);
    }

    @Override
    public String preview(List<RevisionNode> plan, boolean upgrade, List<String> heads, List<String> destinations) {
        return runner.preview(plan, upgrade, heads, !heads.isEmpty());
    }

    /** Each revision's up section as the runner runs it; no version-table statements, which a replay needs not. */
    @Override
    public UpgradeSql upgradeSql() {
        Map<String, UpgradeSql.RevisionSql> revisions = new LinkedHashMap<>();
        Map<String, SqlMigration> migrations = directory.byRevision();
        for (RevisionNode node : graph.nodes()) {
            SqlMigration migration = migrations.get(node.id());
            revisions.put(node.id(), new UpgradeSql.RevisionSql(node.id(), node.revision().path(),
                    migration.transactional(), true, migration.up()));
        }
        return new UpgradeSql(List.of(), revisions);
    }

    @Override
    public UpgradeSql.RevisionSql downgradeSql(RevisionNode revision) {
        SqlMigration migration = directory.byRevision().get(revision.id());
        return new UpgradeSql.RevisionSql(revision.id(), revision.revision().path(), migration.transactional(), true,
                migration.down().orElseThrow(() -> new MigrabotException(ErrorCode.USAGE, "revision "
                        + revision.id() + " (" + revision.revision().path() + ") has no '-- migrate:down' section, "
                        + "so it cannot be downgraded")));
    }
}
