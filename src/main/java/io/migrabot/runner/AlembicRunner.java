package io.migrabot.runner;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.MigrationsSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        return run(args, expectedSteps, listener, cancellation, RunSession.NONE);
    }

    /** Like {@link #run(List, int, Progress.Listener, Cancellation)}, its sessions set up as {@code session} says. */
    public Output run(List<String> args, int expectedSteps, Progress.Listener listener, Cancellation cancellation,
                      RunSession session) {
        List<String> command = command(args);
        String shown = "alembic " + String.join(" ", args);
        Map<String, String> configured = new LinkedHashMap<>();
        source.environment().forEach((name, value) -> configured.put(name, value.reveal()));
        Map<String, String> environment = session.environment(configured);
        long started = System.nanoTime();
        int[] step = {0};
        Subprocess.Result result;
        try {
            result = Subprocess.run(command, source.workingDirectory(), environment, source.timeout(), cancellation,
                    line -> {
                        Matcher m = RUNNING.matcher(line);
                        if (m.find()) {
                            boolean upgrade = m.group(1).equals("upgrade");
                            step[0]++;
                            listener.on(new Progress(step[0], Math.max(expectedSteps, step[0]),
                                    upgrade ? m.group(3) : m.group(2), upgrade,
                                    Duration.ofNanos(System.nanoTime() - started)));
                        }
                    });
        } catch (Subprocess.Failure f) {
            String what = switch (f.kind()) {
                case CANNOT_START -> throw new MigrabotException(ErrorCode.ALEMBIC, "cannot run " + command.get(0)
                        + " for target " + target + " (" + f.getMessage() + "); install Alembic there or set "
                        + "migrations.command", f);
                case TIMED_OUT -> shown + " did not finish within " + source.timeout().toMinutes()
                        + " min (migrations.timeout) and was stopped";
                case CANCELLED -> shown + " was cancelled and stopped";
                case INTERRUPTED -> shown + " was interrupted and stopped";
            };
            throw failure(what, f.stderrText());
        }
        if (result.exitCode() != 0) {
            throw new AlembicFailedException(failure(shown + ended(result.exitCode()), result.stderrText())
                    .getMessage(), result.stdout(), result.stderrTail());
        }
        return new Output(result.stdout(), result.stderrTail());
    }

    /**
     * How a process that failed ended. A process killed by signal N ends with status 128 + N (as a shell shows it):
     * then whatever it had not committed is rolled back by the server, and the version table says what it had.
     */
    private static String ended(int status) {
        if (status <= 128 || status > 128 + 64) {
            return " exited with status " + status;
        }
        int signal = status - 128;
        String name = switch (signal) {
            case 1 -> " (SIGHUP)";
            case 2 -> " (SIGINT)";
            case 6 -> " (SIGABRT)";
            case 9 -> " (SIGKILL: the system's out-of-memory killer, or someone, killed it)";
            case 11 -> " (SIGSEGV)";
            case 15 -> " (SIGTERM)";
            default -> "";
        };
        return " was killed by signal " + signal + name + "; what it had not committed was rolled back, and "
                + "current shows what it had";
    }

    private MigrabotException failure(String what, String tail) {
        return new MigrabotException(ErrorCode.ALEMBIC, "target " + target + ": " + what
                + (tail.isBlank() ? "" : "; its last output:\n" + tail));
    }
}
