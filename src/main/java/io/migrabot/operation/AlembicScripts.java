package io.migrabot.operation;

import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import io.migrabot.runner.AlembicRunner;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
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
}
