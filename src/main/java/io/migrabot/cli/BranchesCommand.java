package io.migrabot.cli;

import io.migrabot.operation.Branches;
import io.migrabot.revision.AlembicFormat;
import io.migrabot.revision.RevisionGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "branches", description = "Show branch points and what they branch into (like 'alembic branches').",
        footer = {"  migrabot branches -c alembic.ini",
                "  migrabot branches -v -c alembic.ini"})
final class BranchesCommand implements Callable<Integer> {
    @Mixin
    ScriptOptions script;
    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Show each branch point in full.")
    boolean verbose;

    @Override
    public Integer call() {
        RevisionGraph graph = script.load();
        Terminal t = Terminal.of(spec);
        return ProblemAware.run(graph, t, () -> {
            for (Branches.BranchPoint point : new Branches(graph).list()) {
                t.out().println(AlembicFormat.branchPoint(point.revision(), point.children(), verbose));
            }
        });
    }
}
