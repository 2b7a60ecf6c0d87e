package io.migrabot.database;

import io.migrabot.ErrorCode;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TargetLockTest {
    private Postgres.Database db;
    private TargetDatabase target;
    private final VersionTable table = new VersionTable("alembic_version", null);

    @BeforeEach
    void database() {
        db = Postgres.create("lock");
        target = TargetDatabase.of(Targets.config("shop", db.url(), db.user(), ""));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void aSecondOperationIsRefusedAtOnceWithWhoHoldsTheLock() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<String> first = CompletableFuture.supplyAsync(() ->
                new TargetLock(target, table).withLock("upgrade", "alice", () -> {
                    held.countDown();
                    await(release);
                    return "done";
                }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> new TargetLock(target, table).withLock("stamp", "bob", () -> "never"))
                .isInstanceOfSatisfying(DatabaseException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BUSY))
                .hasMessageMatching("busy: upgrade by alice since \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC is running on "
                        + "target shop; try again when it has finished");

        release.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("done");
        assertThat(new TargetLock(target, table).withLock("stamp", "bob", () -> "ran")).isEqualTo("ran");
    }

    @Test
    void theLockIsReleasedWhenTheOperationFails() {
        assertThatThrownBy(() -> new TargetLock(target, table).withLock("upgrade", "alice", () -> {
            throw new IllegalStateException("migration failed");
        })).hasMessage("migration failed");
        assertThat(new TargetLock(target, table).withLock("upgrade", "bob", () -> 1)).isEqualTo(1);
    }

    @Test
    void differentVersionTablesDoNotBlockEachOther() throws Exception {
        CountDownLatch held = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> first = CompletableFuture.runAsync(() ->
                new TargetLock(target, table).withLock("upgrade", "alice", () -> {
                    held.countDown();
                    await(release);
                    return null;
                }));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(new TargetLock(target, new VersionTable("other_version", null))
                .withLock("upgrade", "bob", () -> "ran")).isEqualTo("ran");
        release.countDown();
        first.get(10, TimeUnit.SECONDS);
    }

    @Test
    void applicationNameIsPrintableAndShort() {
        assertThat(TargetLock.applicationName("upgrade", "Ёжик\n" + "x".repeat(100)))
                .startsWith("migrabot: upgrade by ??").hasSize(63);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
