package io.migrabot.script;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An Alembic project's source configuration as Alembic 1.16 finds and reads it: an {@code alembic.ini}, a
 * {@code pyproject.toml} ({@code [tool.alembic]}), or both. {@code -c} names either or both (a file called
 * {@code pyproject.toml} is the TOML file, any other the ini); one not named is looked for in the working directory
 * ({@code alembic.ini}, {@code pyproject.toml}), and used when it exists. Each option is read from the ini's main
 * section when the ini sets it, else from {@code [tool.alembic]}, so an {@code alembic.ini} holding only runtime
 * settings (logging, the database URL) works beside a {@code pyproject.toml} holding the source settings.
 * (The command line adds the file {@code ALEMBIC_CONFIG} names to {@code files}, as Alembic's does.)
 */
public final class AlembicConfig {
    private static final String TOML_NAME = "pyproject.toml";

    private final Optional<AlembicIni> ini;
    private final Optional<PyprojectToml> toml;
    private final Path workingDirectory;

    private AlembicConfig(Optional<AlembicIni> ini, Optional<PyprojectToml> toml, Path workingDirectory) {
        this.ini = ini;
        this.toml = toml;
        this.workingDirectory = workingDirectory;
    }

    /**
     * @param files            the files given with {@code -c} (none, one, or an ini and a {@code pyproject.toml});
     *                         relative paths resolve against {@code workingDirectory}
     * @param section          the ini's main section ({@code -n}); the TOML table is always {@code [tool.alembic]}
     * @param workingDirectory the directory Alembic would run in
     * @throws MigrabotException ({@link ErrorCode#CONFIGURATION}) when the files cannot be read or together give no
     *                           configuration
     */
    public static AlembicConfig load(List<Path> files, String section, Path workingDirectory) {
        Path cwd = workingDirectory.toAbsolutePath().normalize();
        Path tomlName = null;
        Path iniName = null;
        for (Path file : files) {
            if (file.getFileName() != null && file.getFileName().toString().equals(TOML_NAME)) {
                if (tomlName != null) {
                    throw new MigrabotException(ErrorCode.CONFIGURATION, "pyproject.toml indicated more than once");
                }
                tomlName = file;
            } else {
                if (iniName != null) {
                    throw new MigrabotException(ErrorCode.CONFIGURATION, "only one ini file may be indicated");
                }
                iniName = file;
            }
        }
        Path tomlFile = cwd.resolve(tomlName == null ? Path.of(TOML_NAME) : tomlName).normalize();
        Path iniFile = cwd.resolve(iniName == null ? Path.of("alembic.ini") : iniName).normalize();
        Optional<PyprojectToml> toml = Files.exists(tomlFile) ? Optional.of(PyprojectToml.load(tomlFile))
                : Optional.empty();
        boolean tomlConfigures = toml.isPresent() && toml.get().hasAlembicTable();
        if (!tomlConfigures) {
            if (tomlName != null && iniName == null && !Files.exists(iniFile)) {
                throw new MigrabotException(ErrorCode.CONFIGURATION, toml.isEmpty()
                        ? tomlFile + " does not exist. Give the path of your pyproject.toml or alembic.ini (a "
                        + "relative path is taken from " + cwd + ")."
                        : noAlembicTable(tomlFile, ""));
            }
            if (toml.isPresent() && !Files.exists(iniFile)) {
                throw new MigrabotException(ErrorCode.CONFIGURATION, noAlembicTable(tomlFile, ", and there is no "
                        + iniFile));
            }
            return new AlembicConfig(Optional.of(AlembicIni.load(iniFile, section, cwd)), toml, cwd);
        }
        Optional<AlembicIni> ini = Files.exists(iniFile) ? AlembicIni.loadIfSection(iniFile, section, cwd)
                : Optional.empty();
        return new AlembicConfig(ini, toml, cwd);
    }

    private static String noAlembicTable(Path tomlFile, String andNoIni) {
        return tomlFile + " has no [tool.alembic] table" + andNoIni + ": No 'script_location' key found in "
                + "configuration. Add [tool.alembic] with script_location = \"%(here)s/migrations\" (the directory "
                + "holding env.py)";
    }

    /** The ini, when one exists with the main section. */
    public Optional<AlembicIni> ini() {
        return ini;
    }

    public Optional<PyprojectToml> toml() {
        return toml;
    }

    /** The file(s) read, for messages. */
    public String describe() {
        List<String> names = new ArrayList<>();
        ini.ifPresent(i -> names.add(i.iniFile().toString()));
        toml.ifPresent(t -> names.add(t.file().toString()));
        return String.join(" and ", names);
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    private boolean iniSets(String option) {
        return ini.isPresent() && ini.get().option(option).isPresent();
    }

    /**
     * The script directory, absolute and normalized.
     *
     * @throws MigrabotException if no file sets it, or the value is empty or not a usable path
     */
    public Path scriptLocation() {
        if (iniSets("script_location") || toml.isEmpty()) {
            return ini.orElseThrow().scriptLocation(packageRoots());
        }
        PyprojectToml t = toml.get();
        String value = t.string("script_location").orElseThrow(() -> new MigrabotException(ErrorCode.CONFIGURATION,
                t.file() + ", [tool.alembic]: No 'script_location' key found in configuration. Add script_location = "
                        + "\"%(here)s/migrations\" (the directory holding env.py)."));
        if (value.isEmpty()) {
            throw tomlError(t, "script_location", "the value is empty", "Set it to the directory holding env.py.");
        }
        return AlembicIni.toPath(workingDirectory, packageRoots(), "script_location", value,
                (o, p, a) -> tomlError(t, o, p, a));
    }

    /** Whether {@code version_locations} names at least one entry (then missing ones are skipped). */
    public boolean versionLocationsConfigured() {
        return !versionLocationEntries().isEmpty();
    }

    /** The version locations, or {@code <script_location>/versions} when none is configured. */
    public List<Path> versionLocations() {
        List<String> entries = versionLocationEntries();
        if (entries.isEmpty()) {
            return List.of(scriptLocation().resolve("versions"));
        }
        return paths("version_locations", entries);
    }

    /** The {@code prepend_sys_path} entries, absolute (Python resolves relative entries against the working directory). */
    public List<Path> prependSysPath() {
        List<String> entries = ini.map(AlembicIni::prependSysPathEntries).orElse(List.of());
        if (entries.isEmpty() && toml.isPresent()) {
            entries = toml.get().strings("prepend_sys_path").orElse(List.of());
        }
        List<Path> paths = new ArrayList<>();
        for (String entry : entries) {
            try {
                paths.add(workingDirectory.resolve(entry).normalize());
            } catch (InvalidPathException e) {
                // not a path this system has, so Python finds no module there either
            }
        }
        return List.copyOf(paths);
    }

    private List<Path> packageRoots() {
        return AlembicIni.packageRoots(workingDirectory, prependSysPath());
    }

    public boolean recursiveVersionLocations() {
        return bool("recursive_version_locations");
    }

    public boolean sourceless() {
        return bool("sourceless");
    }

    private boolean bool(String option) {
        if (iniSets(option) || toml.isEmpty()) {
            return ini.isPresent() && ini.get().option(option).filter("true"::equals).isPresent();
        }
        return toml.get().bool(option);
    }

    private List<String> versionLocationEntries() {
        List<String> entries = ini.map(AlembicIni::versionLocationEntries).orElse(List.of());
        if (entries.isEmpty() && toml.isPresent()) {
            return toml.get().strings("version_locations").orElse(List.of());
        }
        return entries;
    }

    private List<Path> paths(String option, List<String> entries) {
        List<Path> paths = new ArrayList<>();
        for (String entry : entries) {
            paths.add(AlembicIni.toPath(workingDirectory, packageRoots(), option, entry, this::error));
        }
        return List.copyOf(paths);
    }

    private MigrabotException error(String option, String problem, String advice) {
        if (iniSets(option) || toml.isEmpty()) {
            return new MigrabotException(ErrorCode.CONFIGURATION, ini.orElseThrow().ini().locate(
                    ini.get().section(), option) + ": " + problem + ". " + advice);
        }
        return tomlError(toml.get(), option, problem, advice);
    }

    private static MigrabotException tomlError(PyprojectToml toml, String option, String problem, String advice) {
        return new MigrabotException(ErrorCode.CONFIGURATION, toml.file() + ", [tool.alembic] " + option + ": "
                + problem + ". " + advice);
    }
}
