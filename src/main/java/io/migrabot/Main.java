package io.migrabot;

import io.migrabot.cli.MigrabotCommand;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Wiring only: the log's format, the command line, UTF-8 output, and one-line errors with the exit status their
 * code carries.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // migrabot has no window. Without this, the first picture drawn would ask the X server $DISPLAY names for
        // one, and fail when that server is unreachable.
        System.setProperty("java.awt.headless", "true");
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        try {
            LogFormat.of(System.getenv(LogFormat.VARIABLE)).select();
            LogConfigurator.level(System.getenv(LogConfigurator.LEVEL_VARIABLE));
        } catch (MigrabotException e) {
            err.println("migrabot: " + e.getMessage());
            System.exit(e.code().exitStatus());
        }
        StartUp startUp = StartUp.inBackground();
        System.exit(run(args, new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true), err,
                startUp));
    }

    /** Runs one command line and returns its exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        return run(args, out, err, StartUp.NONE);
    }

    private static int run(String[] args, PrintWriter out, PrintWriter err, StartUp startUp) {
        CommandLine cli = MigrabotCommand.commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof MigrabotException failure) {
                err.println("migrabot: " + failure.getMessage());
                err.flush();
                return failure.code().exitStatus();
            }
            err.println("migrabot: internal error: " + e + " (please report this)");
            err.flush();
            return 3;
        });
        IExecutionStrategy command = cli.getExecutionStrategy();
        cli.setExecutionStrategy(parsed -> {
            startUp.awaitLogging();
            return command.execute(parsed);
        });
        return cli.execute(args);
    }
}
