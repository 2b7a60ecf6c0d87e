package io.migrabot.cli;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.app.TelegramApplication;
import io.migrabot.config.ConfigLoader;
import io.migrabot.config.MigrabotConfig;
import io.migrabot.Units;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "run", description = "Run the Telegram bot until stopped (SIGTERM or Ctrl-C). Several instances "
        + "may share one state database: one polls Telegram, the others stand by and take over when it stops.",
        footer = {"  migrabot run",
                "  migrabot run --config /etc/migrabot/migrabot.yml"})
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file "
            + "(default: config/migrabot.yml).")
    Path config = Path.of("config/migrabot.yml");

    @Override
    public Integer call() throws InterruptedException {
        MigrabotConfig loaded = ConfigLoader.load(config, System.getenv());
        TelegramApplication application = TelegramApplication.start(loaded);
        // SIGTERM and Ctrl-C run the hook: the graceful stop, within shutdown_grace
        Runtime.getRuntime().addShutdownHook(new Thread(application::close, "migrabot-shutdown"));
        if (application.awaitEnd()) {
            application.close();
            throw new MigrabotException(ErrorCode.DATABASE_UNREACHABLE, "the state database was unreachable for "
                    + "longer than state.outage_limit (" + loaded.bot().stateOutageLimit().map(Units::duration)
                    .orElse("never") + "), so this instance stopped. Start it again (a supervisor such as "
                    + "Docker's restart policy does) once the database is back");
        }
        return 0;
    }
}
