package io.migrabot.backup;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.TargetDatabase;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * Backups of SQLite targets. A backup is a consistent copy of the live file taken through SQLite's online backup
 * API (the application may go on reading and writing; the copy is one state of the database), then checked with
 * {@code PRAGMA integrity_check} on the copy while its checksum is computed. A restore into the target goes
 * through the same API the other way, as one write to the target that other connections see whole or not at all;
 * a restore into a new file copies the verified backup beside the target.
 */
final class SqliteCopies {
    /** A new file's name: no folder, nothing to quote. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");

    private static final int SQLITE_OK = 0;
    private static final int SQLITE_DONE = 101;

    private SqliteCopies() {
    }

    /** Copies the target into {@code partial}, verifies the copy, and returns its SHA-256. */
    static String copy(TargetConfig target, TargetDatabase database, Path partial) throws IOException {
        database.withHandle("copying the database for a backup", h -> {
            DB db = h.getConnection().unwrap(SQLiteConnection.class).getDatabase();
            // every page in one step, under one read lock: a consistent copy, never restarted by the application's
            // writes (which wait meanwhile, as for any reader); a busy source is retried for up to 5 s
            return succeeded(db.backup("main", partial.toAbsolutePath().toString(), null, 100, 50, -1), "backup");
        });
        CompletableFuture<List<String>> check = CompletableFuture.supplyAsync(() -> integrityCheck(partial));
        String sha256 = BackupService.sha256(partial);
        List<String> problems;
        try {
            problems = check.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (!problems.equals(List.of("ok"))) {
            throw new MigrabotException(ErrorCode.BACKUP, "the copy of target " + target.name() + " did not verify "
                    + "with PRAGMA integrity_check: " + String.join("; ", problems.subList(0,
                    Math.min(problems.size(), 5))));
        }
        return sha256;
    }

    /** What {@code PRAGMA integrity_check} says of a file, opened read-only: ["ok"] when it is sound. */
    private static List<String> integrityCheck(Path file) {
        List<String> rows = new ArrayList<>();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file + "?open_mode=1");
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("PRAGMA integrity_check")) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        } catch (SQLException e) {
            rows.add(String.valueOf(e.getMessage()));
        }
        return rows;
    }

    /**
     * Restores {@code record} into the target's file, or into a new file named {@code intoFile} beside it.
     *
     * @return the file restored into
     */
    static Path restore(TargetConfig target, TargetDatabase database, BackupRecord record, String intoFile) {
        if (intoFile == null) {
            database.withHandle("restoring backup " + record.id(), h -> {
                DB db = h.getConnection().unwrap(SQLiteConnection.class).getDatabase();
                return succeeded(db.restore("main", record.file().toAbsolutePath().toString(), null), "restore");
            });
            return database.file();
        }
        if (!FILE_NAME.matcher(intoFile).matches()) {
            throw new MigrabotException(ErrorCode.USAGE, "a new file's name uses letters, digits, '_', '.' and '-' "
                    + "(no folder: it is made beside the target's file), got '" + intoFile + "'");
        }
        Path into = database.file().toAbsolutePath().resolveSibling(intoFile);
        try {
            Files.copy(record.file(), into); // refuses an existing file
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new MigrabotException(ErrorCode.USAGE, into + " exists; restore into a new file, or into the "
                    + "target itself", e);
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.BACKUP, "cannot write " + into + ": " + e.getMessage(), e);
        }
        return into;
    }

    /** The backup API's result: done, or a failure with SQLite's code (busy, read-only...) for the caller to word. */
    private static int succeeded(int code, String what) throws SQLException {
        if (code != SQLITE_OK && code != SQLITE_DONE) {
            throw new SQLException("SQLite's " + what + " stopped with result code " + code, null, code);
        }
        return code;
    }
}
