package io.migrabot.operation;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.backup.BackupService;
import io.migrabot.config.BackupPolicy;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.TargetConfig;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Operations on a native SQL target against a real PostgreSQL: safety rules, faults, hostile arguments. */
class OperationsTest {
    @TempDir
    Path dir;
    private Postgres.Database db;
    private Path sql;
    private final BackupService backups = new BackupService(Clock.systemUTC());

    @BeforeEach
    void setUp() throws Exception {
        db = Postgres.create("ops");
        sql = Files.createDirectories(dir.resolve("sql"));
        revision("r1", "", "CREATE TABLE a (id int);", "DROP TABLE a;");
        revision("r2", "r1", "CREATE TABLE b (id int);", "DROP TABLE b;");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private void revision(String id, String parents, String up, String down) throws Exception {
        Files.writeString(sql.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + parents
                + "\n-- message: " + id + "\n-- migrate:up\n" + up + "\n-- migrate:down\n" + down + "\n");
    }

    private Target target(Set<String> backupBefore, Path backupDir) {
        TargetConfig base = Targets.config(db);
        return Target.open(new TargetConfig(base.name(), base.url(), base.user(), base.password(), base.environment(),
                new MigrationsSource.Sql(sql), "alembic_version", null,
                new BackupPolicy(backupDir, backupBefore, 5, Duration.ofDays(30), null)));
    }

    private Target target() {
        return target(Set.of(), dir.resolve("backups"));
    }

    @Test
    void upgradeTakesTheBackupThePolicyAsksForFirst() {
        MigrationResult result = new Upgrade(target(Set.of("upgrade"), dir.resolve("b")), backups)
                .run("head", "alice", Progress.Listener.NONE, new Cancellation());
        assertThat(result.after()).containsExactly("r2");
        assertThat(result.ran()).containsExactly("r1", "r2");
        assertThat(result.backup()).hasValueSatisfying(b -> {
            assertThat(b.verified()).isTrue();
            assertThat(b.reason()).isEqualTo("before upgrade by alice");
            assertThat(b.heads()).isEmpty();
        });
    }

    @Test
    void whenTheBackupFailsTheUpgradeDoesNotStart() throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("file"), "x");
        assertThatThrownBy(() -> new Upgrade(target(Set.of("upgrade"), notAFolder.resolve("b")), backups)
                .run("head", "alice", Progress.Listener.NONE, new Cancellation()))
                .isInstanceOfSatisfying(MigrabotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BACKUP));
        assertThat(new Current(target()).read().versionTableExists()).isFalse();
    }

    @Test
    void aBackupReadsNoRevisionFileSoAMissingScriptsFolderStopsOnlyWhatNeedsIt() throws Exception {
        Target target = target();
        Files.delete(sql.resolve("r1.sql"));
        Files.delete(sql.resolve("r2.sql"));
        Files.delete(sql);
        assertThat(new Backup(target, backups).take("alice").verified()).isTrue();
        assertThatThrownBy(() -> new Upgrade(target, backups).run("head", "alice", Progress.Listener.NONE,
                new Cancellation())).isInstanceOfSatisfying(MigrabotException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIGURATION)).hasMessageContaining("does not exist");
    }

    @Test
    void nothingToDoIsAResultAndTakesNoBackup() {
        new Upgrade(target(), backups).run("head", "alice", Progress.Listener.NONE, new Cancellation());
        MigrationResult again = new Upgrade(target(Set.of("upgrade"), dir.resolve("b")), backups)
                .run("head", "alice", Progress.Listener.NONE, new Cancellation());
        assertThat(again.nothingToDo()).isTrue();
        assertThat(again.backup()).isEmpty();
    }

    @Test
    void twoConcurrentUpgradesOneRunsTheOtherIsToldWhoIsBusy() throws Exception {
        revision("r3", "r2", "SELECT pg_sleep(2);", "SELECT 1;");
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<MigrationResult> first = CompletableFuture.supplyAsync(() -> new Upgrade(target(), backups)
                .run("head", "alice", p -> started.countDown(), new Cancellation()));
        assertThat(started.await(20, TimeUnit.SECONDS)).isTrue();
        assertThatThrownBy(() -> new Upgrade(target(), backups).run("head", "bob", Progress.Listener.NONE,
                new Cancellation()))
                .isInstanceOfSatisfying(MigrabotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY))
                .hasMessageContaining("busy: upgrade by alice since");
        assertThat(first.get(30, TimeUnit.SECONDS).after()).containsExactly("r3");
    }

    @Test
    void argumentsWithShellOrSqlMetacharactersNeverReachACommandOrAQuery() {
        for (String hostile : List.of("head; DROP TABLE a", "r1' OR '1'='1", "$(touch /tmp/pwned)", "`id`",
                "r1\nr2", "--sql")) {
            assertThatThrownBy(() -> new Upgrade(target(), backups).run(hostile, "eve", Progress.Listener.NONE,
                    new Cancellation())).isInstanceOf(MigrabotException.class)
                    .hasMessageContaining("Can't locate revision identified by");
            assertThatThrownBy(() -> new Stamp(target(), backups).run(List.of(hostile), false, "eve"))
                    .isInstanceOf(MigrabotException.class);
        }
        assertThat(Path.of("/tmp/pwned")).doesNotExist();
        assertThat(new Current(target()).read().versionTableExists()).isFalse();
    }

    @Test
    void unknownStampedRevisionIsReportedAndBlocksUpgradeUntilStampPurge() {
        new Upgrade(target(), backups).run("r1", "alice", Progress.Listener.NONE, new Cancellation());
        target().database().withHandle("lying", h -> h.execute("UPDATE alembic_version SET version_num = 'c7a3d9e12f8b'"));
        Current.Result current = new Current(target()).read();
        assertThat(current.unknown()).singleElement().asString()
                .startsWith("Can't locate revision identified by 'c7a3d9e12f8b': target ");
        assertThatThrownBy(() -> new Upgrade(target(), backups).run("head", "alice", Progress.Listener.NONE,
                new Cancellation())).hasMessageContaining("Can't locate revision identified by 'c7a3d9e12f8b'");
        new Stamp(target(), backups).run(List.of("r1"), true, "alice");
        assertThat(new Current(target()).read().heads()).extracting(n -> n.id()).containsExactly("r1");
    }

    @Test
    void multipleHeadsAreRefusedForHeadWithAlembicsMessage() throws Exception {
        revision("r3", "r1", "SELECT 1;", "SELECT 1;");
        assertThatThrownBy(() -> new Upgrade(target(), backups).run("head", "alice", Progress.Listener.NONE,
                new Cancellation())).hasMessage("Multiple head revisions are present for given argument 'head'; "
                + "please specify a specific target revision, '<branchname>@head' to narrow to a specific head, or "
                + "'heads' for all heads");
        assertThat(new Upgrade(target(), backups).run("heads", "alice", Progress.Listener.NONE, new Cancellation())
                .after()).containsExactlyInAnyOrder("r2", "r3");
    }

    @Test
    void downgradeMinusOneWithSeveralHeadsIsRefusedAsAmbiguous() throws Exception {
        revision("r3", "r1", "SELECT 1;", "SELECT 1;");
        new Upgrade(target(), backups).run("heads", "alice", Progress.Listener.NONE, new Cancellation());
        assertThatThrownBy(() -> new Downgrade(target(), backups).run("-1", "alice", Progress.Listener.NONE,
                new Cancellation())).hasMessageContaining("is ambiguous with 2 heads");
    }

    @Test
    void brokenScriptsRefuseChangesButStillShowCurrent() throws Exception {
        revision("r9", "missing_parent", "SELECT 1;", "SELECT 1;");
        assertThatThrownBy(() -> new Upgrade(target(), backups).run("heads", "alice", Progress.Listener.NONE,
                new Cancellation())).hasMessageContaining("upgrade refused")
                .hasMessageContaining("Revision missing_parent referenced from r9 is not present");
        assertThat(new Current(target()).read().versionTableExists()).isFalse();
    }

    /** What the scripts say comes before whatever the target would answer. */
    @Test
    void brokenScriptsAreReportedBeforeABusyOrUnreachableTarget() throws Exception {
        revision("r9", "missing_parent", "SELECT 1;", "SELECT 1;");
        Target busy = target();
        busy.lock().withLock("upgrade", "alice", () -> {
            assertThatThrownBy(() -> new Upgrade(target(), backups).run("heads", "bob", Progress.Listener.NONE,
                    new Cancellation())).hasMessageContaining("upgrade refused")
                    .hasMessageContaining("Revision missing_parent referenced from r9 is not present");
            return null;
        });
        TargetConfig base = Targets.config(db);
        Target unreachable = Target.open(new TargetConfig(base.name(), "jdbc:postgresql://127.0.0.1:1/nowhere",
                base.user(), base.password(), base.environment(), new MigrationsSource.Sql(sql), "alembic_version",
                null, base.backup()));
        assertThatThrownBy(() -> new Upgrade(unreachable, backups).run("heads", "bob", Progress.Listener.NONE,
                new Cancellation())).hasMessageContaining("upgrade refused");
    }

    @Test
    void mergeWritesANativeRevisionJoiningTheHeads() throws Exception {
        revision("r3", "r1", "SELECT 1;", "SELECT 1;");
        Merge.Result merge = new Merge(target()).run("merge heads", List.of());
        assertThat(merge.merged()).containsExactly("r2", "r3");
        assertThat(Files.readString(merge.file())).contains("-- down_revision: r2, r3").contains("-- migrate:up");
        assertThat(target().scripts().graph().heads()).containsExactly(merge.revision());
        assertThatThrownBy(() -> new Merge(target()).run("again", List.of())).hasMessageContaining("nothing to merge");
    }

    @Test
    void sqlPreviewOfARangeRunsNothing() {
        SqlPreview.Result preview = new SqlPreview(target()).preview(":head", true);
        assertThat(preview.revisions()).containsExactly("r1", "r2");
        assertThat(preview.sql()).contains("CREATE TABLE a (id int);").contains("CREATE TABLE b (id int);")
                .contains("UPDATE \"alembic_version\" SET version_num='r2' WHERE version_num = 'r1'");
        assertThat(new Current(target()).read().versionTableExists()).isFalse();
        SqlPreview.Result down = new SqlPreview(target()).preview("r2:base", false);
        assertThat(down.sql()).contains("DROP TABLE b;").contains("DROP TABLE a;");
        assertThatThrownBy(() -> new SqlPreview(target()).preview("head", true))
                .hasMessageContaining("a preview range is FROM:TO");
    }
}
