package io.migrabot.cli;

import io.migrabot.revision.RevisionGraph;
import io.migrabot.script.AlembicScriptDirectory;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the read-only commands find the script directory: an alembic.ini and its section, and/or a pyproject.toml,
 * as Alembic's -c and -n.
 */
final class ScriptOptions {
    @Option(names = {"-c", "--alembic-config"}, paramLabel = "FILE",
            description = "Alembic configuration file: an alembic.ini and/or a pyproject.toml (give -c twice for "
                    + "both); default: alembic.ini and pyproject.toml in the working directory, those that exist.")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = {"-n", "--name"}, paramLabel = "SECTION", defaultValue = "alembic",
            description = "Section of the configuration file to read (default: ${DEFAULT-VALUE}).")
    String section;

    /** Reads the script directory; relative paths resolve against the working directory, as Alembic's do. */
    RevisionGraph load() {
        return AlembicScriptDirectory.load(configFiles, section, Path.of("").toAbsolutePath(), null).graph();
    }
}
