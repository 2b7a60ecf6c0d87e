package io.migrabot.cli;

import io.migrabot.Units;
import io.migrabot.operation.Restore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "restore", description = "Restore a backup into the target, or into a new database with --into.",
        footer = {"  migrabot restore shop-20261121-100102 --target shop",
                "  migrabot restore shop-20261121-100102 --into shop_copy --target shop"})
final class RestoreCommand extends OperationCommand {
    @Parameters(paramLabel = "ID", description = "A backup id from 'migrabot backups'.")
    String id;

    @Option(names = "--into", paramLabel = "DATABASE", description = "Create this database (for SQLite: a new file "
            + "of this name beside the target's) and restore into it.")
    String into;

    @Override
    public Integer call() {
        Restore.Result result = new Restore(target(), backups()).run(id, into, who());
        Terminal t = terminal();
        result.safety().ifPresent(b -> t.out().println("before restoring: " + Render.backup(b)));
        t.out().println("restored " + result.restored().backup().id() + " into " + result.restored().database()
                + " in " + Units.duration(result.restored().duration()));
        t.out().flush();
        return 0;
    }
}
