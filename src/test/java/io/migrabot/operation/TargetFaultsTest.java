package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.backup.BackupService;
import io.migrabot.config.BackupPolicy;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.Secret;
import io.migrabot.config.TargetConfig;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.FaultProxy;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Faults of a target, made for real: its connection cut by a TCP proxy in the middle of a native and of an Alembic
 * run, Alembic killed by a signal, a backup folder that fills up. Each ends with one clear message, a version table
 * that says what was committed, the target's lock released, and a next run that completes.
 */
class TargetFaultsTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Postgres.Database db;
    private FaultProxy proxy;
    private final BackupService backups = new BackupService(Clock.systemUTC());

    @BeforeEach
    void setUp() {
        db = Postgres.create("faults");
        proxy = FaultProxy.before(db);
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        db.close();
    }

    @Test
    void aNativeRunWhoseConnectionIsCutStopsCleanlyAndTheNextRunCompletes() throws Exception {
        Path sql = Files.createDirectories(dir.resolve("sql"));
        nativeRevision(sql, "r1", "", "CREATE TABLE a (id int);");
        nativeRevision(sql, "r2", "r1", "SELECT pg_sleep(2);\nCREATE TABLE b (id int);");
        nativeRevision(sql, "r3", "r2", "CREATE TABLE c (id int);");
        TargetConfig base = Targets.config(db);
        TargetConfig config = new TargetConfig(base.name(), proxy.url(db), base.user(), base.password(),
                base.environment(), new MigrationsSource.Sql(sql), "alembic_version", null,
                new BackupPolicy(dir.resolve("backups"), Set.of(), 5, Duration.ofDays(30), null));

        CompletableFuture<MigrationResult> run = CompletableFuture.supplyAsync(() -> new Upgrade(
                Target.open(config), backups).run("head", "alice", Progress.Listener.NONE, new Cancellation()));
        awaitSleeping();
        proxy.cut();

        assertThatThrownBy(() -> run.get(LONG.toSeconds(), TimeUnit.SECONDS)).cause()
                .isInstanceOf(MigrabotException.class)
                .hasMessageContaining("upgrade of r2 failed")
                .hasMessageContaining("the connection broke meanwhile")
                .hasMessageContaining("check with 'current'");
        awaitQuiet();
        // revisions sent in one batch run on the server even when no answer comes back: any of these can be
        // what was committed, and the version table must say which
        assertConsistent(Map.of("", List.of(), "r1", List.of("a"), "r2", List.of("a", "b"), "r3",
                List.of("a", "b", "c")));

        assertTheNextRunCompletes(config, "r3");
    }

    @Test
    void anAlembicRunWhoseConnectionIsCutStopsCleanlyAndTheNextRunCompletes() throws Exception {
        AlembicProject project = alembicProject();
        TargetConfig config = alembicTarget(project, proxy.url(db), proxy.sqlalchemyUrl(db));

        CompletableFuture<MigrationResult> run = CompletableFuture.supplyAsync(() -> new Upgrade(
                Target.open(config), backups).run("head", "alice", Progress.Listener.NONE, new Cancellation()));
        awaitSleeping();
        proxy.cut();

        assertThatThrownBy(() -> run.get(LONG.toSeconds(), TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(MigrabotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALEMBIC))
                .hasMessageContaining("alembic upgrade head exited with status 1")
                .hasMessageContaining("server closed the connection unexpectedly");
        awaitQuiet();
        // Alembic runs the whole upgrade in one transaction (the project's env.py): none of it stays
        assertConsistent(Map.of("", List.of()));

        assertTheNextRunCompletes(config, "c3");
    }

    @Test
    void anAlembicKilledByASignalIsReportedAsSuchAndChangesNothing() throws Exception {
        AlembicProject project = alembicProject();
        TargetConfig config = alembicTarget(project, db.url(), db.sqlalchemyUrl());

        CompletableFuture<MigrationResult> run = CompletableFuture.supplyAsync(() -> new Upgrade(
                Target.open(config), backups).run("head", "alice", Progress.Listener.NONE, new Cancellation()));
        awaitSleeping();
        ProcessHandle alembic = ProcessHandle.current().descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("alembic")).findFirst().orElseThrow();
        assertThat(alembic.destroyForcibly()).isTrue();

        assertThatThrownBy(() -> run.get(LONG.toSeconds(), TimeUnit.SECONDS)).cause()
                .isInstanceOfSatisfying(MigrabotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALEMBIC))
                .hasMessageContaining("alembic upgrade head was killed by signal 9 (SIGKILL");
        awaitQuiet();
        assertConsistent(Map.of("", List.of()));
        assertTheNextRunCompletes(config, "c3");
    }

    @Test
    void aBackupFolderThatFillsUpStopsTheUpgradeWithNoBackupListedAndTheTargetUnchanged() throws Exception {
        Path full = Files.createDirectories(dir.resolve("full"));
        assumeThat(run("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", full.toString()))
                .as("mounting a 1 MB tmpfs needs root (it runs as root where this project is built)").isZero();
        try {
            Path sql = Files.createDirectories(dir.resolve("sql"));
            nativeRevision(sql, "r1", "", "CREATE TABLE a (id int);");
            try (var c = db.connect(); var s = c.createStatement()) {
                // about 12 MB that compresses to well over the folder's 1 MB
                s.execute("CREATE TABLE big AS SELECT md5(random()::text) || md5(random()::text) AS x "
                        + "FROM generate_series(1, 200000)");
            }
            TargetConfig base = Targets.config(db);
            TargetConfig config = new TargetConfig(base.name(), base.url(), base.user(), base.password(),
                    base.environment(), new MigrationsSource.Sql(sql), "alembic_version", null,
                    new BackupPolicy(full, Set.of("upgrade"), 5, Duration.ofDays(30), null));

            assertThatThrownBy(() -> new Upgrade(Target.open(config), backups).run("head", "alice",
                    Progress.Listener.NONE, new Cancellation()))
                    .isInstanceOfSatisfying(MigrabotException.class, e -> assertThat(e.code())
                            .isEqualTo(ErrorCode.BACKUP))
                    .hasMessageContaining("pg_dump of target " + base.name() + " failed")
                    .hasMessageContaining("No space left on device");
            assertThat(backups.list(config)).isEmpty();
            try (var files = Files.list(full)) {
                assertThat(files).as("nothing is left in the folder").isEmpty();
            }
            assertThat(tables()).containsExactly("big");
        } finally {
            assertThat(run("umount", full.toString())).isZero();
        }
    }

    /** A run after the fault, with nothing broken, goes all the way to {@code head}. */
    private void assertTheNextRunCompletes(TargetConfig config, String head) throws SQLException {
        MigrationResult next = new Upgrade(Target.open(config), backups).run("head", "alice",
                Progress.Listener.NONE, new Cancellation());
        assertThat(next.after()).containsExactly(head);
        assertThat(tables()).containsExactly("a", "alembic_version", "b", "c");
    }

    private static void nativeRevision(Path sql, String id, String parent, String up) throws Exception {
        Files.writeString(sql.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + parent
                + "\n-- message: " + id + "\n-- migrate:up\n" + up + "\n-- migrate:down\nSELECT 1;\n");
    }

    private AlembicProject alembicProject() {
        AlembicProject project = AlembicProject.createOnline(dir.resolve("alembic"));
        project.revision("a1", List.of(), "op.create_table('a', sa.Column('id', sa.Integer))", "pass");
        project.revision("b2", List.of("a1"), "op.execute('SELECT pg_sleep(2)')\n    "
                + "op.create_table('b', sa.Column('id', sa.Integer))", "pass");
        project.revision("c3", List.of("b2"), "op.create_table('c', sa.Column('id', sa.Integer))", "pass");
        return project;
    }

    private TargetConfig alembicTarget(AlembicProject project, String url, String sqlalchemyUrl) {
        TargetConfig base = Targets.alembic(db, project);
        MigrationsSource.Alembic source = (MigrationsSource.Alembic) base.migrations();
        return new TargetConfig(base.name(), url, base.user(), base.password(), base.environment(),
                new MigrationsSource.Alembic(source.ini(), source.section(), source.command(),
                        source.workingDirectory(), source.timeout(), Map.of("DATABASE_URL",
                        new Secret(sqlalchemyUrl))), "alembic_version", null, base.backup());
    }

    /** Waits until a revision sleeps in {@code pg_sleep} on the target: the run is in its middle. */
    private void awaitSleeping() {
        await(() -> count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND state = 'active' AND query LIKE '%pg_sleep(2)%' AND pid <> pg_backend_pid()") == 1);
    }

    /**
     * Waits until no session on the target runs a statement or holds a lock: the server has ended the sessions
     * whose client went away (one busy in a statement notices when the statement ends), and with them their locks.
     */
    private void awaitQuiet() {
        await(() -> count("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                + "AND state <> 'idle' AND pid <> pg_backend_pid()") == 0
                && count("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND database = "
                + "(SELECT oid FROM pg_database WHERE datname = current_database())") == 0);
    }

    /** The version table names a state whose tables are exactly those it lists. */
    private void assertConsistent(Map<String, List<String>> tablesAt) throws SQLException {
        String version = tables().contains("alembic_version")
                ? String.valueOf(db.queryOne("SELECT coalesce(string_agg(version_num, '+'), '') "
                + "FROM alembic_version")) : "";
        assertThat(tablesAt).as("the version table says %s", version).containsKey(version);
        assertThat(tables().stream().filter(t -> !t.equals("alembic_version")).toList())
                .as("the tables at %s", version).isEqualTo(tablesAt.get(version));
    }

    private List<String> tables() throws SQLException {
        String names = db.queryOne("SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables "
                + "WHERE schemaname = 'public'");
        return names == null ? List.of() : List.of(names.split(","));
    }

    private long count(String sql) {
        try {
            return Long.parseLong(db.queryOne(sql));
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    private static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("the condition holds within %s", LONG).isLessThan(deadline);
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static int run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getInputStream().transferTo(System.out);
        return process.waitFor();
    }
}
