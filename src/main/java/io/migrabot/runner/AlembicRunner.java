package io.migrabot.runner;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.Secret;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real Alembic as a subprocess: an argument array (never a shell string) of the configured command
 * prefix, {@code -c ini -n section} and the arguments, in the configured working directory, with the configured
 * variables added to the environment. Its {@code Running upgrade a -> b} log lines become progress events; it is
 * stopped (with its children) at the timeout or on cancellation; and a failure carries the tail of its output.
 * Arguments must be resolved revision ids and fixed words: callers never pass text a person typed.
 */
public final class AlembicRunner {
    private static final Pattern RUNNING = Pattern.compile("Running (upgrade|downgrade) (.*?) -> (\\S+?)(?:,.*)?$");
    private static final int TAIL = 30;

    private final MigrationsSource.Alembic source;
    private final String target;

    public AlembicRunner(String target, MigrationsSource.Alembic source) {
        this.target = target;
        this.source = source;
    }

    /** What Alembic printed: standard output in full (SQL previews need it), the last lines of standard error. */
    public record Output(List<String> stdout, List<String> stderrTail) {
    }

    /** The command line for {@code args}, as it will be run. */
    public List<String> command(List<String> args) {
        List<String> command = new ArrayList<>(source.command());
        command.addAll(List.of("-c", source.ini().toString(), "-n", source.section()));
        command.addAll(args);
        return command;
    }

    /**
     * Runs Alembic with {@code args}.
     *
     * @param expectedSteps how many revisions the run should apply, for progress events (0 when unknown)
     */
    public Output run(List<String> args, int expectedSteps, Progress.Listener listener, Cancellation cancellation) {
        List<String> command = command(args);
        String shown = "alembic " + String.join(" ", args);
        ProcessBuilder builder = new ProcessBuilder(command).directory(source.workingDirectory().toFile());
        for (Map.Entry<String, Secret> variable : source.environment().entrySet()) {
            builder.environment().put(variable.getKey(), variable.getValue().reveal());
        }
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.ALEMBIC, "cannot run " + command.get(0) + " for target " + target
                    + " (" + e.getMessage() + "); install Alembic there or set migrations.command", e);
        }
        closeQuietly(process);
        long started = System.nanoTime();
        List<String> stdout = java.util.Collections.synchronizedList(new ArrayList<>());
        Deque<String> stderr = new ArrayDeque<>();
        int[] step = {0};
        Consumer<String> progress = line -> {
            Matcher m = RUNNING.matcher(line);
            if (m.find()) {
                boolean upgrade = m.group(1).equals("upgrade");
                String revision = upgrade ? m.group(3) : m.group(2);
                step[0]++;
                listener.on(new Progress(step[0], Math.max(expectedSteps, step[0]), revision, upgrade,
                        Duration.ofNanos(System.nanoTime() - started)));
            }
        };
        Thread out = drain(process.getInputStream(), line -> {
            stdout.add(line);
            progress.accept(line);
        });
        Thread err = drain(process.getErrorStream(), line -> {
            synchronized (stderr) {
                stderr.addLast(line);
                if (stderr.size() > TAIL) {
                    stderr.removeFirst();
                }
            }
            progress.accept(line);
        });
        long deadline = started + source.timeout().toNanos();
        try {
            while (!process.waitFor(200, TimeUnit.MILLISECONDS)) {
                if (cancellation.isCancelled()) {
                    stop(process);
                    throw failure(shown + " was cancelled and stopped", stderr);
                }
                if (System.nanoTime() > deadline) {
                    stop(process);
                    throw failure(shown + " did not finish within " + source.timeout().toMinutes()
                            + " min (migrations.timeout) and was stopped", stderr);
                }
            }
            out.join(5000);
            err.join(5000);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw failure(shown + " was interrupted and stopped", stderr);
        }
        if (process.exitValue() != 0) {
            throw failure(shown + " exited with status " + process.exitValue(), stderr);
        }
        synchronized (stderr) {
            return new Output(List.copyOf(stdout), List.copyOf(stderr));
        }
    }

    private MigrabotException failure(String what, Deque<String> stderr) {
        String tail;
        synchronized (stderr) {
            tail = String.join("\n", stderr);
        }
        return new MigrabotException(ErrorCode.ALEMBIC, "target " + target + ": " + what
                + (tail.isBlank() ? "" : "; its last output:\n" + tail));
    }

    /** Stops the process and everything it started: politely, then by force after five seconds. */
    private static void stop(Process process) {
        List<ProcessHandle> family = new ArrayList<>(process.descendants().toList());
        family.add(process.toHandle());
        family.forEach(ProcessHandle::destroy);
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                family.forEach(ProcessHandle::destroyForcibly);
            }
        } catch (InterruptedException e) {
            family.forEach(ProcessHandle::destroyForcibly);
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(Process process) {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Alembic reads nothing from standard input
        }
    }

    private static Thread drain(InputStream stream, Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException ignored) {
                // the process ended or was stopped
            }
        }, "alembic-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
