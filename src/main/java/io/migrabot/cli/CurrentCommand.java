package io.migrabot.cli;

import io.migrabot.operation.Current;
import io.migrabot.revision.AlembicFormat;
import io.migrabot.revision.RevisionNode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "current", description = "Show the revision(s) the database is stamped with (like 'alembic current').",
        footer = {"  migrabot current --target shop",
                "  migrabot current -v --url jdbc:postgresql://localhost:5432/shop -c alembic.ini"})
final class CurrentCommand extends OperationCommand {
    @Option(names = {"-v", "--verbose"}, description = "Show each revision in full.")
    boolean verbose;

    @Override
    public Integer call() {
        Current.Result result = new Current(target()).read();
        Terminal t = terminal();
        for (RevisionNode node : result.heads()) {
            t.out().println(AlembicFormat.format(node, verbose, new AlembicFormat.Line(false, false, false, true),
                    false));
        }
        t.out().flush();
        if (!result.versionTableExists()) {
            t.err().println("migrabot: target " + result.target() + " has no version table: nothing was ever "
                    + "stamped or migrated there");
        }
        for (String unknown : result.unknown()) {
            t.err().println("migrabot: " + unknown);
        }
        t.err().flush();
        return result.unknown().isEmpty() ? 0 : 1;
    }
}
