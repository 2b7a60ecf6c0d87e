package io.migrabot.backup;

import io.migrabot.MigrabotException;
import io.migrabot.config.BackupPolicy;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.TargetDatabase;
import io.migrabot.operation.Restore;
import io.migrabot.operation.Target;
import io.migrabot.testing.Sqlite;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Backups of SQLite targets on real files: a verified online copy (integrity_check, SHA-256, size) that has the
 * data, restores into the target (after a safety backup) and into a new file with the data compared, retention,
 * and a damaged backup refused.
 */
class SqliteBackupTest {
    @TempDir
    Path dir;
    private Path file;
    private BackupServiceTest.MutableClock clock;
    private static final String USERS = "SELECT id || ':' || name FROM users ORDER BY id";

    @BeforeEach
    void setUp() {
        file = Sqlite.create(dir.resolve("data/bot_database.db"),
                "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL)",
                "CREATE INDEX users_name ON users (name)",
                "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 2000) "
                        + "INSERT INTO users SELECT x, 'user ' || x FROM n");
        clock = new BackupServiceTest.MutableClock(Instant.parse("2026-12-03T10:00:00Z"));
    }

    private TargetConfig target(int keepLast, Duration maxAge, Set<String> before) {
        TargetConfig base = Targets.config("bot", Sqlite.url(file), "", "");
        return Targets.withBackup(base, new BackupPolicy(dir.resolve("backups"), before, keepLast, maxAge, null));
    }

    /** A target whose connections wait {@code ms} for another process's lock ({@code ?busy_timeout=}). */
    private TargetConfig waitingForWriters(int ms) {
        TargetConfig base = target(10, Duration.ofDays(30), Set.of());
        return Targets.withUrl(base, Sqlite.url(file) + "?busy_timeout=" + ms);
    }

