package io.migrabot.cli;

import io.migrabot.Units;
import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.graph.GraphPicture;
import io.migrabot.revision.RevisionGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.Callable;

@Command(name = "graph", description = "Draw the revision graph as a PNG picture.",
        footer = {"  migrabot graph -o graph.png -c alembic.ini",
                "  migrabot graph -o reporting.png -c db/alembic.ini -n reporting"})
final class GraphCommand implements Callable<Integer> {
    @Mixin
    ScriptOptions script;
    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", required = true, description = "The PNG file to write.")
    Path output;

    @Override
    public Integer call() {
        RevisionGraph graph = script.load();
        byte[] png = GraphPicture.png(graph, Set.of(), GraphPicture.Options.DEFAULT);
        try {
            Files.write(output, png);
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "cannot write the picture " + output + ": "
                    + e.getMessage(), e);
        }
        Terminal t = Terminal.of(spec);
        t.out().println(output + ": " + Units.size(png.length));
        t.out().flush();
        return t.reportProblems(graph);
    }
}
