package io.migrabot.cli;

import io.migrabot.operation.SqlPreview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "sql", description = "Print the SQL of an upgrade (or downgrade) range without running it.",
        footer = {"  migrabot sql :head --target shop          # from base to the heads",
                "  migrabot sql head:ae10 --downgrade --target shop"})
final class SqlCommand extends OperationCommand {
    @Parameters(paramLabel = "RANGE", description = "FROM:TO, e.g. :head (from base), ae10:heads, "
            + "b2,x9:heads (from several heads), ae10:label@head.")
    String range;

    @Option(names = "--downgrade", description = "The range is a downgrade from FROM to TO.")
    boolean downgrade;

    @Override
    public Integer call() {
        SqlPreview.Result result = new SqlPreview(target()).preview(range, !downgrade);
        Terminal t = terminal();
        t.out().print(result.sql());
        t.out().flush();
        return 0;
    }
}