    private static void execute(Path db, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(Sqlite.url(db)); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void takesAVerifiedCopyWithTheDataAndRestoresItIntoTheTargetAfterASafetyBackup() throws Exception {
        TargetConfig config = target(10, Duration.ofDays(30), Set.of("restore"));
        BackupService backups = new BackupService(clock);
        List<String> before = Sqlite.column(file, USERS);
        BackupRecord record = backups.take(config, TargetDatabase.of(config), List.of("r2"), "on request by test");

        assertThat(record.verified()).isTrue();
        assertThat(record.file().getFileName().toString()).isEqualTo("bot_20261203-100000_r2.sqlite");
        assertThat(record.size()).isEqualTo(Files.size(record.file()));
        assertThat(record.sha256()).isEqualTo(BackupService.sha256(record.file()));
        assertThat(Sqlite.column(record.file(), USERS)).isEqualTo(before);
        assertThat(Sqlite.column(record.file(), "PRAGMA integrity_check")).containsExactly("ok");
        assertThat(Sqlite.column(record.file(), "SELECT name FROM sqlite_schema WHERE type = 'index'"))
                .containsExactly("users_name");

        execute(file, "DELETE FROM users WHERE id > 10");
        execute(file, "CREATE TABLE scratch (x integer)");
        clock.advance(Duration.ofMinutes(1));
        Restore.Result result = new Restore(Target.open(config), backups).run(record.id(), null, "alice");

        assertThat(result.restored().database()).isEqualTo(file.toString());
        assertThat(Sqlite.column(file, USERS)).isEqualTo(before);
        assertThat(Sqlite.tables(file)).containsExactly("users");
        BackupRecord safety = result.safety().orElseThrow();
        assertThat(Sqlite.column(safety.file(), "SELECT count(*) FROM users")).containsExactly("10");
        assertThat(Sqlite.tables(safety.file())).containsExactly("scratch", "users");
    }

    @Test
    void copiesWhatAWalTargetStillHoldsInItsWalAndRestoresIntoIt() throws Exception {
        execute(file, "PRAGMA journal_mode = WAL");
        try (Connection app = DriverManager.getConnection(Sqlite.url(file)); Statement s = app.createStatement()) {
            s.execute("PRAGMA wal_autocheckpoint = 0");
            s.execute("INSERT INTO users VALUES (2001, 'only in the wal')");
            assertThat(Files.size(file.resolveSibling("bot_database.db-wal"))).isPositive();
            TargetConfig config = target(10, Duration.ofDays(30), Set.of());

            BackupRecord record = new BackupService(clock).take(config, TargetDatabase.of(config), List.of(), "wal");

            assertThat(Sqlite.rows(record.file(), "SELECT name FROM users WHERE id = 2001"))
                    .containsExactly("only in the wal");
            assertThat(Sqlite.column(record.file(), "PRAGMA integrity_check")).containsExactly("ok");

            s.execute("DELETE FROM users");
            new BackupService(clock).restore(config, TargetDatabase.of(config), record.id(), null);
            assertThat(Sqlite.rows(file, "SELECT count(*) FROM users")).containsExactly("2001");
            assertThat(Sqlite.rows(file, "PRAGMA journal_mode")).as("the target stays in WAL mode")
                    .containsExactly("wal");
        }
    }

    @Test
    @Timeout(60)
    void aWriterHoldingTheFileLongerThanItsBusyTimeoutStopsTheBackupWithSayingSo() throws Exception {
        TargetConfig config = waitingForWriters(300);
        BackupService backups = new BackupService(clock);
        try (Connection app = DriverManager.getConnection(Sqlite.url(file)); Statement s = app.createStatement()) {
            s.execute("BEGIN EXCLUSIVE");

            assertThatThrownBy(() -> backups.take(config, TargetDatabase.of(config), List.of(), "locked"))
                    .hasMessageContaining("busy: another process (the application?) held " + file
                            + " locked for longer than its busy_timeout while copying the database for a backup");
            s.execute("ROLLBACK");
        }
        assertThat(backups.list(config)).isEmpty();
        try (var files = Files.list(dir.resolve("backups"))) {
            assertThat(files).as("no partial copy is left").isEmpty();
        }
    }

    @Test
    @Timeout(60)
    void aRestoreIntoATargetAWriterHoldsStopsWithSayingSoAndChangesNothing() throws Exception {
        TargetConfig config = waitingForWriters(300);
        BackupService backups = new BackupService(clock);
        BackupRecord record = backups.take(config, TargetDatabase.of(config), List.of(), "before");
        try (Connection app = DriverManager.getConnection(Sqlite.url(file)); Statement s = app.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("DELETE FROM users WHERE id > 10");

            assertThatThrownBy(() -> backups.restore(config, TargetDatabase.of(config), record.id(), null))
                    .hasMessageContaining("busy: another process (the application?) held " + file
                            + " locked for longer than its busy_timeout while restoring backup " + record.id());
            s.execute("COMMIT");
        }
        assertThat(Sqlite.rows(file, "SELECT count(*) FROM users")).containsExactly("10");
    }

    @Test
    void aBackupItsDiskHasNoRoomForIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path small = Files.createDirectories(dir.resolve("small"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", small.toString())
                .redirectErrorStream(true).start();
        assumeTrue(mount.waitFor() == 0, "mounting a small disk needs root: " + new String(
                mount.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
        try {
            TargetConfig base = target(10, Duration.ofDays(30), Set.of());
            TargetConfig config = Targets.withBackup(base, new BackupPolicy(small, Set.of(), 10, Duration.ofDays(30),
                    null));
            BackupService backups = new BackupService(clock);

            assertThatThrownBy(() -> backups.take(config, TargetDatabase.of(config), List.of(), "full"))
                    .hasMessageContaining("not enough space for a backup of target bot: its copy needs ")
                    .hasMessageContaining(small + " has ").hasMessageEndingWith("Nothing was copied");
            try (var files = Files.list(small)) {
                assertThat(files).isEmpty();
            }
        } finally {
            new ProcessBuilder("umount", small.toString()).start().waitFor();
        }
    }

    @Test
    void restoresIntoATargetWhosePathHasSpacesQuotesHashesAndPercentSigns() throws Exception {
        file = Sqlite.create(dir.resolve("bot's \"data\" #1 100% ü/bot.db"), "CREATE TABLE users (id integer)",
                "INSERT INTO users VALUES (1), (2)");
        TargetConfig config = target(10, Duration.ofDays(30), Set.of());
        BackupService backups = new BackupService(clock);
        BackupRecord record = backups.take(config, TargetDatabase.of(config), List.of(), "odd path");
        execute(file, "DELETE FROM users");

        backups.restore(config, TargetDatabase.of(config), record.id(), null);

        assertThat(Sqlite.rows(file, "SELECT count(*) FROM users")).containsExactly("2");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).as("no file made under another name")
                    .allMatch(name -> name.startsWith("bot.db"));
        }
    }

    @Test
    void theTargetsUriNeverCreatesAFile() throws Exception {
        Path gone = dir.resolve("gone 100%/bot.db");
        Files.createDirectories(gone.getParent());
        String uri = SqliteCopies.existingFileUri(gone);
        assertThat(uri).endsWith("/gone%20100%25/bot.db?mode=rw");
        assertThatThrownBy(() -> DriverManager.getConnection("jdbc:sqlite:" + uri).close())
                .hasMessageContaining("unable to open");
        assertThat(gone).doesNotExist();
    }

    @Test
    void restoresIntoANewFileBesideTheTargetAndNeverOverAnExistingOne() throws Exception {
        TargetConfig config = target(10, Duration.ofDays(30), Set.of());
        BackupService backups = new BackupService(clock);
        BackupRecord record = backups.take(config, TargetDatabase.of(config), List.of(), "test");
        execute(file, "DELETE FROM users");

        BackupService.Restored restored = backups.restore(config, TargetDatabase.of(config), record.id(),
                "bot_database.restored.db");
        Path copy = file.resolveSibling("bot_database.restored.db");
        assertThat(restored.database()).isEqualTo(copy.toString());
        assertThat(Sqlite.rows(copy, "SELECT count(*) FROM users")).containsExactly("2000");
        assertThat(Sqlite.rows(file, "SELECT count(*) FROM users")).containsExactly("0");

        assertThatThrownBy(() -> backups.restore(config, TargetDatabase.of(config), record.id(),
                "bot_database.restored.db")).hasMessageContaining("exists; restore into a new file");
        assertThatThrownBy(() -> backups.restore(config, TargetDatabase.of(config), record.id(), "../elsewhere.db"))
                .hasMessageContaining("no folder: it is made beside the target's file");
    }

    @Test
    void keepsTheNewestBackupsAndDeletesOlderOnesBeyondThem() throws Exception {
        TargetConfig config = target(2, Duration.ofHours(1), Set.of());
        BackupService backups = new BackupService(clock);
        for (int i = 0; i < 4; i++) {
            backups.take(config, TargetDatabase.of(config), List.of(), "test " + i);
            clock.advance(Duration.ofHours(2));
        }
        assertThat(backups.list(config)).extracting(BackupRecord::reason).containsExactly("test 3", "test 2");
        try (var files = Files.list(dir.resolve("backups"))) {
            assertThat(files.map(f -> f.getFileName().toString())).as("two copies and their records")
                    .hasSize(4).allMatch(name -> name.endsWith(".sqlite") || name.endsWith(".sqlite.json"));
        }
    }

    @Test
    void aCopyLeftByAStoppedProcessIsDeletedByTheNextBackupAndOtherTargetsFilesAreLeft() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("backups"));
        Path stale = Files.writeString(folder.resolve("bot_20261201-090000_base.sqlite.partial"), "half a copy");
        Path staleSecond = Files.writeString(folder.resolve("bot_20261201-090000-2_r1.sqlite.partial"), "half");
        Path otherTargets = Files.writeString(folder.resolve("bot_eu_20261201-090000_base.sqlite.partial"), "x");
        Path notABackup = Files.writeString(folder.resolve("bot_notes.partial"), "x");
        TargetConfig config = target(10, Duration.ofDays(30), Set.of());

        new BackupService(clock).take(config, TargetDatabase.of(config), List.of(), "after a stop");

        assertThat(stale).doesNotExist();
        assertThat(staleSecond).doesNotExist();
        assertThat(otherTargets).exists();
        assertThat(notABackup).exists();
    }

    @Test
    void aDamagedBackupIsRefusedAndTheTargetKeepsItsData() throws Exception {
        TargetConfig config = target(10, Duration.ofDays(30), Set.of());
        BackupService backups = new BackupService(clock);
        BackupRecord record = backups.take(config, TargetDatabase.of(config), List.of(), "test");
        byte[] bytes = Files.readAllBytes(record.file());
        bytes[bytes.length / 2] ^= 0x55;
        Files.write(record.file(), bytes);

        assertThatThrownBy(() -> backups.restore(config, TargetDatabase.of(config), record.id(), null))
                .isInstanceOf(MigrabotException.class).hasMessageContaining("is damaged: its checksum is");
        assertThat(Sqlite.rows(file, "SELECT count(*) FROM users")).containsExactly("2000");
    }
}
