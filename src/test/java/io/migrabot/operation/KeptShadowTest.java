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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shadow a plan keeps at the target's revision: a second plan of the same range copies it and finds the same;
 * a changed script below the target's revision makes a new one (and the old one goes); failures, and two plans at
 * once, leave no database behind but the one kept.
 */
class KeptShadowTest {
    private static final String R1 = "CREATE TABLE a (id serial PRIMARY KEY, name text, n int); "
            + "CREATE TABLE b (id int)";
    private static final List<String> PENDING = List.of(
            "ALTER TABLE a ALTER COLUMN n TYPE smallint",
            "CREATE INDEX a_name ON a (name)",
            "ALTER TABLE a DROP COLUMN name",
            "DROP TABLE b");

    @TempDir
    Path dir;
    private Postgres.Database db;
    private Target target;
    /** This test's shadows are named migrabot_shadow_TAG_N, so that other work on the server is not counted. */
    private final String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger made = new AtomicInteger();
    private final PostgresShadows shadows = new PostgresShadows(() -> "migrabot_shadow_" + tag + "_"
            + made.incrementAndGet());

    @BeforeEach
    void setUp() throws Exception {
        db = Postgres.create("kept");
        writeR1(R1);
        String parent = "r1";
        for (int i = 0; i < PENDING.size(); i++) {
            String id = "r" + (i + 2);
            Files.writeString(dir.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + parent
                    + "\n-- migrate:up\n" + PENDING.get(i) + ";\n");
            parent = id;
        }
        TargetConfig plain = Targets.config(db);
        target = Target.open(new TargetConfig(plain.name(), plain.url(), plain.user(), plain.password(),
                plain.environment(), new MigrationsSource.Sql(dir), "alembic_version", null, plain.backup()));
        new Upgrade(target, new BackupService(Clock.systemUTC())).run("r1", "alice", Progress.Listener.NONE,
                new Cancellation());
    }

    private void writeR1(String sql) throws Exception {
        Files.writeString(dir.resolve("r1.sql"), "-- revision: r1\n-- down_revision:\n-- migrate:up\n" + sql + ";\n");
    }

    @AfterEach
    void dropAll() {
        db.close();
    }

    private ImpactReport plan() {
        return new Impact(Target.open(target.config()), shadows).plan("upgrade", "head");
    }

    private static List<String> findings(ImpactReport report) {
        List<String> lines = new ArrayList<>();
        for (RevisionImpact revision : report.revisions()) {
            lines.add(revision.revision() + " " + revision.risk());
            lines.addAll(revision.findings());
        }
        return lines;
    }

    @Test
    void aSecondPlanOfTheSameRangeCopiesTheKeptShadowAndFindsTheSame() throws Exception {
        ImpactReport first = plan();
        assertThat(first.unknown()).isEmpty();
        assertThat(findings(first)).anyMatch(f -> f.startsWith("narrows public.a.n from integer to smallint"))
                .anyMatch(f -> f.startsWith("drops column public.a.name ("))
                .anyMatch(f -> f.startsWith("drops table public.b ("));
        List<String> keptFirst = kept();
        assertThat(keptFirst).hasSize(1);
        assertThat(leftOver()).isEmpty();

        // A table put into the kept shadow shows that the second plan starts from a copy of it: the revision
        // dropping it is measured there, and nowhere else would it exist.
        markKept(keptFirst.get(0));
        Files.writeString(dir.resolve("r6.sql"), "-- revision: r6\n-- down_revision: r5\n-- migrate:up\n"
                + "DROP TABLE IF EXISTS marker;\n");
        ImpactReport second = plan();
        List<String> withMarker = findings(second);
        assertThat(withMarker).contains("drops table public.marker: data loss");
        assertThat(withMarker.subList(0, findings(first).size())).isEqualTo(findings(first));
        assertThat(kept()).isEqualTo(keptFirst);
        assertThat(leftOver()).isEmpty();
    }

    @Test
    void aChangedScriptBelowTheTargetsRevisionMakesANewKeptShadowAndDropsTheOldOne() throws Exception {
        assertThat(findings(plan())).anyMatch(f -> f.startsWith("narrows public.a.n"));
        List<String> before = kept();
        assertThat(before).hasSize(1);

        writeR1(R1.replace("n int", "n smallint"));
        ImpactReport changed = plan();
        assertThat(changed.unknown()).isEmpty();
        assertThat(findings(changed)).noneMatch(f -> f.startsWith("narrows public.a.n"))
                .anyMatch(f -> f.startsWith("drops table public.b ("));
        assertThat(kept()).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(leftOver()).isEmpty();
    }

    @Test
    void aShadowThatCannotBeBuiltLeavesNothingBehindAndKeepsNothing() throws Exception {
        writeR1("CREATE TABLE a (id int REFERENCES nosuch)");
        ImpactReport failed = plan();
        assertThat(failed.unknown()).hasValueSatisfying(why -> assertThat(why).contains("revision r1")
                .contains("nosuch"));
        assertThat(kept()).isEmpty();
        assertThat(leftOver()).isEmpty();

        writeR1(R1);
        assertThat(plan().unknown()).isEmpty();
        Files.writeString(dir.resolve("r6.sql"), "-- revision: r6\n-- down_revision: r5\n-- migrate:up\n"
                + "ALTER TABLE nosuch ADD COLUMN x int;\n");
        ImpactReport failing = plan();
        assertThat(findings(failing)).anyMatch(f -> f.startsWith("fails in the shadow database"));
        assertThat(kept()).hasSize(1);
        assertThat(leftOver()).isEmpty();
    }

    @Test
    void twoPlansAtOnceFindTheSameAndKeepOneShadow() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<ImpactReport> plan = this::plan;
            List<Future<ImpactReport>> both = pool.invokeAll(List.of(plan, plan));
            assertThat(findings(both.get(0).get())).isEqualTo(findings(both.get(1).get()))
                    .anyMatch(f -> f.startsWith("narrows public.a.n"));
            // and a third, copying it while a fourth does the same
            both = pool.invokeAll(List.of(plan, plan));
            assertThat(findings(both.get(0).get())).isEqualTo(findings(both.get(1).get()));
        } finally {
            pool.shutdown();
        }
        assertThat(kept()).hasSize(1);
        assertThat(leftOver()).isEmpty();
    }

    private List<String> kept() throws SQLException {
        return KeptShadows.of(db, target.name());
    }

    /** This test's shadows that still exist. */
    private List<String> leftOver() throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection c = db.connect();
             PreparedStatement s = c.prepareStatement("SELECT datname FROM pg_database WHERE starts_with(datname, ?)")) {
            s.setString(1, "migrabot_shadow_" + tag + "_");
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        return names;
    }

    private void markKept(String kept) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + kept + " ALLOW_CONNECTIONS true");
        }
        String url = db.url().substring(0, db.url().lastIndexOf('/') + 1) + kept;
        try (Connection c = DriverManager.getConnection(url, db.user(), "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE marker (id int)");
        }
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER DATABASE " + kept + " ALLOW_CONNECTIONS false");
        }
    }
}
