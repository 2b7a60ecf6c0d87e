package io.migrabot.cli;

import io.migrabot.operation.Merge;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

@Command(name = "merge", description = "Write a merge revision joining several revisions (default: all heads).",
        footer = {"  migrabot merge -m 'join the heads' --target shop",
                "  migrabot merge -m 'join two' ae10 27c6 --url jdbc:postgresql://localhost:5432/shop -c alembic.ini"})
final class MergeCommand extends OperationCommand {
    @Option(names = {"-m", "--message"}, required = true, paramLabel = "MSG", description = "The revision's message.")
    String message;

    @Parameters(paramLabel = "REV", arity = "0..*", description = "Revisions to merge (default: heads).")
    List<String> revisions = new ArrayList<>();

    @Override
    public Integer call() {
        Merge.Result result = new Merge(target()).run(message, revisions);
        Terminal t = terminal();
        t.out().println("wrote " + result.file() + ": revision " + result.revision() + " merges "
                + String.join(", ", result.merged()));
        t.out().flush();
        return 0;
    }
}
