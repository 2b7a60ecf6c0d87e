package io.migrabot.demo;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * {@code migrabot demo} as a process of its own, driven as a person at the terminal drives it: a line typed,
 * then what it prints read until the expected text appears. Its temporary folder is the test's, so whatever it
 * leaves behind can be seen.
 */
public final class DemoSession implements AutoCloseable {
    static final Duration LONG = Duration.ofSeconds(90);

    private final Process process;
    private final Writer keyboard;
    private final StringBuilder screen = new StringBuilder();
    private final Thread reader;
    private int read;

    private DemoSession(Process process) {
        this.process = process;
        this.keyboard = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        this.reader = new Thread(this::copyScreen, "demo-screen");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code migrabot demo} with {@code options} on this JVM's class path, with {@code temporary} as its
     * temporary folder and more environment.
     */
    static DemoSession start(Path temporary, Map<String, String> environment, String... options)
            throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Djava.io.tmpdir=" + temporary,
                "-cp", System.getProperty("java.class.path"), "io.migrabot.Main", "demo"));
        command.addAll(List.of(options));
        return launch(command, environment);
    }

    /** Starts the demo by {@code command} (such as {@code bin/migrabot demo}), its output and errors read as one. */
    public static DemoSession launch(List<String> command, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new DemoSession(builder.start());
    }

    private void copyScreen() {
        try (Reader in = new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)) {
            char[] buffer = new char[8192];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (screen) {
                    screen.append(buffer, 0, n);
                }
            }
        } catch (IOException ended) {
            // the process is gone; what it printed is on the screen
        }
    }

    /** Types a line. */
    public void type(String line) throws IOException {
        keyboard.write(line + "\n");
        keyboard.flush();
    }

    /** Ends the input, as Ctrl-D does. */
    void endInput() throws IOException {
        keyboard.close();
    }

    /**
     * Waits until everything printed since the last wait contains each of {@code texts}, the last one last, and
     * returns what was printed up to it.
     */
    public String await(String... texts) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (true) {
            boolean over = System.nanoTime() > deadline || !reader.isAlive(); // the reader ends with the process
            synchronized (screen) {
                String fresh = screen.substring(read);
                int end = fresh.indexOf(texts[texts.length - 1]);
                if (end >= 0) {
                    String seen = fresh.substring(0, end + texts[texts.length - 1].length());
                    assertThat(seen).as("what the demo printed").contains(texts);
                    read += seen.length();
                    return seen;
                }
            }
            if (over) {
                fail("the demo did not print %s within %s (%s); the screen so far:%n%s", texts[texts.length - 1],
                        LONG, process.isAlive() ? "running" : "ended with status " + process.exitValue(), screen());
            }
            sleep(5);
        }
    }

    /** The first group of {@code pattern} in everything printed so far. */
    String find(String pattern) {
        Matcher m = Pattern.compile(pattern).matcher(screen());
        assertThat(m.find()).as("%s on the screen:%n%s", pattern, screen()).isTrue();
        return m.group(1);
    }

    String screen() {
        synchronized (screen) {
            return screen.toString();
        }
    }

    /** Waits for the process to end (the reader to drain its output) and returns its exit status. */
    public int awaitExit() throws InterruptedException {
        assertThat(process.waitFor(LONG.toSeconds(), TimeUnit.SECONDS)).as("the demo ends; its screen:%n%s",
                screen()).isTrue();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        return process.exitValue();
    }

    /**
     * SIGTERM: the JVM runs its shutdown hooks, as on Ctrl-C's SIGINT. Through the process handle, because
     * {@link Process#destroy()} also closes this end of the process's output, and what it prints then is lost.
     */
    void terminate() {
        process.toHandle().destroy();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
