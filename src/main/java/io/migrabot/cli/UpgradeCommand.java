package io.migrabot.cli;

import io.migrabot.operation.Upgrade;
import io.migrabot.runner.Cancellation;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "upgrade", description = "Upgrade to a revision (like 'alembic upgrade').",
        footer = {"  migrabot upgrade heads --target shop",
                "  migrabot upgrade +1 --url jdbc:postgresql://localhost:5432/shop -c alembic.ini",
                "  migrabot upgrade head --url jdbc:postgresql://localhost:5432/shop --dir migrations"
                        + " --backup-dir backups"})
final class UpgradeCommand extends OperationCommand {
    @Parameters(paramLabel = "REV", description = "Destination: head, heads, an id, a label@head, +1, ...")
    String revision;

    @Override
    public Integer call() {
        Terminal t = terminal();
        Render.migration(t.out(), new Upgrade(target(), backups()).run(revision, who(), Render.progress(t.err()),
                new Cancellation()));
        t.out().flush();
        return 0;
    }
}
