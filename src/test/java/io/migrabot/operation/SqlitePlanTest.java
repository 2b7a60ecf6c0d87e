package io.migrabot.operation;

import io.migrabot.backup.BackupService;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.TargetConfig;
import io.migrabot.impact.ImpactReport;
import io.migrabot.impact.Risk;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.shadow.PostgresShadows;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** A plan of a SQLite target says in words why it measures nothing, and leaves the file as it was. */
class SqlitePlanTest {
    @TempDir
    Path dir;

    @Test
    void aPlanOfASqliteTargetSaysWhyItsImpactIsNotMeasured() throws Exception {
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("r1.sql"), "-- revision: r1\n-- down_revision:\n-- migrate:up\n"
                + "CREATE TABLE a (id integer);\n");
        Files.writeString(sql.resolve("r2.sql"), "-- revision: r2\n-- down_revision: r1\n-- migrate:up\n"
                + "ALTER TABLE a ADD COLUMN b text;\n");
        Path file = dir.resolve("app.db");
        DriverManager.getConnection("jdbc:sqlite:" + file).close();
        TargetConfig plain = Targets.config("app", "jdbc:sqlite:" + file, "", "");
        Target target = Target.open(new TargetConfig(plain.name(), plain.url(), plain.user(), plain.password(),
                plain.environment(), new MigrationsSource.Sql(sql), "alembic_version", null, plain.backup()));
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
