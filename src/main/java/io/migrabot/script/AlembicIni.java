package io.migrabot.script;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The parts of an {@code alembic.ini} that locate a script directory, read as Alembic's {@code Config} reads them:
 * the file through {@link IniFile} with {@code here} set to the file's directory, then the main section's
 * {@code script_location}, and {@code version_locations} and {@code prepend_sys_path} split by
 * {@code path_separator} (Alembic 1.16), or for version locations the older {@code version_path_separator}, or
 * Alembic's legacy split. {@link AlembicConfig} combines it with a {@code pyproject.toml} and reads the other
 * options through {@link #option(String)}.
 * <p>
 * Options are read when asked for, so a broken option fails only the accessor that needs it, as in Alembic.
 * Relative paths resolve against the given working directory, where Alembic would use the process's own.
 * Limits: {@code package:resource} locations are found on {@code prepend_sys_path} and in the working directory
 * only (an installed package needs Python's import system, and is reported as an error); paths are
 * checked for form only, not for existence.
 */
public final class AlembicIni {

    /** Alembic's {@code _split_on_space_comma}, used when {@code version_path_separator} is not set. */
    private static final Pattern LEGACY_SEPARATOR = Pattern.compile(", *|(?: +)");
    /** Alembic's {@code _split_on_space_comma_colon}, for {@code prepend_sys_path} without a separator. */
    private static final Pattern LEGACY_PATH_SEPARATOR = Pattern.compile(", *|(?: +)|:");

    private final Path iniFile;
    private final String section;
    private final Path workingDirectory;
    private final IniFile ini;

    private AlembicIni(Path iniFile, String section, Path workingDirectory, IniFile ini) {
        this.iniFile = iniFile;
        this.section = section;
        this.workingDirectory = workingDirectory;
        this.ini = ini;
    }

    /**
     * Reads {@code iniFile} and checks that it has the main section.
     *
     * @param iniFile          the ini file; a relative path is resolved against {@code workingDirectory}
     * @param section          the main section, {@code "alembic"} unless Alembic runs with {@code -n NAME}
     * @param workingDirectory the directory Alembic would run in
     * @throws MigrabotException ({@link ErrorCode#CONFIGURATION}) if the file is missing, unreadable, not valid ini
     *                           syntax, or lacks the section
     */
    public static AlembicIni load(Path iniFile, String section, Path workingDirectory) {
        Path cwd = workingDirectory.toAbsolutePath().normalize();
        Path file = cwd.resolve(iniFile).normalize();
        if (!Files.exists(file)) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, noConfig(file, section) + ": " + file
                    + " does not exist. Give the path of your alembic.ini (a relative path is taken from " + cwd
                    + ").");
        }
        IniFile ini = read(file);
        if (!ini.hasSection(section)) {
            String sections = ini.sections().isEmpty() ? "no sections" : "sections " + ini.sections();
            throw new MigrabotException(ErrorCode.CONFIGURATION, noConfig(file, section) + ": " + file + " has "
                    + sections + ". Add a [" + section + "] section with script_location, or use the section name "
                    + "Alembic is run with (alembic -n NAME); section names are case-sensitive.");
        }
        return new AlembicIni(file, section, cwd, ini);
    }

    /**
     * Reads an existing {@code file} (absolute, normalized); empty when it lacks the main section, whose options
     * Alembic 1.16 then takes from {@code pyproject.toml}.
     */
    static Optional<AlembicIni> loadIfSection(Path file, String section, Path workingDirectory) {
        IniFile ini = read(file);
        return ini.hasSection(section) ? Optional.of(new AlembicIni(file, section, workingDirectory, ini))
                : Optional.empty();
    }

    private static IniFile read(Path file) {
        Path directory = file.getParent();
        return IniFile.read(file, Map.of("here", directory == null ? "" : directory.toString()));
    }

    private static String noConfig(Path file, String section) {
        return "No config file " + PyStrings.repr(file.toString()) + " found, or file has no '[" + section
                + "]' section";
    }

    /** The ini file, absolute and normalized. */
    public Path iniFile() {
        return iniFile;
    }

    /** The main section options are read from. */
    public String section() {
        return section;
    }

    /** The whole file, for options this class does not interpret. */
    public IniFile ini() {
        return ini;
    }

    /**
     * The script directory ({@code script_location}, interpolated), absolute and normalized; a package resource is
     * looked for in the working directory ({@link AlembicConfig} also looks on {@code prepend_sys_path}).
     *
     * @throws MigrabotException if the option is missing, empty, a {@code package:resource} not found, or not a valid
     *                           path
     */
    public Path scriptLocation() {
        return scriptLocation(packageRoots(workingDirectory, List.of()));
    }

    /** As {@link #scriptLocation()}, a package resource looked for on {@code packageRoots}. */
    Path scriptLocation(List<Path> packageRoots) {
        String value = ini.get(section, "script_location").orElseThrow(() -> new MigrabotException(
                ErrorCode.CONFIGURATION, iniFile + ", section [" + section + "]: No 'script_location' key found in "
                + "configuration. Add script_location = %(here)s/alembic (the directory holding env.py) to ["
                + section + "]."));
        if (value.isEmpty()) {
            throw optionError("script_location", "the value is empty", "Set it to the directory holding env.py, "
                    + "e.g. script_location = %(here)s/alembic.");
        }
        return toPath(workingDirectory, packageRoots, "script_location", value, this::optionError);
    }

    /** The main section's value of {@code option}, interpolated; empty when the section does not set it. */
    public Optional<String> option(String option) {
        return ini.get(section, option);
    }

    /**
     * The {@code version_locations} entries as Alembic's {@code get_version_locations_list} splits them; empty when
     * the option is unset or empty. The legacy split (no separator set) keeps empty entries, which Alembic resolves
     * to the working directory; the separators strip entries and drop empty ones.
     */
    List<String> versionLocationEntries() {
        return split("version_locations", LEGACY_SEPARATOR, "path_separator", "version_path_separator");
    }

    /**
     * The {@code prepend_sys_path} entries as Alembic's {@code get_prepend_sys_paths_list} splits them (only
     * {@code path_separator} applies); empty when the option is unset or empty.
     */
    List<String> prependSysPathEntries() {
        return split("prepend_sys_path", LEGACY_PATH_SEPARATOR, "path_separator");
    }

    private List<String> split(String option, Pattern legacy, String... separatorOptions) {
        String value = ini.get(section, option).orElse("");
        if (value.isEmpty()) {
            return List.of();
        }
        String separatorOption = null;
        Optional<String> separator = Optional.empty();
        for (String name : separatorOptions) {
            separator = ini.get(section, name);
            if (separator.isPresent()) {
                separatorOption = name;
                break;
            }
        }
        if (separator.isEmpty()) {
            return Arrays.asList(legacy.split(value, -1));
        }
        // path_separator (Alembic 1.16) strips the entries; version_path_separator alone splits as Alembic 1.8 did,
        // keeping their blanks, and is described in 1.8's words (1.16 also takes 'newline' for it).
        boolean modern = separatorOption.equals("path_separator");
        String splitOn = switch (separator.get()) {
            case "space" -> " ";
            case "newline" -> "\n";
            case "os" -> File.pathSeparator;
            case ":", ";" -> separator.get();
            default -> throw optionError(separatorOption, "'" + separator.get() + "' is not a valid value for "
                            + separatorOption + "; expected 'space', " + (modern ? "'newline', " : "") + "'os', ':', ';'",
                    "Use one of those, e.g. " + separatorOption + " = os, or remove the line for the legacy split "
                            + "on spaces and commas.");
        };
        List<String> entries = Arrays.stream(value.split(Pattern.quote(splitOn), -1)).filter(s -> !s.isEmpty())
                .toList();
        return modern ? entries.stream().map(String::strip).toList() : entries;
    }

    /** A problem with an option, located in the file. */
    interface OptionError {
        MigrabotException of(String option, String problem, String advice);
    }

    /**
     * Where Python looks for the package of a {@code package:path} location, as Alembic runs: the
     * {@code prepend_sys_path} entries (absolute), then the working directory.
     */
    static List<Path> packageRoots(Path workingDirectory, List<Path> prependSysPath) {
        List<Path> roots = new java.util.ArrayList<>(prependSysPath);
        roots.add(workingDirectory);
        return List.copyOf(roots);
    }

    /**
     * A location option's value as Alembic resolves it: a filesystem path, relative to the working directory; or a
     * package resource ({@code package:path}, Alembic's {@code coerce_resource_to_filename}), found as Python's import
     * system would find the package's directory on {@code packageRoots}, without running it.
     */
    static Path toPath(Path workingDirectory, List<Path> packageRoots, String option, String value,
                       OptionError optionError) {
        if (isPackageResource(value)) {
            Path resource = PackageResources.find(packageRoots, value);
            if (resource == null) {
                String name = value.substring(0, value.indexOf(':'));
                throw optionError.of(option, PyStrings.repr(value) + " is a package resource (package:path): No "
                        + "module named " + PyStrings.repr(name) + " on prepend_sys_path or in the working directory ("
                        + workingDirectory + "), and migrabot does not run Python to find installed packages",
                        "Run migrabot where the package is, or use a filesystem path instead, e.g. %(here)s/"
                        + value.substring(value.lastIndexOf(':') + 1) + ".");
            }
            return resource;
        }
        try {
            return workingDirectory.resolve(value).normalize();
        } catch (InvalidPathException e) {
            throw optionError.of(option, PyStrings.repr(value) + " is not a valid path (" + e.getReason() + ")",
                    "Fix the path.");
        }
    }

    /** Alembic's {@code coerce_resource_to_filename} test: not absolute (by Python's rules) and has a colon. */
    private static boolean isPackageResource(String value) {
        return !isAbsolute(value) && value.contains(":");
    }

    /** Python's {@code os.path.isabs}: POSIX needs a leading slash; Windows also accepts a drive with a root. */
    private static boolean isAbsolute(String value) {
        if (File.separatorChar != '\\') {
            return value.startsWith("/");
        }
        String head = value.substring(0, Math.min(3, value.length())).replace('/', '\\');
        return head.startsWith("\\") || head.startsWith(":\\", 1);
    }

    private MigrabotException optionError(String option, String problem, String advice) {
        return new MigrabotException(ErrorCode.CONFIGURATION, ini.locate(section, option) + ": " + problem + ". "
                + advice);
    }
}
