package io.migrabot.cli;

import io.migrabot.operation.Downgrade;
import io.migrabot.runner.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "downgrade", description = "Downgrade to a revision (like 'alembic downgrade').",
        footer = {"  migrabot downgrade -1 --target staging",
                "  migrabot downgrade base --url jdbc:postgresql://localhost:5432/shop -c alembic.ini"})
final class DowngradeCommand extends OperationCommand {
    @Parameters(paramLabel = "REV", description = "Destination: base, an id, -1, label@-1, ...")
    String revision;

    @Override
    public Integer call() {
        Terminal t = terminal();
        Render.migration(t.out(), new Downgrade(target(), backups()).run(revision, who(), Render.progress(t.err()),
                new Cancellation()));
        t.out().flush();
        return 0;
    }
}
