package io.migrabot.cli;

import io.migrabot.config.BotSettings;
import io.migrabot.config.ConfigLoader;
import io.migrabot.config.InvalidConfigurationException;
import io.migrabot.config.MigrabotConfig;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.TargetConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/**
 * Validates a configuration file as {@code run} would load it, starting nothing: no database connection, no
 * Telegram. Valid: a summary on standard output, exit 0. Mistakes: each on one line of standard error, exit 1. A
 * file that cannot be read: one line, exit 2. Secrets are never shown: a missing variable is named, a password or
 * the token only said to be set.
 */
@Command(name = "check-config", description = "Check a configuration file without connecting to anything.",
        footer = {"  migrabot check-config",
                "  migrabot check-config --config /etc/migrabot/migrabot.yml"})
final class CheckConfigCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file "
            + "(default: config/migrabot.yml).")
    Path config = Path.of("config/migrabot.yml");

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Terminal terminal = Terminal.of(spec);
        MigrabotConfig loaded;
        try {
            loaded = ConfigLoader.load(config, System.getenv());
        } catch (InvalidConfigurationException e) {
            Path file = config.toAbsolutePath().normalize();
            for (String mistake : e.mistakes()) {
                terminal.err().println("migrabot: " + file + ": " + mistake);
            }
            terminal.err().flush();
            return 1;
        }
        summarize(loaded, terminal.out());
        terminal.out().flush();
        return 0;
    }

    private static void summarize(MigrabotConfig config, PrintWriter out) {
        BotSettings bot = config.bot();
        out.println("OK: " + config.file() + ": " + count(config.targets().size(), "target") + ", "
                + count(bot.users().size(), "user") + ", " + count(bot.chats().size(), "group chat"));
        for (TargetConfig target : config.targets().values()) {
            out.println("  target " + target.name() + ": " + target.environment().key() + ", "
                    + source(target.migrations()) + ", " + target.connection().displayUrl() + ", "
                    + (target.drift().runs(bot) ? "drift checks \"" + target.drift().cron() + "\" (UTC)"
                    : "no drift checks"));
        }
        out.println("  state: " + bot.state().map(s -> s.displayUrl() + " as " + s.user())
                .orElse("none (migrabot run and console need one)"));
        out.println("  telegram: " + (bot.telegramToken().isPresent() ? "token set, " + bot.telegramApi()
                : "none (migrabot run needs it)"));
        out.println("  http: " + bot.http().map(h -> "/healthz and /metrics on " + h).orElse("none"));
        out.println("  instance: " + bot.instance());
    }

    private static String source(MigrationsSource source) {
        return source instanceof MigrationsSource.Alembic alembic ? "alembic " + alembic.ini()
                : "sql " + ((MigrationsSource.Sql) source).directory();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
