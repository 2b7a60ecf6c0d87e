package io.migrabot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Native SQL revision files for tests. */
public final class SqlRevisions {
    private SqlRevisions() {
    }

    /**
     * Writes {@code ID.sql} into {@code directory} (made if missing): revision {@code id} after {@code parent} (empty
     * for a base), whose up section is {@code up}.
     *
     * @return the directory
     */
    public static Path write(Path directory, String id, String parent, String up) {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + parent
                    + "\n-- migrate:up\n" + up + "\n");
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
