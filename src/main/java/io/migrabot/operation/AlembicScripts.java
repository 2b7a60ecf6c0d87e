package io.migrabot.operation;

import java.util.Map;

import java.util.LinkedHashMap;

import io.migrabot.script.SqlStatements;

import io.migrabot.MigrabotException;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.runner.AlembicOfflineSql;
import io.migrabot.runner.AlembicRunner;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.runner.UpgradeSql;
import io.migrabot.script.AlembicScriptDirectory;

import java.util.List;

/**
 * An Alembic project: the graph read statically, migrations run by the real Alembic. Destinations reach its
 * command line only as full revision ids or the fixed words head, heads and base.
 */
public final class AlembicScripts implements Scripts {
    private final AlembicScriptDirectory directory;
    private final RevisionGraph graph;
    private final AlembicRunner runner;
    private UpgradeSql upgradeSql;

    public AlembicScripts(AlembicScriptDirectory directory, AlembicRunner runner) {
        this.directory = directory;
        this.graph = directory.graph();
        this.runner = runner;
    }

    public AlembicScriptDirectory directory() {
        return directory;
    }

    public AlembicRunner runner() {
        return runner;
    }

    @Override
    public RevisionGraph graph() {
        return graph;
    }

    @Override
    public void run(List<RevisionNode> plan, boolean upgrade, List<String> destinations, List<String> heads,
                    Progress.Listener listener, Cancellation cancellation) {
        for (String destination : destinations) {
            runner.run(List.of(upgrade ? "upgrade" : "downgrade", destination), plan.size(), listener, cancellation);
        }
    }

    @Override
    public String preview(List<RevisionNode> plan, boolean upgrade, String from, String destination) {
        List<String> args = List.of(upgrade ? "upgrade" : "downgrade",
                (from == null ? "base" : from) + ":" + destination, "--sql");
        return String.join("\n", runner.run(args, 0, Progress.Listener.NONE, new Cancellation()).stdout()) + "\n";
    }

    /**
     * One run of {@code alembic upgrade heads --sql}, cut per revision. Offline mode opens no connection: env.py's
     * offline branch configures a URL (for the dialect) and Alembic writes the SQL instead of running it, so this
     * cannot touch the target (unless env.py connects on its own even then). For the same reason it cannot show
     * what a migration decides from the database's contents: {@code op.get_bind()} has no connection, so a
     * migration that reads data (to choose what to do, or to copy rows) fails here or takes its offline branch.
     * Such projects need their expected schemas from somewhere else.
     */
    /**
     * Each revision's downgrade as Alembic's offline mode writes it, from every head down to base (one run per
     * head); for finding downgrade() bodies that do nothing.
     */
    public Map<String, List<SqlStatements.Statement>> downgradeSql() {
        Map<String, List<SqlStatements.Statement>> all = new LinkedHashMap<>();
        for (String head : graph.heads()) {
            List<String> args = List.of("downgrade", head + ":base", "--sql");
            List<String> output = runner.run(args, 0, Progress.Listener.NONE, new Cancellation()).stdout();
            AlembicOfflineSql.downgrades(output, "alembic " + String.join(" ", args)).forEach(all::putIfAbsent);
        }
        return all;
    }

    /** Read once per loaded project: the doctor and the expected schemas of one examination both need it. */
    @Override
    public synchronized UpgradeSql upgradeSql() {
        if (upgradeSql == null) {
            upgradeSql = readUpgradeSql();
        }
        return upgradeSql;
    }

    private UpgradeSql readUpgradeSql() {
        List<String> args = List.of("upgrade", "heads", "--sql");
        String shown = "alembic " + String.join(" ", args);
        List<String> output;
        try {
            output = runner.run(args, 0, Progress.Listener.NONE, new Cancellation()).stdout();
        } catch (MigrabotException e) {
            throw new MigrabotException(e.code(), e.getMessage() + "\nThe expected schema is built from Alembic's "
                    + "offline SQL; make `" + shown + "` work for this project (env.py's offline branch: "
                    + "context.configure(url=..., literal_binds=True))", e);
        }
        return AlembicOfflineSql.parse(output, graph, shown);
    }
}
