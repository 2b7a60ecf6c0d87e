package io.migrabot.backup;

import io.migrabot.config.BackupPolicy;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.TargetDatabase;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Real pg_dump and pg_restore against a real PostgreSQL. */
class BackupServiceTest {
    @TempDir
    Path dir;
    private Postgres.Database db;
    private TargetDatabase database;
    private MutableClock clock;

    @BeforeEach
    void setUp() {
        db = Postgres.create("backup");
        database = TargetDatabase.of(Targets.config(db));
        database.withHandle("seeding", h -> {
            h.execute("CREATE TABLE users (id int PRIMARY KEY, name text)");
            h.execute("INSERT INTO users SELECT g, 'user ' || g FROM generate_series(1, 500) g");
            return null;
        });
        clock = new MutableClock(Instant.parse("2026-11-01T10:00:00Z"));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private TargetConfig target(Path backups, int keepLast, Duration maxAge, Path tools) {
        TargetConfig base = Targets.config(db);
        return new TargetConfig(base.name(), base.url(), base.user(), base.password(), base.environment(),
                base.migrations(), base.versionTable(), base.versionTableSchema(),
                new BackupPolicy(backups, Set.of("upgrade"), keepLast, maxAge, tools));
    }

    private long count(String table, String url) throws Exception {
        try (var c = java.sql.DriverManager.getConnection(url, db.user(), "");
             var rs = c.createStatement().executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void takesAVerifiedChecksummedBackupAndRestoresItIntoANewDatabase() throws Exception {
        TargetConfig target = target(dir.resolve("b"), 10, Duration.ofDays(30), null);
        BackupService service = new BackupService(clock);
        BackupRecord record = service.take(target, database, List.of("a1b2"), "on request");
        assertThat(record.id()).isEqualTo(db.name() + "-20261101-100000");
        assertThat(record.file()).exists().hasFileName(db.name() + "_20261101-100000_a1b2.dump");
        assertThat(record.sha256()).hasSize(64).isEqualTo(BackupService.sha256(record.file()));
        assertThat(record.verified()).isTrue();
        assertThat(record.size()).isEqualTo(Files.size(record.file()));
        assertThat(service.list(target)).extracting(BackupRecord::id).containsExactly(record.id());

        String copy = db.name() + "_copy";
        try {
            BackupService.Restored restored = service.restore(target, database, record.id(), copy);
            assertThat(restored.database()).isEqualTo(copy);
            assertThat(count("users", db.server().urlPrefix() + copy)).isEqualTo(500);
        } finally {
            new Postgres.Database(db.server(), copy).close();
        }
    }

    @Test
    void restoreIntoTheTargetBringsTheDataBack() throws Exception {
        TargetConfig target = target(dir.resolve("b"), 10, Duration.ofDays(30), null);
        BackupService service = new BackupService(clock);
        BackupRecord record = service.take(target, database, List.of(), "before upgrade");
        database.withHandle("damaging", h -> h.execute("DELETE FROM users WHERE id > 10"));
        service.restore(target, database, record.id(), null);
        assertThat(count("users", db.url())).isEqualTo(500);
    }

    @Test
    void aDamagedBackupIsRefusedAndNothingIsRestored() throws Exception {
        TargetConfig target = target(dir.resolve("b"), 10, Duration.ofDays(30), null);
        BackupService service = new BackupService(clock);
        BackupRecord record = service.take(target, database, List.of(), "x");
        Files.write(record.file(), new byte[]{1, 2, 3}, java.nio.file.StandardOpenOption.APPEND);
        database.withHandle("changing", h -> h.execute("DELETE FROM users WHERE id > 10"));
        assertThatThrownBy(() -> service.restore(target, database, record.id(), null))
                .hasMessageContaining("is damaged").hasMessageContaining("nothing was restored");
        assertThat(count("users", db.url())).isEqualTo(10);
    }

    @Test
    void retentionKeepsTheNewestAndDeletesOldOnesBeyondThem() {
        TargetConfig target = target(dir.resolve("b"), 2, Duration.ofDays(7), null);
        BackupService service = new BackupService(clock);
        for (int day = 0; day < 4; day++) {
            service.take(target, database, List.of(), "daily");
            clock.advance(Duration.ofDays(5));
        }
        assertThat(service.list(target)).extracting(BackupRecord::id).containsExactly(
                db.name() + "-20261116-100000", db.name() + "-20261111-100000");
    }

    @Test
    void twoBackupsInTheSameSecondGetDistinctIds() {
        TargetConfig target = target(dir.resolve("b"), 10, Duration.ofDays(30), null);
        BackupService service = new BackupService(clock);
        BackupRecord first = service.take(target, database, List.of(), "x");
        BackupRecord second = service.take(target, database, List.of(), "y");
        assertThat(second.id()).isEqualTo(first.id() + "-2");
        assertThat(second.file()).isNotEqualTo(first.file()).exists();
    }

    @Test
    void anUnwritableFolderStopsTheBackupBeforePgDump() throws Exception {
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");
        TargetConfig target = target(file.resolve("backups"), 1, Duration.ofDays(1), null);
        assertThatThrownBy(() -> new BackupService(clock).take(target, database, List.of(), "x"))
                .hasMessageContaining("is not writable").hasMessageContaining("backup.directory");
    }

    @Test
    void missingPgDumpIsExplained() throws Exception {
        Path empty = Files.createDirectory(dir.resolve("no-tools"));
        TargetConfig target = target(dir.resolve("b"), 1, Duration.ofDays(1), empty);
        assertThatThrownBy(() -> new BackupService(clock).take(target, database, List.of(), "x"))
                .hasMessageContaining("cannot run " + empty.resolve("pg_dump"))
                .hasMessageContaining("apt-get install postgresql-client");
    }

    @Test
    void pgDumpOlderThanTheServerIsRefusedWithWhatToInstall() throws Exception {
        Path tools = Files.createDirectory(dir.resolve("old-tools"));
        Path fake = Files.writeString(tools.resolve("pg_dump"), "#!/bin/sh\ncase \"$1\" in\n"
                + "--version) echo 'pg_dump (PostgreSQL) 9.6.24' ;;\n"
                + "*) echo 'pg_dump: error: aborting because of server version mismatch' >&2; exit 1 ;;\nesac\n");
        Files.setPosixFilePermissions(fake, PosixFilePermissions.fromString("rwxr-xr-x"));
        TargetConfig target = target(dir.resolve("b"), 1, Duration.ofDays(1), tools);
        assertThatThrownBy(() -> new BackupService(clock).take(target, database, List.of(), "x"))
                .hasMessageMatching("pg_dump 9 cannot dump target .*, a PostgreSQL \\d+ server; install "
                        + "postgresql-client-\\d+ or set backup.tools.*");
        assertThat(dir.resolve("b")).isEmptyDirectory();
    }

    @Test
    void aFailingDumpLeavesNothingBehind() {
        TargetConfig broken = target(dir.resolve("b"), 1, Duration.ofDays(1), null);
        TargetConfig wrongDb = new TargetConfig(broken.name(), broken.url() + "_gone", broken.user(), broken.password(),
                broken.environment(), broken.migrations(), broken.versionTable(), null, broken.backup());
        assertThatThrownBy(() -> new BackupService(clock).take(wrongDb, database, List.of(), "x"))
                .hasMessageContaining("pg_dump of target").hasMessageContaining("failed");
        assertThat(dir.resolve("b")).isEmptyDirectory();
    }

    /** A clock tests can move. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
