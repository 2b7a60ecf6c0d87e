package io.migrabot.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Where a target's revisions come from and how they are run. */
public sealed interface MigrationsSource {

    /**
     * An existing Alembic project, run by the real {@code alembic}.
     *
     * @param ini              the project's alembic.ini, or its pyproject.toml ({@code [tool.alembic]}, Alembic 1.16+)
     * @param section          its section ({@code alembic} unless the project uses another)
     * @param command          the command prefix that runs Alembic, e.g. {@code [alembic]} or
     *                         {@code [docker, compose, run, --rm, app, alembic]}
     * @param workingDirectory where Alembic runs (relative paths in the ini resolve against it)
     * @param timeout          how long one Alembic run may take before it is stopped
     * @param environment      variables given to Alembic on top of migrabot's own environment, e.g. the
     *                         DATABASE_URL the project's env.py reads; treated as secrets
     */
    record Alembic(Path ini, String section, List<String> command, Path workingDirectory, Duration timeout,
                   Map<String, Secret> environment) implements MigrationsSource {
        public Alembic {
            command = List.copyOf(command);
            environment = Map.copyOf(environment);
        }
    }

    /** A folder of revisions in migrabot's native SQL format, run by migrabot itself. */
    record Sql(Path directory) implements MigrationsSource {
    }
}
