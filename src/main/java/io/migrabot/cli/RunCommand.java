package io.migrabot.cli;

import io.migrabot.app.TelegramApplication;
import io.migrabot.config.ConfigLoader;
import io.migrabot.config.MigrabotConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "run", description = "Run the Telegram bot until stopped (SIGTERM or Ctrl-C).")
final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "The configuration file "
            + "(default: config/migrabot.yml).")
    Path config = Path.of("config/migrabot.yml");

    @Override
    public Integer call() throws InterruptedException {
        MigrabotConfig loaded = ConfigLoader.load(config, System.getenv());
        TelegramApplication application = TelegramApplication.start(loaded);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            application.close();
            stopped.countDown();
        }, "migrabot-shutdown"));
        stopped.await();
        return 0;
    }
}
