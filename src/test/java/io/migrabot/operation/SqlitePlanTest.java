package io.migrabot.operation;

import io.migrabot.backup.BackupService;
import io.migrabot.config.MigrationsSource;
import io.migrabot.impact.ImpactReport;
import io.migrabot.impact.Risk;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.shadow.PostgresShadows;
import io.migrabot.testing.SqlRevisions;
import io.migrabot.testing.Sqlite;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** A plan of a SQLite target says in words why it measures nothing, and leaves the file as it was. */
class SqlitePlanTest {
    @TempDir
    Path dir;

    @Test
    void aPlanOfASqliteTargetSaysWhyItsImpactIsNotMeasured() throws Exception {
        Path sql = SqlRevisions.write(dir.resolve("sql"), "r1", "", "CREATE TABLE a (id integer);");
        SqlRevisions.write(sql, "r2", "r1", "ALTER TABLE a ADD COLUMN b text;");
        Path file = Sqlite.create(dir.resolve("app.db"));
        Target target = Target.open(Targets.withMigrations(Targets.config("app", Sqlite.url(file), "", ""),
                new MigrationsSource.Sql(sql)));
        new Upgrade(target, new BackupService(Clock.systemUTC())).run("r1", "alice", Progress.Listener.NONE,
                new Cancellation());

        try (PostgresShadows shadows = new PostgresShadows()) {
            ImpactReport report = new Impact(target, shadows).plan("upgrade", "head");
            assertThat(report.risk()).isEqualTo(Risk.UNKNOWN);
            assertThat(report.unknown()).hasValueSatisfying(why -> assertThat(why).startsWith(
                    "target app is a SQLite file, and a plan measures what PostgreSQL shows").contains("busy_timeout"));
            assertThat(new Impact(target, shadows).plan("upgrade", "r1").revisions()).isEmpty();
        }
        assertThat(new Current(target).read().heads()).extracting(node -> node.id()).containsExactly("r1");
    }
}
