package io.migrabot.shadow;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.DatabaseConnection;
import io.migrabot.config.Secret;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.TargetDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Shadow databases of SQLite targets: empty temporary files ({@code migrabot-shadow-*.db} in the system's temporary
 * folder; SQLite takes an empty file for an empty database), deleted with their journal (or WAL files) afterwards. They are made
 * with the SQLite library migrabot carries, not the application's, which is what {@link #serverVersion} names.
 */
public final class SqliteShadows implements Shadows {

    @Override
    public Shadow create(TargetConfig target) {
        Path file;
        try {
            file = Files.createTempFile("migrabot-shadow-", ".db");
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.SHADOW, "target " + target.name() + ": the expected schema is built "
                    + "in a temporary database file, which cannot be made (" + e.getMessage() + "); check that "
                    + "java.io.tmpdir (" + System.getProperty("java.io.tmpdir") + ") is writable", e);
        }
        DatabaseConnection shadow = new DatabaseConnection(target.name(), "jdbc:sqlite:" + file, "", new Secret(""));
        return new Shadow(file.getFileName().toString(), TargetDatabase.of(shadow), () -> delete(file));
    }

    private static void delete(Path file) {
        try {
            // a migration may switch the shadow to WAL mode (PRAGMA journal_mode = WAL), which leaves -wal and -shm
            for (String suffix : new String[] {"-journal", "-wal", "-shm"}) {
                Files.deleteIfExists(file.resolveSibling(file.getFileName() + suffix));
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.SHADOW, "the shadow database " + file + " could not be deleted ("
                    + e.getMessage() + "); delete it by hand", e);
        }
    }

    /** SQLite's version as a number ({@code 3054001} for 3.54.1): its parser and pragmas shape what is read. */
    @Override
    public int serverVersion(TargetConfig target) {
        String[] parts = org.sqlite.SQLiteJDBCLoader.getVersion().split("\\.");
        int version = 0;
        for (int i = 0; i < 3; i++) {
            version = version * 1000 + (i < parts.length ? Integer.parseInt(parts[i].replaceAll("\\D.*", "")) : 0);
        }
        return version;
    }
}
