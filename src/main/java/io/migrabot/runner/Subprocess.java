package io.migrabot.runner;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs an external program with an argument array (never through a shell), a working directory, extra
 * environment, a timeout and cancellation; keeps all of standard output and the tail of standard error, and hands
 * every line of both to a listener as it arrives. A run that times out or is cancelled is stopped with everything
 * it started.
 */
public final class Subprocess {
    private static final int TAIL = 30;

    private Subprocess() {
    }

    /** What the program printed and how it ended. */
    public record Result(int exitCode, List<String> stdout, List<String> stderrTail) {
        public String stderrText() {
            return String.join("\n", stderrTail);
        }
    }

    /** Why a program did not run to its end. */
    public static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;

        public enum Kind { CANNOT_START, TIMED_OUT, CANCELLED, INTERRUPTED }

        private final Kind kind;
        private final transient List<String> stderrTail;

        Failure(Kind kind, String message, List<String> stderrTail) {
            super(message);
            this.kind = kind;
            this.stderrTail = List.copyOf(stderrTail);
        }

        public Kind kind() {
            return kind;
        }

        public String stderrText() {
            return String.join("\n", stderrTail);
        }
    }

    public static Result run(List<String> command, Path directory, Map<String, String> environment,
                             Duration timeout, Cancellation cancellation, Consumer<String> lines) throws Failure {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new Failure(Failure.Kind.CANNOT_START, e.getMessage(), List.of());
        }
        List<String> stdout = Collections.synchronizedList(new ArrayList<>());
        Deque<String> stderr = new ArrayDeque<>();
        Thread out = drain(process.getInputStream(), line -> {
            stdout.add(line);
            lines.accept(line);
        });
        Thread err = drain(process.getErrorStream(), line -> {
            synchronized (stderr) {
                stderr.addLast(line);
                if (stderr.size() > TAIL) {
                    stderr.removeFirst();
                }
            }
            lines.accept(line);
        });
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!process.waitFor(100, TimeUnit.MILLISECONDS)) {
                if (cancellation.isCancelled()) {
                    stop(process);
                    throw new Failure(Failure.Kind.CANCELLED, "cancelled", tail(stderr));
                }
                if (System.nanoTime() > deadline) {
                    stop(process);
                    throw new Failure(Failure.Kind.TIMED_OUT, "timed out", tail(stderr));
                }
            }
            out.join(5000);
            err.join(5000);
        } catch (InterruptedException e) {
            stop(process);
            Thread.currentThread().interrupt();
            throw new Failure(Failure.Kind.INTERRUPTED, "interrupted", tail(stderr));
        }
        return new Result(process.exitValue(), List.copyOf(stdout), tail(stderr));
    }

    private static List<String> tail(Deque<String> stderr) {
        synchronized (stderr) {
            return List.copyOf(stderr);
        }
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

    private static Thread drain(InputStream stream, Consumer<String> lines) {
        Thread thread = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.accept(line);
                }
            } catch (IOException ignored) {
                // the process ended or was stopped
            }
        }, "subprocess-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
