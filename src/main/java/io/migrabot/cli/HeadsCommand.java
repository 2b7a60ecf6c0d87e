package io.migrabot.cli;

import io.migrabot.operation.Heads;
import io.migrabot.revision.AlembicFormat;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "heads", description = "Show the heads of the script directory (like 'alembic heads').",
        footer = {"  migrabot heads -c alembic.ini",
                "  migrabot heads -v --resolve-dependencies -c db/alembic.ini -n reporting"})
final class HeadsCommand implements Callable<Integer> {
    @Mixin
    ScriptOptions script;
    @Spec
    CommandSpec spec;

    @Option(names = {"-v", "--verbose"}, description = "Show each head in full.")
    boolean verbose;

    @Option(names = "--resolve-dependencies", description = "Treat depends_on revisions as parents.")
    boolean resolveDependencies;

    @Override
    public Integer call() {
        RevisionGraph graph = script.load();
        Terminal t = Terminal.of(spec);
        for (RevisionNode head : new Heads(graph).list(resolveDependencies)) {
            t.out().println(AlembicFormat.format(head, verbose, AlembicFormat.Line.HEADS, false));
        }
        t.out().flush();
        return t.reportProblems(graph);
    }
}
