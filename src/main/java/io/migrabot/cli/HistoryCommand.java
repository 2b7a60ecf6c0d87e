package io.migrabot.cli;

import io.migrabot.operation.History;
import io.migrabot.revision.AlembicFormat;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.revision.RevisionNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

@Command(name = "history", description = "List revisions newest first (like 'alembic history').",
        footer = {"  migrabot history -c alembic.ini",
                "  migrabot history -v -r ae10:head -c alembic.ini"})
final class HistoryCommand implements Callable<Integer> {
    @Mixin
    ScriptOptions script;
    @Spec
    CommandSpec spec;

    @Option(names = {"-r", "--rev-range"}, paramLabel = "RANGE",
            description = "Range of revisions: [start]:[end], [start]: or :[end].")
    String range;

    @Option(names = {"-v", "--verbose"}, description = "Show each revision in full.")
    boolean verbose;

    @Override
    public Integer call() {
        History.Range parsed = History.Range.parse(range);
        RevisionGraph graph = script.load();
        Terminal t = Terminal.of(spec);
        return ProblemAware.run(graph, t, () -> {
            for (RevisionNode node : new History(graph).list(parsed)) {
                t.out().println(AlembicFormat.format(node, verbose, AlembicFormat.Line.HISTORY, false));
            }
        });
    }
}
