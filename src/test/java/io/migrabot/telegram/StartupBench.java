package io.migrabot.telegram;

import io.migrabot.testing.ChatSetup;
import io.migrabot.testing.Postgres;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Startup benchmark for the production mode (not a test): {@code bin/migrabot run} with TARGETS targets, each on a
 * database of its own, timed from the launch to the first {@code getUpdates} reaching the fake Bot API; then, in
 * the last run, the resident memory of the bot after IDLE_SECONDS of doing nothing. The jar must be built.
 * Usage: {@code StartupBench RUNS TARGETS IDLE_SECONDS}.
 */
public final class StartupBench {
    private StartupBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int targets = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int idle = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        Path directory = Files.createTempDirectory("startup-bench");
        List<Postgres.Database> databases = new ArrayList<>();
        try (FakeBotApi api = FakeBotApi.start(); Postgres.Database state = Postgres.create("benchstate")) {
            Files.createDirectories(directory.resolve("migrations"));
            StringBuilder yaml = new StringBuilder("targets:\n");
            for (int i = 1; i <= targets; i++) {
                Postgres.Database db = Postgres.create("benchtarget");
                databases.add(db);
                yaml.append(String.format(Locale.ROOT, "  t%02d: {url: \"%s\", user: %s, environment: staging, "
                        + "migrations: {kind: sql, directory: migrations}}%n", i, db.url(), db.user()));
            }
            yaml.append(String.format(Locale.ROOT, "state: {url: \"%s\", user: %s}%ntelegram: {token: \"%s\", "
                    + "api_url: \"%s\"}%nusers:%n  - {id: 1, name: alice, role: admin}%n", state.url(),
                    state.user(), ChatSetup.TOKEN, api.baseUrl()));
            Path config = Files.writeString(directory.resolve("migrabot.yml"), yaml);
            List<Long> startups = new ArrayList<>();
            String memory = "";
            for (int run = 1; run <= runs; run++) {
                int polls = api.count("getUpdates");
                long launched = System.nanoTime();
                Process bot = new ProcessBuilder("bin/migrabot", "run", "--config", config.toString())
                        .redirectErrorStream(true).redirectOutput(directory.resolve("bot.log").toFile()).start();
                while (api.count("getUpdates") == polls) {
                    if (!bot.isAlive() || System.nanoTime() - launched > TimeUnit.SECONDS.toNanos(60)) {
                        throw new IllegalStateException("the bot did not poll: "
                                + Files.readString(directory.resolve("bot.log")));
                    }
                    Thread.sleep(5);
                }
                startups.add(System.nanoTime() - launched);
                if (run == runs) {
                    Thread.sleep(idle * 1000L);
                    memory = Files.readAllLines(Path.of("/proc", String.valueOf(bot.pid()), "status")).stream()
                            .filter(line -> line.startsWith("VmRSS") || line.startsWith("VmHWM"))
                            .map(line -> line.replaceAll("\\s+", " ")).reduce((a, b) -> a + ", " + b).orElse("");
                }
                bot.destroy();
                bot.waitFor(30, TimeUnit.SECONDS);
            }
            List<Long> sorted = startups.stream().sorted().toList();
            System.out.printf(Locale.ROOT, "targets=%d runs=%d run-to-first-poll: median=%.0fms min=%.0fms "
                            + "max=%.0fms (all: %s); after %ds idle: %s%n", targets, runs,
                    sorted.get(sorted.size() / 2) / 1e6, sorted.get(0) / 1e6, sorted.get(sorted.size() - 1) / 1e6,
                    startups.stream().map(n -> String.format(Locale.ROOT, "%.0f", n / 1e6)).toList(), idle, memory);
        } finally {
            databases.forEach(Postgres.Database::close);
        }
    }
}
