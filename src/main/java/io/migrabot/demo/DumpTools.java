package io.migrabot.demo;

import io.migrabot.MigrabotException;
import io.migrabot.backup.PgTools;

import java.io.File;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the demo finds a {@code pg_dump} and {@code pg_restore} for its production target's backups: the folder
 * {@value #VARIABLE} names when it is set (and only there), else each folder of the PATH, then Debian's
 * {@code /usr/lib/postgresql/N/bin}, newest first. zonky's embedded server brings no client programs of its own.
 */
final class DumpTools {
    /** The environment variable naming the one folder to look in. */
    static final String VARIABLE = "MIGRABOT_DEMO_PG_TOOLS";
    private static final Path DEBIAN = Path.of("/usr/lib/postgresql");

    /**
     * A folder with both programs, and pg_dump's major version.
     *
     * @param folder where pg_dump and pg_restore are
     * @param major  pg_dump's major version: it dumps servers of this version and older
     */
    record Found(Path folder, int major) {
    }

    private DumpTools() {
    }

    /**
     * The first folder, in the order of preference, with both programs and a pg_dump that can dump a server of
     * major version {@code server}; each folder's pg_dump is run ({@code --version}) only until one fits.
     */
    static Optional<Found> find(Map<String, String> environment, int server) {
        for (Path folder : folders(environment)) {
            if (Files.isExecutable(folder.resolve("pg_dump")) && Files.isExecutable(folder.resolve("pg_restore"))) {
                try {
                    int major = new PgTools(folder).majorVersion("pg_dump");
                    if (major >= server) {
                        return Optional.of(new Found(folder, major));
                    }
                } catch (MigrabotException broken) {
                    // a pg_dump that does not run is no candidate; the next folder may have one that does
                }
            }
        }
        return Optional.empty();
    }

    /** Where {@link #find} looks, for a person. */
    static String where(Map<String, String> environment) {
        String only = environment.get(VARIABLE);
        return only != null ? VARIABLE + "=" + only : "PATH, " + DEBIAN + "/*/bin";
    }

    private static List<Path> folders(Map<String, String> environment) {
        String only = environment.get(VARIABLE);
        if (only != null) {
            return List.of(Path.of(only));
        }
        List<Path> folders = new ArrayList<>();
        for (String entry : environment.getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!entry.isEmpty()) {
                folders.add(Path.of(entry));
            }
        }
        try (DirectoryStream<Path> versions = Files.newDirectoryStream(DEBIAN)) {
            List<Path> installed = new ArrayList<>();
            versions.forEach(version -> installed.add(version.resolve("bin")));
            installed.sort(Comparator.comparing((Path bin) -> major(bin.getParent())).reversed());
            folders.addAll(installed);
        } catch (IOException none) {
            // not Debian, or no PostgreSQL installed its way
        }
        return folders;
    }

    private static int major(Path version) {
        String name = version.getFileName().toString();
        return name.matches("\\d{1,4}") ? Integer.parseInt(name) : -1;
    }
}
