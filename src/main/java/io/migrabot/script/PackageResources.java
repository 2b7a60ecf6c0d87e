package io.migrabot.script;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Alembic's {@code package:path} locations ({@code coerce_resource_to_filename}: {@code importlib.resources.files
 * (package) / path}), found without running Python: the package's directory is looked for as Python's path finder
 * looks for it (at each search entry in turn, a regular package, one with {@code __init__.py}, or a module wins at
 * once; directories without one are portions of a namespace package, taken only if nothing else is found), level by
 * level for a dotted name.
 */
final class PackageResources {
    private static final Pattern DOTTED = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)*");

    private PackageResources() {
    }

    /** The path {@code value} ({@code package:path[:more]}) names, or null when its package is not found. */
    static Path find(List<Path> roots, String value) {
        String[] tokens = value.split(":", -1);
        if (!DOTTED.matcher(tokens[0]).matches()) {
            return null;
        }
        List<Path> path = roots;
        for (String part : tokens[0].split("\\.")) {
            path = directories(path, part);
            if (path.isEmpty()) {
                return null;
            }
        }
        try {
            Path first = null;
            for (Path directory : path) { // a namespace package's portions: the first that has the resource
                Path resource = directory;
                for (int i = 1; i < tokens.length; i++) {
                    resource = resource.resolve(tokens[i]);
                }
                resource = resource.normalize();
                if (first == null) {
                    first = resource;
                }
                if (Files.exists(resource)) {
                    return resource;
                }
            }
            return first;
        } catch (InvalidPathException e) {
            return null;
        }
    }

    /** Package {@code name}'s directories on {@code path}: a regular package's one, or a namespace one's portions. */
    private static List<Path> directories(List<Path> path, String name) {
        List<Path> portions = new ArrayList<>();
        for (Path entry : path) {
            Path directory = entry.resolve(name);
            if (Files.isRegularFile(directory.resolve("__init__.py"))) {
                return List.of(directory);
            }
            if (Files.isRegularFile(entry.resolve(name + ".py"))) {
                return List.of(); // a module, not a package: it has no resources of its own here
            }
            if (Files.isDirectory(directory)) {
                portions.add(directory);
            }
        }
        return portions;
    }
}
