package io.migrabot.operation;

import io.migrabot.backup.BackupService;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.TargetConfig;
import io.migrabot.impact.ImpactReport;
import io.migrabot.impact.RevisionImpact;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.shadow.PostgresShadows;
import io.migrabot.testing.Postgres;
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
 * A plan reads again only what each revision locked, yet misses no destruction: through a renamed schema, outside a
 * transaction, by cascade, inside a DO block, of a sequence, of a narrowed type; and a revision that destroys
 * nothing is said to destroy nothing.
 */
class PlanDestructionTest {
    @TempDir
    Path dir;
    private Postgres.Database db;
    private Target target;

    @AfterEach
    void drop() {
        db.close();
    }

    /** The findings of each revision that lose data, for a project of {@code r1} and then {@code pending}. */
    private Map<String, List<String>> losses(String r1, String... pending) throws Exception {
        db = Postgres.create("destruction");
        Files.writeString(dir.resolve("r1.sql"), "-- revision: r1\n-- down_revision:\n-- migrate:up\n" + r1 + "\n");
        String parent = "r1";
        for (int i = 0; i < pending.length; i++) {
            String id = "r" + (i + 2);
            String header = pending[i].contains("CONCURRENTLY") ? "-- transactional: false\n" : "";
            Files.writeString(dir.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + parent
                    + "\n" + header + "-- migrate:up\n" + pending[i] + "\n");
            parent = id;
        }
        TargetConfig plain = Targets.config(db);
        target = Target.open(new TargetConfig(plain.name(), plain.url(), plain.user(), plain.password(),
                plain.environment(), new MigrationsSource.Sql(dir), "alembic_version", null, plain.backup()));
        new Upgrade(target, new BackupService(Clock.systemUTC())).run("r1", "alice", Progress.Listener.NONE,
                new Cancellation());
        ImpactReport report;
        try (PostgresShadows shadows = new PostgresShadows()) { // closed: the spare it makes is there before the drop
            report = new Impact(target, shadows).plan("upgrade", "head");
        }
        assertThat(report.unknown()).isEmpty();
        Map<String, List<String>> losses = new LinkedHashMap<>();
        for (RevisionImpact revision : report.revisions()) {
            losses.put(revision.revision(), revision.findings().stream().filter(f -> f.endsWith(": data loss"))
                    .map(f -> f.replaceAll(" \\(≈[^)]*\\)", "").replace(": data loss", "")).toList());
        }
        return losses;
    }

    @Test
    void everyDestructionIsFoundWhereverItHappens() throws Exception {
        Map<String, List<String>> losses = losses("""
                        CREATE SCHEMA s;
                        CREATE TABLE s.t (id int);
                        CREATE TABLE a (id serial PRIMARY KEY, v varchar(10), w int, x int);
                        CREATE INDEX a_v ON a (v);
                        CREATE TABLE c (id int PRIMARY KEY);
                        CREATE TABLE d (c_id int REFERENCES c);
                        CREATE SEQUENCE counter;""",
                "ALTER SCHEMA s RENAME TO s2;",
                "DROP TABLE s2.t;",
                "DROP INDEX CONCURRENTLY a_v;",
                "DROP TABLE c CASCADE;",
                "ALTER TABLE a ALTER COLUMN v TYPE varchar(5);",
                "DROP SEQUENCE counter;",
                "DO $$ BEGIN EXECUTE 'ALTER TABLE a DROP COLUMN w'; END $$;",
                "CREATE TABLE e (id int); ALTER TABLE a ADD COLUMN y int;",
                "DROP TABLE e; ALTER TABLE a DROP COLUMN y;");
        assertThat(losses).containsExactly(
                Map.entry("r2", List.of()),
                Map.entry("r3", List.of("drops table s2.t")),
                Map.entry("r4", List.of("drops index public.a_v on public.a")),
                Map.entry("r5", List.of("drops table public.c")),
                Map.entry("r6", List.of("narrows public.a.v from character varying(10) to character varying(5): "
                        + "values that do not fit make it fail or are cut")),
                Map.entry("r7", List.of("drops sequence public.counter")),
                Map.entry("r8", List.of("drops column public.a.w")),
                Map.entry("r9", List.of()),
                Map.entry("r10", List.of("drops column public.a.y", "drops table public.e")));
    }
}
