package io.migrabot.operation;

import io.migrabot.backup.BackupService;
import io.migrabot.config.MigrationsSource;
import io.migrabot.impact.ImpactReport;
import io.migrabot.impact.RevisionImpact;
import io.migrabot.impact.Risk;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.shadow.PostgresShadows;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.RestartablePostgres;
import io.migrabot.testing.SqlRevisions;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Revisions that run outside a transaction ({@code transactional: false}): a statement that may run in a
 * transaction is measured in one of its own, as autocommit runs it; one that may not (the CONCURRENTLY forms) is
 * watched by another session, which reads its locks while it waits; one that never waits says its locks were not seen.
 */
class OutsideTransactionImpactTest {
    @TempDir
    Path dir;
    private Postgres.Database db;

    @AfterEach
    void drop() {
        if (db != null) {
            db.close();
        }
    }

    private Map<String, RevisionImpact> plan(String... pending) throws Exception {
        return plan(Postgres.server(), "r1", pending);
    }

    /** Plans {@code pending} after r1 (users and an index on them) and the other revisions already in the folder. */
    private Map<String, RevisionImpact> plan(Postgres.Server server, String last, String... pending)
            throws Exception {
        db = Postgres.create(server, "outside");
        SqlRevisions.write(dir, "r1", "", "CREATE TABLE users (id serial PRIMARY KEY, name text);\n"
                + "CREATE INDEX users_name ON users (name);");
        String parent = last;
        for (int i = 0; i < pending.length; i++) {
            String id = "p" + (i + 2);
            Files.writeString(dir.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + parent
                    + "\n-- transactional: false\n-- migrate:up\n" + pending[i] + "\n");
            parent = id;
        }
        Target target = Target.open(Targets.withMigrations(Targets.config(db), new MigrationsSource.Sql(dir)));
        new Upgrade(target, new BackupService(Clock.systemUTC())).run(last, "alice", Progress.Listener.NONE,
                new Cancellation());
        ImpactReport report;
        try (PostgresShadows shadows = new PostgresShadows()) {
            report = new Impact(target, shadows).plan("upgrade", "head");
        }
        assertThat(report.unknown()).isEmpty();
        Map<String, RevisionImpact> revisions = new LinkedHashMap<>();
        report.revisions().forEach(r -> revisions.put(r.revision(), r));
        return revisions;
    }

    @Test
    void eachStatementIsMeasuredInATransactionOfItsOwnWhenItMayRunInOne() throws Exception {
        Map<String, RevisionImpact> r = plan("ALTER TABLE users ADD COLUMN extra int;\nSELECT 1;");
        assertThat(r.get("p2").findings()).singleElement().asString().startsWith("locks public.users (")
                .endsWith(" in AccessExclusiveLock: reads and writes wait until it ends");
    }

    @Test
    void aConcurrentDropIsWatchedAndItsLockRead() throws Exception {
        Map<String, RevisionImpact> r = plan("DROP INDEX CONCURRENTLY users_name;");
        assertThat(r.get("p2").findings()).hasSize(3);
        assertThat(r.get("p2").findings().get(0)).startsWith("drops index public.users_name on public.users (");
        assertThat(r.get("p2").findings().get(1)).startsWith("locks public.users (")
                .endsWith(" in ShareUpdateExclusiveLock: reads and writes go on; schema changes and VACUUM wait");
        assertThat(r.get("p2").findings().get(2)).startsWith("runs outside a transaction (as CREATE INDEX "
                + "CONCURRENTLY must; its locks were read while it waited");
        assertThat(r.get("p2").risk()).isEqualTo(Risk.MEDIUM);
    }

    @Test
    void aServerThatCannotLockEveryTableAtOnceStillHasAConcurrentBuildWatched() throws Exception {
        // 600 tables in 60 revisions, on a server whose lock table holds far fewer locks than that: the watch
        // cannot lock every table and watches from its snapshot alone, which a concurrent build also waits for
        String parent = "r1";
        for (int i = 1; i <= 60; i++) {
            StringBuilder tables = new StringBuilder();
            for (int j = 0; j < 10; j++) {
                tables.append("CREATE TABLE t_").append(i).append('_').append(j).append(" (id integer);\n");
            }
            SqlRevisions.write(dir, "s" + i, parent, tables.toString());
            parent = "s" + i;
        }
        try (RestartablePostgres server = RestartablePostgres.start(Map.of("max_locks_per_transaction", "10",
                "max_connections", "10"))) {
            Map<String, RevisionImpact> r = plan(server.server(), "s60",
                    "CREATE INDEX CONCURRENTLY users_id ON users (id);");
            assertThat(r.get("p2").findings()).hasSize(2);
            assertThat(r.get("p2").findings().get(0)).startsWith("locks public.users (")
                    .endsWith(" in ShareUpdateExclusiveLock: reads and writes go on; schema changes and VACUUM wait");
            assertThat(r.get("p2").findings().get(1)).startsWith("runs outside a transaction (as CREATE INDEX "
                    + "CONCURRENTLY must; its locks were read while it waited");
            db.close();
            db = null;
        }
    }

    @Test
    void aStatementThatNeverWaitsSaysItsLocksWereNotSeen() throws Exception {
        Map<String, RevisionImpact> r = plan("VACUUM users;", "CREATE INDEX CONCURRENTLY users_id ON users (id);");
        assertThat(r.get("p2").findings()).containsExactly("runs outside a transaction and never waited, so its "
                + "locks could not be read: check its SQL before approving");
        assertThat(r.get("p2").risk()).isEqualTo(Risk.MEDIUM);
        assertThat(r.get("p3").findings()).hasSize(2)
                .last().asString().startsWith("runs outside a transaction (as CREATE INDEX CONCURRENTLY must");
        assertThat(List.copyOf(r.keySet())).containsExactly("p2", "p3");
    }
}
