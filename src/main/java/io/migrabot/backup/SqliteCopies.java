package io.migrabot.backup;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.Units;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.TargetDatabase;
import org.sqlite.SQLiteConnection;
import org.sqlite.core.DB;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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

    /** How often a copy tries again to read a file another process holds locked. */
    private static final int RETRY_MS = 100;
    private static final int SQLITE_OK = 0;
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_DONE = 101;

    private SqliteCopies() {
    }

    /**
     * Copies the target into {@code partial}, verifies the copy, and returns its SHA-256. The copy is written
     * without a journal or syncs (a half-written {@code partial} is never recorded) and made durable with one
     * {@code fsync}, which runs beside the check and the checksum instead of before them.
     */
    static String copy(TargetConfig target, TargetDatabase database, Path partial) throws IOException {
        String source = database.file().toAbsolutePath().toString();
        database.withHandle("copying the database for a backup", h -> {
            // The target's own connection proves the file is there, says how long to wait for a writer holding it
            // (its busy_timeout), and gives the size to copy (reading it takes a read lock, so a writer holding the
            // file past that wait is reported here). The copy reads the file through a read-only connection of the
            // backup API's own.
            int waitMs = h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one();
            long pages = h.createQuery("PRAGMA page_count").mapTo(Long.class).one();
            requireSpace(target, partial, pages * h.createQuery("PRAGMA page_size").mapTo(Long.class).one());
            int code;
            long copied;
            try (Connection copy = DriverManager.getConnection("jdbc:sqlite:" + partial.toAbsolutePath());
                 Statement s = copy.createStatement()) {
                s.execute("PRAGMA journal_mode = OFF");
                s.execute("PRAGMA synchronous = OFF");
                DB db = copy.unwrap(SQLiteConnection.class).getDatabase();
                // every page in one step, under one read lock: a consistent copy, never restarted by the
                // application's writes (which wait meanwhile, as for any reader); a busy source is retried every
                // RETRY_MS for the target's busy_timeout. The result is the source's; the copy's own failures
                // (a full disk) show when it is read.
                code = db.restore("main", source, null, RETRY_MS, Math.max(1, waitMs / RETRY_MS), -1);
                copied = count(s, "PRAGMA page_count");
            } catch (SQLException e) {
                throw new MigrabotException(ErrorCode.BACKUP, "cannot write the copy of target " + target.name()
                        + " to " + partial + ": " + e.getMessage() + " (" + free(partial) + "); the target was only "
                        + "read", e);
            }
            succeeded(code, "backup");
            // A source the API never could read is reported as a success with nothing copied: one step copies all
            // or nothing, and a database never shrinks to no pages.
            if (copied == 0 && pages > 0) {
                throw new SQLException("the file stayed locked", null, SQLITE_BUSY);
            }
            return null;
        });
        CompletableFuture<List<String>> check = CompletableFuture.supplyAsync(() -> integrityCheck(partial));
        CompletableFuture<Void> durable = CompletableFuture.runAsync(() -> sync(partial));
        String sha256 = BackupService.sha256(partial);
        List<String> problems;
        try {
            problems = check.join();
            durable.join();
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

    /** Writes the copy to the disk, as the commit of a synchronous SQLite connection would have. */
    private static void sync(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.force(true);
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.BACKUP, "cannot write the backup " + file + " to the disk: "
                    + e.getMessage(), e);
        }
    }

    /**
     * The file as a SQLite URI that opens it read-write and never creates it ({@code mode=rw}): the backup API opens
     * a restore's target by name, and a plain name would make a new file if the target vanished meanwhile.
     */
    static String existingFileUri(Path file) {
        StringBuilder uri = new StringBuilder("file:");
        for (byte b : file.toAbsolutePath().toString().getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (Character.isLetterOrDigit(c) || "/-._~".indexOf(c) >= 0)) {
                uri.append(c);
            } else {
                uri.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return uri.append("?mode=rw").toString();
    }

    /** Refuses a copy its folder's disk has no room for, before anything is written. */
    private static void requireSpace(TargetConfig target, Path partial, long bytes) throws IOException {
        long usable = Files.getFileStore(partial.toAbsolutePath().getParent()).getUsableSpace();
        if (usable < bytes) {
            throw new MigrabotException(ErrorCode.BACKUP, "not enough space for a backup of target " + target.name()
                    + ": its copy needs " + Units.size(bytes) + " and " + partial.toAbsolutePath().getParent()
                    + " has " + Units.size(usable) + " free; free some space or set backup.directory to a larger "
                    + "disk. Nothing was copied");
        }
    }

    private static String free(Path partial) {
        try {
            return Units.size(Files.getFileStore(partial.toAbsolutePath().getParent()).getUsableSpace())
                    + " free there";
        } catch (IOException e) {
            return "its free space unknown: " + e.getMessage();
        }
    }

    private static long count(Statement s, String query) throws SQLException {
        try (ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
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
            String into = existingFileUri(database.file());
            database.withHandle("restoring backup " + record.id(), h -> {
                // From the backup's side, so that a target another process holds is reported (the API names the
                // file it could not write; restoring from the target's side reports such a failure as a success).
                // All pages in one step: the target changes whole or not at all, retried for its busy_timeout.
                int waitMs = h.createQuery("PRAGMA busy_timeout").mapTo(Integer.class).one();
                try (Connection backup = DriverManager.getConnection("jdbc:sqlite:" + record.file().toAbsolutePath()
                        + "?open_mode=1")) {
                    DB db = backup.unwrap(SQLiteConnection.class).getDatabase();
                    return succeeded(db.backup("main", into, null, RETRY_MS, Math.max(1, waitMs / RETRY_MS), -1),
                            "restore");
                }
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
