package io.migrabot;

import io.migrabot.cli.MigrabotCommand;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

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
        } catch (MigrabotException e) {
            err.println("migrabot: " + e.getMessage());
            System.exit(e.code().exitStatus());
        }
        warmUp();
        System.exit(run(args, new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true), err));
    }

    /**
     * Sets up logback and Jdbi on another core while picocli reads the command line. Each takes tens of milliseconds
     * the first time in a process (logback parses its XML configuration, Jdbi registers its mappers), and a one-shot
     * command would otherwise wait for them one after the other. The one-time part (loading and initialising their
     * classes, logback's configuration) is done once, by whichever thread comes first; the Jdbi made here is thrown
     * away. A failure here is left for the real use to report.
     */
    private static void warmUp() {
        Thread thread = new Thread(() -> {
            try {
                LoggerFactory.getILoggerFactory();
                Jdbi.create(() -> {
                    throw new SQLException("never connects");
                });
            } catch (RuntimeException | LinkageError ignored) {
                // reported where logging or Jdbi is used
            }
        }, "migrabot-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs one command line and returns its exit status. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
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
        return cli.execute(args);
    }
}
