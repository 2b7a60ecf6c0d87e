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
                    + "both); default: the file ALEMBIC_CONFIG names, and alembic.ini and pyproject.toml in the "
                    + "working directory, those that exist.")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = {"-n", "--name"}, paramLabel = "SECTION", defaultValue = "alembic",
            description = "Section of the configuration file to read (default: ${DEFAULT-VALUE}).")
    String section;

    /** Reads the script directory; relative paths resolve against the working directory, as Alembic's do. */
    RevisionGraph load() {
        return AlembicScriptDirectory.load(withEnvironment(configFiles, System.getenv("ALEMBIC_CONFIG")), section,
                Path.of("").toAbsolutePath(), null).graph();
    }

    /**
     * As Alembic's command line: {@code ALEMBIC_CONFIG} names the default file of its kind (a {@code pyproject.toml}
     * or an ini), used when {@code -c} gives none of that kind.
     */
    static List<Path> withEnvironment(List<Path> given, String alembicConfig) {
        if (alembicConfig == null || alembicConfig.isEmpty()) {
            return given;
        }
        Path named = Path.of(alembicConfig);
        boolean toml = isToml(named);
        if (given.stream().anyMatch(file -> isToml(file) == toml)) {
            return given;
        }
        List<Path> files = new ArrayList<>(given);
        files.add(named);
        return files;
    }

    private static boolean isToml(Path file) {
        return file.getFileName() != null && file.getFileName().toString().equals("pyproject.toml");
    }
}
