package io.migrabot.backup;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.TargetConfig;
import io.migrabot.config.TargetKind;
import io.migrabot.database.TargetDatabase;
import io.migrabot.runner.Subprocess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Takes, lists and restores a target's backups. A backup is {@code pg_dump -Fc} into the target's backup folder,
 * checksummed (SHA-256), verified with {@code pg_restore --list}, and only then given its final name and record;
 * a failed or unverifiable dump leaves nothing behind. Restore checks the checksum first and runs in a single
 * transaction, so a failed restore changes nothing.
 */
public final class BackupService {
    private static final Logger log = LoggerFactory.getLogger(BackupService.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);
    private static final Pattern DATABASE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");
    private static final Duration TOOL_TIMEOUT = Duration.ofHours(6);

    private final Clock clock;

    public BackupService(Clock clock) {
        this.clock = clock;
    }

    /** A restore's outcome: which backup went into which database, and how long it took. */
    public record Restored(BackupRecord backup, String database, Duration duration) {
    }

    /** Takes a backup of {@code target}; callers hold the target's lock, as every operation that takes one does. */
    public BackupRecord take(TargetConfig target, TargetDatabase database, List<String> heads, String reason) {
        Path directory = writableDirectory(target);
        removeUnfinished(target, directory);
        String extension = BackupStore.extension(database.kind());
        Instant created = clock.instant();
        String revisions = heads.isEmpty() ? "base" : String.join("+", heads).replaceAll("[^A-Za-z0-9_+.-]", "_");
        String stamp = STAMP.format(created);
        String id = target.name() + "-" + stamp;
        Path file = directory.resolve(target.name() + "_" + stamp + "_" + revisions + extension);
        for (int n = 2; Files.exists(file) || Files.exists(file.resolveSibling(file.getFileName() + ".partial")); n++) {
            id = target.name() + "-" + stamp + "-" + n; // a second backup within the same second
            file = directory.resolve(target.name() + "_" + stamp + "-" + n + "_" + revisions + extension);
        }
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        long started = System.nanoTime();
        try {
            String sha256 = switch (database.kind()) {
                case POSTGRESQL -> dump(target, database, partial);
                case SQLITE -> SqliteCopies.copy(target, database, partial);
            };
            long size = Files.size(partial);
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE);
            BackupRecord record = new BackupRecord(id, target.name(), created, heads, file, size, sha256,
                    Duration.ofNanos(System.nanoTime() - started), true, reason);
            BackupStore.write(record);
            log.info("backup {} of {}: {} bytes in {} ms, verified", id, target.name(), size,
                    record.duration().toMillis());
            prune(target);
            return record;
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.BACKUP, "backup of target " + target.name() + " failed: "
                    + e.getMessage(), e);
        } finally {
            try {
                Files.deleteIfExists(partial);
            } catch (IOException ignored) {
                // best effort: a leftover .partial file is never listed as a backup
            }
        }
    }

    /** {@code pg_dump -Fc} into {@code partial}, verified with {@code pg_restore --list}; returns its SHA-256. */
    private static String dump(TargetConfig target, TargetDatabase database, Path partial) throws IOException {
        PgTools tools = new PgTools(target.backup().tools());
        PgConnection connection = PgConnection.of(target);
        List<String> dump = new ArrayList<>(List.of(tools.program("pg_dump"), "--format=custom", "--file",
                partial.toString()));
        dump.addAll(connection.arguments());
        dump.add(connection.database());
        Subprocess.Result result = tools.run(dump, connection.environment(), TOOL_TIMEOUT, "pg_dump");
        if (result.exitCode() != 0) {
            checkVersions(target, database, tools);
            throw new MigrabotException(ErrorCode.BACKUP, "pg_dump of target " + target.name() + " failed (status "
                    + result.exitCode() + "): " + result.stderrText());
        }
        // verify with pg_restore --list on one core while the checksum is computed on the other
        Path dumped = partial;
        java.util.concurrent.CompletableFuture<Subprocess.Result> listing = java.util.concurrent.CompletableFuture
                .supplyAsync(() -> tools.run(List.of(tools.program("pg_restore"), "--list", dumped.toString()),
                        java.util.Map.of(), TOOL_TIMEOUT, "pg_restore"));
        String sha256 = sha256(partial);
        Subprocess.Result list;
        try {
            list = listing.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (list.exitCode() != 0 || list.stdout().isEmpty()) {
            throw new MigrabotException(ErrorCode.BACKUP, "the dump of target " + target.name() + " did not "
                    + "verify with pg_restore --list: " + list.stderrText());
        }
        return sha256;
    }

    public List<BackupRecord> list(TargetConfig target) {
        return BackupStore.list(target.backup().directory(), target.name());
    }

    /**
     * Restores backup {@code id} into the target's own database, or, with {@code intoDatabase}, into a new
     * database created for it on the same server.
     */
    /** The backup of {@code target} with this id. */
    public BackupRecord find(TargetConfig target, String id) {
        return list(target).stream().filter(r -> r.id().equals(id)).findFirst()
                .orElseThrow(() -> new MigrabotException(ErrorCode.BACKUP, "no backup '" + id + "' of target "
                        + target.name() + "; list them with backups"));
    }

    public Restored restore(TargetConfig target, TargetDatabase database, String id, String intoDatabase) {
        BackupRecord record = find(target, id);
        String actual;
        try {
            actual = sha256(record.file());
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.BACKUP, "cannot read backup file " + record.file() + ": "
                    + e.getMessage(), e);
        }
        if (!actual.equals(record.sha256())) {
            throw new MigrabotException(ErrorCode.BACKUP, "backup " + id + " is damaged: its checksum is " + actual
                    + " but was " + record.sha256() + " when it was taken; nothing was restored");
        }
        if (database.kind() == TargetKind.SQLITE) {
            long started = System.nanoTime();
            Path into = SqliteCopies.restore(target, database, record, intoDatabase);
            return new Restored(record, into.toString(), Duration.ofNanos(System.nanoTime() - started));
        }
        PgConnection connection = PgConnection.of(target);
        String into = connection.database();
        if (intoDatabase != null) {
            if (!DATABASE_NAME.matcher(intoDatabase).matches()) {
                throw new MigrabotException(ErrorCode.USAGE, "a new database name uses letters, digits and _ "
                        + "(at most 63), got '" + intoDatabase + "'");
            }
            database.withHandle("creating database " + intoDatabase, h -> h.execute("CREATE DATABASE \""
                    + intoDatabase + "\""));
            into = intoDatabase;
        }
        PgTools tools = new PgTools(target.backup().tools());
        List<String> command = new ArrayList<>(List.of(tools.program("pg_restore"), "--single-transaction",
                "--no-owner", "--no-privileges", "--exit-on-error"));
        if (intoDatabase == null) {
            command.addAll(List.of("--clean", "--if-exists"));
        }
        command.addAll(connection.arguments());
        command.addAll(List.of("--dbname", into, record.file().toString()));
        long started = System.nanoTime();
        Subprocess.Result result = tools.run(command, connection.environment(), TOOL_TIMEOUT, "pg_restore");
        if (result.exitCode() != 0) {
            throw new MigrabotException(ErrorCode.BACKUP, "restore of " + id + " into " + into + " failed and was "
                    + "rolled back (status " + result.exitCode() + "): " + result.stderrText());
        }
        return new Restored(record, into, Duration.ofNanos(System.nanoTime() - started));
    }

    private static Path writableDirectory(TargetConfig target) {
        Path directory = target.backup().directory();
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".probe", ".tmp");
            Files.delete(probe);
            return directory;
        } catch (IOException | SecurityException e) {
            throw new MigrabotException(ErrorCode.BACKUP, "the backup folder " + directory + " of target "
                    + target.name() + " is not writable (" + e.getMessage() + "); fix its permissions or set "
                    + "backup.directory", e);
        }
    }

    /**
     * pg_dump refuses servers newer than itself: when a dump has failed, say so with what to install. Checked after
     * a failure rather than before every dump, which cost each backup a query and a run of pg_dump --version.
     */
    private static void checkVersions(TargetConfig target, TargetDatabase database, PgTools tools) {
        int server = database.withHandle("reading the server version", h -> h.createQuery(
                "SELECT current_setting('server_version_num')::int / 10000").mapTo(Integer.class).one());
        int dump = tools.majorVersion("pg_dump");
        if (dump < server) {
            throw new MigrabotException(ErrorCode.BACKUP, "pg_dump " + dump + " cannot dump target " + target.name()
                    + ", a PostgreSQL " + server + " server; install postgresql-client-" + server + " or set "
                    + "backup.tools to a folder with pg_dump " + server + " or newer");
        }
    }

    /**
     * Deletes the target's {@code .partial} files: with the target's lock held, no backup of it is being written,
     * so they are what a process stopped in the middle of one left (an OOM kill, a deploy), which would otherwise
     * fill the disk over months. Other targets' files in a shared folder are left alone.
     */
    private static void removeUnfinished(TargetConfig target, Path directory) {
        Pattern own = Pattern.compile(Pattern.quote(target.name()) + "_\\d{8}-\\d{6}(-\\d+)?_.*\\.partial");
        try (var files = Files.list(directory)) {
            for (Path file : files.filter(f -> own.matcher(f.getFileName().toString()).matches()).toList()) {
                Files.deleteIfExists(file);
                log.warn("deleted {}, left by a backup of {} that did not finish (its process was stopped)", file,
                        target.name());
            }
        } catch (IOException e) {
            log.warn("cannot look for unfinished backups of {} in {}: {}", target.name(), directory, e.getMessage());
        }
    }

    /** Deletes backups beyond the newest {@code keep_last} that are older than {@code max_age}. */
    private void prune(TargetConfig target) {
        List<BackupRecord> records = list(target);
        Instant cutoff = clock.instant().minus(target.backup().maxAge());
        for (BackupRecord r : records.subList(Math.min(records.size(), target.backup().keepLast()), records.size())) {
            if (r.created().isBefore(cutoff)) {
                try {
                    BackupStore.delete(r);
                    log.info("deleted backup {} of {} (retention)", r.id(), target.name());
                } catch (IOException e) {
                    log.warn("cannot delete old backup {}: {}", r.file(), e.getMessage());
                }
            }
        }
    }

    static String sha256(Path file) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n = in.read(buffer); n > 0; n = in.read(buffer)) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
