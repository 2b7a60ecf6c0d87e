package io.migrabot.cli;

import io.migrabot.operation.Stamp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "stamp", description = "Record revisions in the version table without running migrations.",
        footer = {"  migrabot stamp head --target shop",
                "  migrabot stamp 9044ba1e3377 --purge --target billing"})
final class StampCommand extends OperationCommand {
    @Parameters(paramLabel = "REV", arity = "1..*", description = "Revision(s) to record; base clears.")
    List<String> revisions;

    @Option(names = "--purge", description = "Empty the version table first.")
    boolean purge;

    @Override
    public Integer call() {
        Terminal t = terminal();
        Stamp.Result result = new Stamp(target(), backups()).run(revisions, purge, who());
        result.changes().forEach(c -> t.err().println("version table: " + c));
        Render.migration(t.out(), result.migration());
        t.out().flush();
        t.err().flush();
        return 0;
    }
}
