package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.runner.AlembicFailedException;
import io.migrabot.runner.AlembicOfflineSql;
import io.migrabot.runner.AlembicRunner;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.runner.RunSession;
import io.migrabot.runner.UpgradeSql;
import io.migrabot.script.AlembicScriptDirectory;
import io.migrabot.script.SqlStatements;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An Alembic project: the graph read statically, migrations run by the real Alembic. Destinations reach its
 * command line only as full revision ids or the fixed words head, heads and base.
 */
public final class AlembicScripts implements Scripts {
    private final AlembicScriptDirectory directory;
    private final RevisionGraph graph;
    private final AlembicRunner runner;
    private UpgradeSql upgradeSql;
    private Map<String, List<SqlStatements.Statement>> downgrades;

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
                    Progress.Listener listener, Cancellation cancellation, RunSession session) {
        for (String destination : destinations) {
            runner.run(List.of(upgrade ? "upgrade" : "downgrade", destination), plan.size(), listener, cancellation,
                    session);
        }
    }

    @Override
    public String preview(List<RevisionNode> plan, boolean upgrade, List<String> heads, List<String> destinations) {
        List<String> starts = heads.isEmpty() ? List.of("base") : heads;
        if (starts.size() == 1 && destinations.size() == 1) {
            return String.join("\n", offline(upgrade, starts.get(0), destinations.get(0))) + "\n";
        }
        // Offline mode starts at one revision: one run per recorded head (and destination), each revision's text
        // taken from a run that starts on its lineage, so its version-table change is the one the real run makes
        List<String> runStarts = new ArrayList<>();
        List<AlembicOfflineSql.Pieces> runs = new ArrayList<>();
        StringBuilder sql = new StringBuilder("-- migrabot: Alembic's offline mode starts at one revision; the "
                + "database is at " + String.join(", ", starts) + ", so each revision below is cut from one of:\n");
        for (String start : starts) {
            for (String destination : destinations) {
                sql.append("--   alembic ").append(String.join(" ", offlineArgs(upgrade, start, destination)))
                        .append('\n');
                runStarts.add(start);
                runs.add(AlembicOfflineSql.pieces(offline(upgrade, start, destination), upgrade));
            }
        }
        sql.append(runs.get(0).prologue());
        for (RevisionNode node : plan) {
            String text = null;
            for (int i = 0; i < runs.size() && text == null; i++) {
                String start = runStarts.get(i);
                boolean onLineage = start.equals("base") || (upgrade ? graph.descendsFrom(node.id(), start)
                        : graph.descendsFrom(start, node.id()));
                text = onLineage ? runs.get(i).revisions().get(node.id()) : null;
            }
            for (int i = 0; i < runs.size() && text == null; i++) {
                text = runs.get(i).revisions().get(node.id());
            }
            if (text == null) {
                throw new MigrabotException(ErrorCode.ALEMBIC, "Alembic's offline runs from " + String.join(", ",
                        starts) + " do not " + (upgrade ? "upgrade" : "downgrade") + " revision " + node.id()
                        + ", which the run would; preview from one revision at a time");
            }
            sql.append(text);
        }
        return sql.append(runs.get(0).epilogue()).toString();
    }

    private static List<String> offlineArgs(boolean upgrade, String from, String destination) {
        return List.of(upgrade ? "upgrade" : "downgrade", from + ":" + destination, "--sql");
    }

    /** Alembic's offline output for one range; why it could not be written when Alembic fails. */
    private List<String> offline(boolean upgrade, String from, String destination) {
        List<String> args = offlineArgs(upgrade, from, destination);
        try {
            return runner.run(args, 0, Progress.Listener.NONE, new Cancellation()).stdout();
        } catch (AlembicFailedException e) {
            throw AlembicOfflineSql.unavailable(e, "alembic " + String.join(" ", args));
        }
    }

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

    /**
     * One run of {@code alembic upgrade heads --sql}, cut per revision. Offline mode opens no connection: env.py's
     * offline branch configures a URL (for the dialect) and Alembic writes the SQL instead of running it, so this
     * cannot touch the target (unless env.py connects on its own even then). For the same reason it cannot show
     * what a migration decides from the database's contents: {@code op.get_bind()} has no connection, so a
     * migration that reads data (to choose what to do, or to copy rows) fails here or takes its offline branch.
     * Such projects need their expected schemas from somewhere else.
     */
    private UpgradeSql readUpgradeSql() {
        List<String> args = List.of("upgrade", "heads", "--sql");
        String shown = "alembic " + String.join(" ", args);
        List<String> output;
        try {
            output = runner.run(args, 0, Progress.Listener.NONE, new Cancellation()).stdout();
        } catch (AlembicFailedException e) {
            MigrabotException why = AlembicOfflineSql.unavailable(e, shown);
            throw new MigrabotException(why.code(), why.getMessage() + "\nThe expected schema is built from Alembic's "
                    + "offline SQL; make `" + shown + "` work for this project (env.py's offline branch: "
                    + "context.configure(url=..., literal_binds=True))", e);
        }
        return AlembicOfflineSql.parse(output, graph, shown);
    }

    /** From the offline downgrades of every head to base, read once per loaded project. */
    @Override
    public synchronized UpgradeSql.RevisionSql downgradeSql(RevisionNode revision) {
        if (downgrades == null) {
            downgrades = downgradeSql();
        }
        return new UpgradeSql.RevisionSql(revision.id(), revision.revision().path(), false, false,
                downgrades.getOrDefault(revision.id(), List.of()));
    }
}
