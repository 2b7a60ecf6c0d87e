package io.migrabot.telegram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrabot run} as processes of their own, on the test classpath, each logging at INFO to a file named after
 * it; all of them killed when closed.
 */
final class BotProcesses implements AutoCloseable {
    static final Duration LONG = Duration.ofSeconds(60);

    private final Path directory;
    private final Map<String, Process> processes = new LinkedHashMap<>();

    BotProcesses(Path directory) {
        this.directory = directory;
    }

    /** Starts {@code migrabot run --config CONFIG} as process {@code name}. */
    Process start(String name, Path config) {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx256m", "-cp",
                System.getProperty("java.class.path"), "io.migrabot.Main", "run", "--config", config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile(name).toFile()));
        builder.environment().put("MIGRABOT_LOG_LEVEL", "INFO");
        try {
            Process process = builder.start();
            processes.put(name + "@" + process.pid(), process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts process {@code name} and waits for its first poll of {@code api}: it leads. */
    Process startLeading(String name, Path config, FakeBotApi api) {
        int polls = api.count("getUpdates");
        Process process = start(name, config);
        long deadline = System.nanoTime() + LONG.toNanos();
        while (api.count("getUpdates") == polls) {
            assertThat(process.isAlive()).as("%s is running; its log: %s", name, log(name)).isTrue();
            assertThat(System.nanoTime()).as("%s polls within %s", name, LONG).isLessThan(deadline);
            sleep(50);
        }
        return process;
    }

    Path logFile(String name) {
        return directory.resolve(name + ".log");
    }

    /** Everything process {@code name} has logged so far (all processes of that name). */
    String log(String name) {
        try {
            return Files.exists(logFile(name)) ? Files.readString(logFile(name)) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** SIGKILL: no shutdown hook runs, no connection is closed politely. */
    static void kill(Process process) throws InterruptedException {
        process.destroyForcibly();
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process process : processes.values()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
