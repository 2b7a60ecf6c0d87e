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
 * An Alembic script directory read without running Python: the version locations an {@code alembic.ini} names,
 * the revision files in them (as Alembic picks them: {@code *.py}, not {@code __init__} or editor lock files), and
 * the graph they form. A file that cannot be read is a problem of its own; the rest still load.
 *
 * <p>Files are read in path order, so everything that depends on load order (the order of heads, ties in
 * history) is the same on every machine; Alembic takes the file system's listing order instead.
 */
public record AlembicScriptDirectory(AlembicIni ini, List<Revision> revisions, List<Problem> problems) {
    private static final Logger log = LoggerFactory.getLogger(AlembicScriptDirectory.class);
    private static final Pattern SOURCE = Pattern.compile("(?!\\.#|__init__).*\\.py");
    private static final Pattern COMPILED = Pattern.compile("(?!\\.#|__init__).*\\.py[co]");

    public AlembicScriptDirectory {
        revisions = List.copyOf(revisions);
        problems = List.copyOf(problems);
    }

    /** The graph of the revisions, with the problems found reading them listed first. */
    public RevisionGraph graph() {
        return RevisionGraph.of(revisions, problems);
    }

    /**
     * @param workingDirectory what relative paths in the ini resolve against (Alembic uses its working directory)
     */
    public static AlembicScriptDirectory load(Path iniFile, String section, Path workingDirectory) {
        return load(iniFile, section, workingDirectory, null);
    }

    /**
     * Like {@link #load(Path, String, Path)}, reusing the read results of files that did not change since the last
     * load with the same {@code cache} (null for none).
     */
    public static AlembicScriptDirectory load(Path iniFile, String section, Path workingDirectory,
                                              RevisionFileCache cache) {
        long started = System.nanoTime();
        AlembicIni ini = AlembicIni.load(iniFile, section, workingDirectory);
        Path scripts = ini.scriptLocation();
        if (!Files.isDirectory(scripts)) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "Path doesn't exist: '" + scripts + "' ("
                    + "script_location in " + ini.iniFile() + "). Point script_location at the folder that holds "
                    + "env.py and versions/, e.g. script_location = %(here)s/migrations");
        }
        List<Path> files = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        Set<Path> seen = new HashSet<>();
        Map<Path, BasicFileAttributes> regular = new HashMap<>();
        for (Path location : ini.versionLocations()) {
            if (!Files.isDirectory(location)) {
                if (ini.versionLocationsConfigured()) {
                    continue; // Alembic skips configured locations that do not exist
                }
                throw new MigrabotException(ErrorCode.CONFIGURATION, "Path doesn't exist: '" + location
                        + "'. The versions folder of " + scripts + " is missing; create it (an empty folder means "
                        + "no revisions yet) or set version_locations in " + ini.iniFile());
            }
            list(location, ini.recursiveVersionLocations(), ini.sourceless(), files, problems, seen, regular);
        }
        List<Revision> revisions = new ArrayList<>();
        List<List<Problem>> fileProblems = new ArrayList<>();
        List<AlembicRevisionFileReader.ReadResult> results = readAll(files, regular, cache);
        if (cache != null) {
            cache.retainOnly(files);
        }
        for (int i = 0; i < files.size(); i++) {
            AlembicRevisionFileReader.ReadResult result = results.get(i);
            result.revision().ifPresent(revisions::add);
            fileProblems.add(result.problems());
        }
        fileProblems.forEach(problems::addAll);
        log.debug("read {} revision files from {} in {} ms, {} problems", files.size(), scripts,
                (System.nanoTime() - started) / 1_000_000, problems.size());
        return new AlembicScriptDirectory(ini, revisions, problems);
    }

    /**
     * Reads and parses files on all cores; results keep the order of {@code files}. Those in {@code regular} were
     * regular files (not links) when listed, so they are not checked again (two stat calls each).
     */
    private static List<AlembicRevisionFileReader.ReadResult> readAll(List<Path> files,
                                                                      Map<Path, BasicFileAttributes> regular,
                                                                      RevisionFileCache cache) {
        AlembicRevisionFileReader reader = new AlembicRevisionFileReader();
        return files.parallelStream().map(file -> {
            try {
                BasicFileAttributes attributes = regular.get(file);
                if (attributes != null) {
                    AlembicRevisionFileReader.ReadResult cached = cache == null ? null : cache.get(file, attributes);
                    if (cached != null) {
                        return cached;
                    }
                    AlembicRevisionFileReader.ReadResult result = reader.read(file, Files.readAllBytes(file));
                    if (cache != null) {
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
                return reader.read(file, Files.readAllBytes(file));
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
