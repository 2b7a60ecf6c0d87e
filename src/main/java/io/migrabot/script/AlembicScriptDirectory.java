package io.migrabot.script;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.revision.Problem;
import io.migrabot.revision.ProblemKind;
import io.migrabot.revision.Revision;
import io.migrabot.revision.RevisionGraph;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An Alembic script directory read without running Python: the version locations its configuration
 * ({@link AlembicConfig}) names, the revision files in them (as Alembic picks them: {@code *.py}, not
 * {@code __init__} or editor lock files), and the graph they form. A file that cannot be read is a problem of its
 * own; the rest still load. Names revision files import from the project are followed ({@link ModuleResolver}) in
 * the modules Python would find: on the {@code prepend_sys_path} entries, in the working directory, and under the
 * package root above the script location (the folder above the last one, going up, that has an
 * {@code __init__.py}).
 *
 * <p>Files are read in path order, so everything that depends on load order (the order of heads, ties in
 * history) is the same on every machine; Alembic takes the file system's listing order instead.
 *
 * @param warnings what was read only in part (branch labels or dependencies that could not be determined)
 */
public record AlembicScriptDirectory(AlembicConfig config, List<Revision> revisions, List<Problem> problems,
                                     List<Problem> warnings) {
    private static final Logger log = LoggerFactory.getLogger(AlembicScriptDirectory.class);
    private static final Pattern SOURCE = Pattern.compile("(?!\\.#|__init__).*\\.py");
    private static final Pattern COMPILED = Pattern.compile("(?!\\.#|__init__).*\\.py[co]");

    public AlembicScriptDirectory {
        revisions = List.copyOf(revisions);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    /** The graph of the revisions, with the problems found reading them listed first. */
    public RevisionGraph graph() {
        return RevisionGraph.of(revisions, problems, warnings);
    }

    /**
     * @param configFile       an alembic.ini or a pyproject.toml
     * @param workingDirectory what relative paths in the configuration resolve against (Alembic uses its working
     *                         directory)
     */
    public static AlembicScriptDirectory load(Path configFile, String section, Path workingDirectory) {
        return load(List.of(configFile), section, workingDirectory, null);
    }

    /**
     * Like {@link #load(Path, String, Path)}, reusing the read results of files that did not change since the last
     * load with the same {@code cache} (null for none).
     */
    public static AlembicScriptDirectory load(Path configFile, String section, Path workingDirectory,
                                              RevisionFileCache cache) {
        return load(List.of(configFile), section, workingDirectory, cache);
    }

    /**
     * Like {@link #load(Path, String, Path)}, with the configuration files as {@code alembic -c} takes them (none,
     * one, or an ini and a pyproject.toml; see {@link AlembicConfig}), reusing the read results of files that did not
     * change since the last load with the same {@code cache} (null for none).
     */
    public static AlembicScriptDirectory load(List<Path> configFiles, String section, Path workingDirectory,
                                              RevisionFileCache cache) {
        long started = System.nanoTime();
        AlembicConfig config = AlembicConfig.load(configFiles, section, workingDirectory);
        Path scripts = config.scriptLocation();
        if (!Files.isDirectory(scripts)) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "Path doesn't exist: '" + scripts + "' ("
                    + "script_location in " + config.describe() + "). Point script_location at the folder that holds "
                    + "env.py and versions/, e.g. script_location = %(here)s/migrations");
        }
        List<Path> files = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Map<Path, BasicFileAttributes> regular = new HashMap<>();
        for (Path location : config.versionLocations()) {
            if (!Files.isDirectory(location)) {
                if (config.versionLocationsConfigured()) {
                    continue; // Alembic skips configured locations that do not exist
                }
                throw new MigrabotException(ErrorCode.CONFIGURATION, "Path doesn't exist: '" + location
                        + "'. The versions folder of " + scripts + " is missing; create it (an empty folder means "
                        + "no revisions yet) or set version_locations in " + config.describe());
            }
            list(location, config.recursiveVersionLocations(), config.sourceless(), files, problems, seen, regular);
        }
        List<Revision> revisions = new ArrayList<>();
        List<Problem> warnings = new ArrayList<>();
        List<List<Problem>> fileProblems = new ArrayList<>();
        ModuleResolver modules = new ModuleResolver(moduleRoots(config, scripts));
        List<AlembicRevisionFileReader.ReadResult> results = readAll(files, regular, cache, modules);
        if (cache != null) {
            cache.retainOnly(files);
        }
        for (int i = 0; i < files.size(); i++) {
            AlembicRevisionFileReader.ReadResult result = results.get(i);
            result.revision().ifPresent(revisions::add);
            fileProblems.add(result.problems());
            warnings.addAll(result.warnings());
        }
        fileProblems.forEach(problems::addAll);
        log.debug("read {} revision files from {} in {} ms, {} problems, {} warnings", files.size(), scripts,
                (System.nanoTime() - started) / 1_000_000, problems.size(), warnings.size());
        return new AlembicScriptDirectory(config, revisions, problems, warnings);
    }

    /**
     * Where Python finds the project's modules when Alembic runs: the {@code prepend_sys_path} entries, the working
     * directory, and the folder holding the package the script location is in, if it is in one.
     */
    static List<Path> moduleRoots(AlembicConfig config, Path scriptLocation) {
        List<Path> roots = new ArrayList<>(config.prependSysPath());
        roots.add(config.workingDirectory());
        Path packageRoot = scriptLocation;
        while (packageRoot != null && Files.isRegularFile(packageRoot.resolve("__init__.py"))) {
            packageRoot = packageRoot.getParent();
        }
        if (packageRoot != null && !packageRoot.equals(scriptLocation)) {
            roots.add(packageRoot);
        }
        return roots.stream().distinct().toList();
    }

    /**
     * Reads and parses files on all cores; results keep the order of {@code files}. Those in {@code regular} were
     * regular files (not links) when listed, so they are not checked again (two stat calls each).
     */
    private static List<AlembicRevisionFileReader.ReadResult> readAll(List<Path> files,
                                                                      Map<Path, BasicFileAttributes> regular,
                                                                      RevisionFileCache cache,
                                                                      ModuleResolver modules) {
        AlembicRevisionFileReader reader = new AlembicRevisionFileReader();
        return files.parallelStream().map(file -> {
            try {
                BasicFileAttributes attributes = regular.get(file);
                if (attributes != null) {
                    AlembicRevisionFileReader.ReadResult cached = cache == null ? null : cache.get(file, attributes);
                    if (cached != null) {
                        return cached;
                    }
                    AlembicRevisionFileReader.ReadResult result = reader.read(file, Files.readAllBytes(file), modules);
                    if (cache != null && !result.importsFiles()) { // a changed module would not be noticed
                        cache.put(file, attributes, result);
                    }
                    return result;
                }
                if (!Files.exists(file)) {
                    return unreadable(file, "it is a broken symbolic link");
                }
                if (!Files.isRegularFile(file)) { // reading a FIFO or a device could block forever
                    return unreadable(file, "it is not a regular file");
                }
                return reader.read(file, Files.readAllBytes(file), modules);
            } catch (IOException | SecurityException e) {
                return unreadable(file, describe(e));
            }
        }).toList();
    }

    private static AlembicRevisionFileReader.ReadResult unreadable(Path file, String why) {
        return new AlembicRevisionFileReader.ReadResult(Optional.empty(), List.of(new Problem(
                ProblemKind.UNREADABLE_FILE, file.toString(), "cannot read " + file.getFileName() + ": " + why)));
    }

    private static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (IOException e) {
            return file.toAbsolutePath().normalize();
        }
    }

    /** The entry's own attributes (a link is not followed); null when they cannot be read. */
    private static BasicFileAttributes linkAttributes(Path entry) {
        try {
            return Files.readAttributes(entry, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException | SecurityException e) {
            return null;
        }
    }

    private static String describe(Exception e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "it was removed while being read";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /**
     * Adds the revision files of {@code location} (and of its sub-folders when {@code recursive}) to {@code files} in
     * path order, skipping those whose real path is in {@code seen}; those that are regular files (not links) also
     * go to {@code regular}.
     */
    private static void list(Path location, boolean recursive, boolean sourceless, List<Path> files,
                             List<Problem> problems, Set<Path> seen, Map<Path, BasicFileAttributes> regular) {
        List<Path> entries;
        try (Stream<Path> listing = Files.list(location)) {
            entries = listing.sorted().toList();
        } catch (IOException e) {
            problems.add(new Problem(ProblemKind.UNREADABLE_FILE, location.toString(),
                    "cannot list the folder: " + describe(e)));
            return;
        }
        List<Path> candidates = new ArrayList<>();
        for (Path entry : entries) {
            if (SOURCE.matcher(entry.getFileName().toString()).matches()) {
                candidates.add(entry);
            }
        }
        // One lstat per entry, on all cores: the real path of a plain file is its real folder plus its name, so
        // realpath (a system call per path component) is only needed for links.
        List<BasicFileAttributes> attributes = candidates.parallelStream()
                .map(AlembicScriptDirectory::linkAttributes).toList();
        Set<String> sources = new HashSet<>();
        Path realLocation = null;
        for (int i = 0; i < candidates.size(); i++) {
            Path entry = candidates.get(i);
            BasicFileAttributes link = attributes.get(i);
            boolean plain = link != null && !link.isSymbolicLink();
            if (plain ? link.isDirectory() : Files.isDirectory(entry)) {
                continue;
            }
            String name = entry.getFileName().toString();
            if (sourceless) {
                sources.add(name);
            }
            Path real;
            if (plain) {
                if (realLocation == null) {
                    realLocation = realPath(location);
                }
                real = realLocation.resolve(name);
            } else {
                real = realPath(entry);
            }
            if (seen.add(real)) { // a folder listed twice in version_locations loads once
                files.add(entry);
                if (plain && link.isRegularFile()) {
                    regular.put(entry, link);
                }
            }
        }
        if (!sourceless && !recursive) {
            return;
        }
        for (Path entry : entries) {
            String name = entry.getFileName().toString();
            if (sourceless && COMPILED.matcher(name).matches() && !sources.contains(name.substring(0, name.length() - 1))) {
                problems.add(new Problem(ProblemKind.NO_SOURCE, entry.toString(),
                        name + " is compiled Python without its .py source."));
            }
            if (recursive && Files.isDirectory(entry) && !name.equals("__pycache__")) {
                list(entry, true, sourceless, files, problems, seen, regular);
            }
        }
    }
}
