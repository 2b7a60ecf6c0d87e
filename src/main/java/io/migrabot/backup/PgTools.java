package io.migrabot.backup;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Subprocess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The PostgreSQL client programs, from a configured folder or the PATH, with their major version checked. */
public final class PgTools {
    private static final Pattern VERSION = Pattern.compile("\\(PostgreSQL\\) (\\d+)");

    private final Path folder;

    /** @param folder where pg_dump and pg_restore are, or null for the PATH */
    public PgTools(Path folder) {
        this.folder = folder;
    }

    String program(String name) {
        return folder == null ? name : folder.resolve(name).toString();
    }

    /** The major version of a program ({@code pg_dump --version}), or a clear error when it cannot run. */
    public int majorVersion(String name) {
        Subprocess.Result result = run(List.of(program(name), "--version"), Map.of(), Duration.ofSeconds(30), name);
        Matcher m = VERSION.matcher(String.join(" ", result.stdout()));
        if (result.exitCode() != 0 || !m.find()) {
            throw new MigrabotException(ErrorCode.BACKUP, program(name) + " --version did not print a PostgreSQL "
                    + "version: " + String.join(" ", result.stdout()) + result.stderrText());
        }
        return Integer.parseInt(m.group(1));
    }

    /** Runs a tool; failing to start it at all is explained with how to install it. */
    Subprocess.Result run(List<String> command, Map<String, String> environment, Duration timeout, String name) {
        try {
            return Subprocess.run(new ArrayList<>(command), null, environment, timeout, new Cancellation(), l -> { });
        } catch (Subprocess.Failure f) {
            if (f.kind() == Subprocess.Failure.Kind.CANNOT_START) {
                throw new MigrabotException(ErrorCode.BACKUP, "cannot run " + program(name) + " (" + f.getMessage()
                        + "); install the PostgreSQL client (apt-get install postgresql-client) or set backup.tools "
                        + "to the folder that has " + name, f);
            }
            throw new MigrabotException(ErrorCode.BACKUP, name + " " + f.getMessage() + " and was stopped; its last "
                    + "output: " + f.stderrText(), f);
        }
    }
}
