package io.migrabot.operation;

import io.migrabot.backup.BackupService;
import io.migrabot.config.ExecutionLimits;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.Blocker;
import io.migrabot.database.LockWatch;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A migration on a busy database, for both source kinds: another session holds a lock on the table r2 alters. The
 * run waits at most lock_timeout per try, retries, names the blocker; cancelling the blocker's query lets it
 * through; without that it ends with a clear message, r1 recorded and the target's lock released.
 */
class BusyDatabaseTest {
    enum Kind { NATIVE, ALEMBIC }

    @TempDir
    Path dir;
    private Postgres.Database db;
    private AlembicProject project;
    private final BackupService backups = new BackupService(Clock.systemUTC());
    private final List<List<Blocker>> blocked = new CopyOnWriteArrayList<>();
    private final List<String> retries = new CopyOnWriteArrayList<>();

    @AfterEach
    void drop() {
        db.close();
    }

    private Target start(Kind kind, Duration lockTimeout, int lockRetries) throws Exception {
        db = Postgres.create("busy");
        String r1 = "CREATE TABLE items (id int)";
        String r2 = "ALTER TABLE items ADD COLUMN price int";
        TargetConfig base;
        if (kind == Kind.NATIVE) {
            Path sql = Files.createDirectories(dir.resolve("sql"));
            Files.writeString(sql.resolve("r1.sql"), "-- revision: r1\n-- down_revision:\n-- migrate:up\n" + r1
                    + ";\n");
            Files.writeString(sql.resolve("r2.sql"), "-- revision: r2\n-- down_revision: r1\n-- migrate:up\n" + r2
                    + ";\n");
            TargetConfig plain = Targets.config(db);
            base = new TargetConfig(plain.name(), plain.url(), plain.user(), plain.password(), plain.environment(),
                    new MigrationsSource.Sql(sql), "alembic_version", null, plain.backup());
        } else {
            project = AlembicProject.createOnline(dir.resolve("alembic"));
            project.revision("r1", List.of(), "op.execute(\"" + r1 + "\")", "pass");
            project.revision("r2", List.of("r1"), "op.execute(\"" + r2 + "\")", "pass");
            base = Targets.alembic(db, project);
        }
        TargetConfig config = new TargetConfig(base.name(), base.url(), base.user(), base.password(),
                base.environment(), base.migrations(), base.versionTable(), base.versionTableSchema(), base.backup(),
                base.shadow(), base.drift(), new ExecutionLimits(lockTimeout, Duration.ZERO, lockRetries,
                Duration.ofMillis(100)));
        Target target = Target.open(config);
        new Upgrade(target, backups).run("r1", "alice", Progress.Listener.NONE, new Cancellation());
        return target;
    }

    private final Progress.Listener listener = new Progress.Listener() {
        @Override
        public void on(Progress progress) {
        }

        @Override
        public void blocked(List<Blocker> blockers) {
            blocked.add(blockers);
        }

        @Override
        public void retrying(int attempt, int of, Duration wait, String why) {
            retries.add(attempt + " of " + of + ": " + why);
        }
    };

    private Connection holder() throws SQLException {
        Connection holder = db.connect();
        try (Statement s = holder.createStatement()) {
            s.execute("SET application_name = 'report <b>job</b>'");
        }
        return holder;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLockHeldTooLongEndsTheRunClearlyWithR1RecordedAndTheTargetFree(Kind kind) throws Exception {
        Target target = start(kind, Duration.ofMillis(300), 2);
        try (Connection holder = holder(); Statement s = holder.createStatement()) {
            holder.setAutoCommit(false);
            s.execute("LOCK TABLE items IN ACCESS SHARE MODE");
            int pid = Integer.parseInt(db.queryOne("SELECT pid FROM pg_stat_activity WHERE application_name = "
                    + "'report <b>job</b>'"));
            assertThatThrownBy(() -> new Upgrade(target, backups).run("head", "alice", listener, new Cancellation()))
                    .hasMessageContaining(kind == Kind.NATIVE ? "SQLSTATE 55P03" : "LockNotAvailable")
                    .hasMessageContaining("Gave up after 3 tries: each waited lock_timeout (300 ms)")
                    .hasMessageContaining("the target's lock is released");
            assertThat(retries).hasSize(2).first().asString().startsWith("1 of 2: ");
            assertThat(blocked).anySatisfy(list -> assertThat(list).singleElement().satisfies(b -> {
                assertThat(b.pid()).isEqualTo(pid);
                assertThat(b.application()).isEqualTo("report <b>job</b>");
                assertThat(b.state()).isEqualTo("idle in transaction");
                assertThat(b.query()).isEqualTo("LOCK TABLE items IN ACCESS SHARE MODE");
                assertThat(b.describe()).startsWith("pid " + pid + " (" + db.user() + ", report <b>job</b>, idle in "
                        + "transaction, transaction open ");
            }));
            holder.rollback();
        }
        assertThat(db.queryOne("SELECT string_agg(version_num, ',') FROM alembic_version")).isEqualTo("r1");
        assertThat(db.queryOne("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid "
                + "FROM pg_database WHERE datname = current_database())")).isEqualTo("0");
        assertThat(db.queryOne("SELECT count(*) FROM information_schema.columns WHERE column_name = 'price'"))
                .isEqualTo("0");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void cancellingTheBlockersQueryLetsTheRunThrough(Kind kind) throws Exception {
        Target target = start(kind, Duration.ofSeconds(30), 1);
        try (Connection holder = holder(); Statement s = holder.createStatement()) {
            CompletableFuture<Void> report = CompletableFuture.runAsync(() -> {
                try {
                    s.execute("SELECT pg_sleep(120), (SELECT count(*) FROM items)");
                } catch (SQLException cancelled) {
                    assertThat(cancelled.getSQLState()).isEqualTo("57014"); // query_canceled, session alive
                }
            });
            db.awaitQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(120)%' AND state "
                    + "= 'active'", "1", Duration.ofSeconds(30), () -> "the blocking query never started");
            Progress.Listener cancelling = new Progress.Listener() {
                @Override
                public void on(Progress progress) {
                }

                @Override
                public void blocked(List<Blocker> blockers) {
                    blocked.add(blockers);
                    blockers.forEach(b -> assertThat(LockWatch.cancel(target.database(), b.pid())).isTrue());
                }
            };
            MigrationResult result = new Upgrade(target, backups).run("head", "alice", cancelling,
                    new Cancellation());
            assertThat(result.after()).containsExactly("r2");
            report.get(30, TimeUnit.SECONDS);
            assertThat(blocked).first().asList().hasSize(1);
            try (Statement again = holder.createStatement()) {
                assertThat(again.execute("SELECT 1")).isTrue(); // cancelled, never terminated
            }
        }
        int ownPid;
        try (Connection other = db.connect(); Statement s = other.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            ownPid = rs.getInt(1);
            assertThat(LockWatch.cancel(target.database(), ownPid)).as("a session blocking nothing").isFalse();
        }
    }
}
