package io.migrabot.cli;

import io.migrabot.revision.RevisionGraph;
import io.migrabot.script.AlembicScriptDirectory;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** How the read-only commands find the script directory: an alembic.ini and its section, as Alembic's -c and -n. */
final class ScriptOptions {
    @Option(names = {"-c", "--alembic-config"}, paramLabel = "FILE", defaultValue = "alembic.ini",
            description = "Alembic configuration file (default: ${DEFAULT-VALUE}).")
    Path alembicIni;

    @Option(names = {"-n", "--name"}, paramLabel = "SECTION", defaultValue = "alembic",
            description = "Section of the configuration file to read (default: ${DEFAULT-VALUE}).")
    String section;

    /** Reads the script directory; relative paths resolve against the working directory, as Alembic's do. */
    RevisionGraph load() {
        return AlembicScriptDirectory.load(alembicIni, section, Path.of("").toAbsolutePath()).graph();
    }
}
