package io.migrabot.cli;

import io.migrabot.operation.Show;
import io.migrabot.revision.AlembicFormat;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "show", description = "Show the revision(s) an argument names (like 'alembic show').",
        footer = {"  migrabot show head -c alembic.ini",
                "  migrabot show fb95 -c alembic.ini        # a unique prefix is enough"})
final class ShowCommand implements Callable<Integer> {
    @Mixin
    ScriptOptions script;
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REV", description = "A revision id, prefix, label, head, heads, or relative step.")
    String revision;

    @Override
    public Integer call() {
        RevisionGraph graph = script.load();
        Terminal t = Terminal.of(spec);
        return ProblemAware.run(graph, t, () -> {
            for (RevisionNode node : new Show(graph).resolve(revision)) {
                t.out().println(AlembicFormat.logEntry(node, false));
            }
        });
    }
}
