package io.migrabot.script;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Alembic's {@code package:path} locations ({@code coerce_resource_to_filename}: {@code importlib.resources.files
 * (package) / path}), found without running Python: the package's directory is the one {@link ModuleResolver} finds,
 * as Python's path finder would.
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
        List<Path> directories = new ModuleResolver(roots).packageDirectories(tokens[0]);
        try {
            Path first = null;
            for (Path directory : directories) { // a namespace package's portions: the first that has the resource
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
}
