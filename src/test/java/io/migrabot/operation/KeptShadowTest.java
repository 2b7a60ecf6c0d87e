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
import java.util.function.Supplier;

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
    private final Supplier<String> names = () -> "migrabot_shadow_" + tag + "_" + made.incrementAndGet();

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

    /** A plan as `migrabot plan` makes one: its answer, then (on closing its shadows) the work left after it. */
    private ImpactReport plan() {
        try (PostgresShadows shadows = new PostgresShadows(names)) {
            return new Impact(Target.open(target.config()), shadows).plan("upgrade", "head");
        }
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
        // dropping it is measured there, and nowhere else would it exist. (Without its spare copy, made before the
        // table was, the plan copies the kept shadow itself.)
        assertThat(spares()).hasSize(1);
        dropSpare();
        mark(keptFirst.get(0), true);
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
    void eachPlanLeavesASpareCopyOfTheKeptShadowWhichTheNextPlanTakes() throws Exception {
        List<String> first = findings(plan());
        List<String> kept = kept();
        assertThat(kept).hasSize(1);
        List<Spare> spares = spares();
        assertThat(spares).hasSize(1);
        assertThat(spares.get(0).name()).isEqualTo(kept.get(0).replace("_kept_", "_spare_"));
        assertThat(leftOver()).isEmpty();

        // the marker is in the spare alone: the next plan measures in the spare
        mark(spares.get(0).name(), false);
        Files.writeString(dir.resolve("r6.sql"), "-- revision: r6\n-- down_revision: r5\n-- migrate:up\n"
                + "DROP TABLE IF EXISTS marker;\n");
        List<String> second = findings(plan());
        assertThat(second).contains("drops table public.marker: data loss");
        assertThat(second.subList(0, first.size())).isEqualTo(first);
        // it was taken, and a new spare, copied from the kept shadow, is there for the one after
        List<Spare> next = spares();
        assertThat(next).hasSize(1);
        assertThat(next.get(0).oid()).isNotEqualTo(spares.get(0).oid());
        assertThat(kept()).isEqualTo(kept);
        assertThat(leftOver()).isEmpty();
        assertThat(findings(plan())).doesNotContain("drops table public.marker: data loss");
    }

    @Test
    void aChangedScriptBelowTheTargetsRevisionMakesANewKeptShadowAndDropsTheOldOne() throws Exception {
        assertThat(findings(plan())).anyMatch(f -> f.startsWith("narrows public.a.n"));
        List<String> before = kept();
        assertThat(before).hasSize(1);
        List<Spare> spareBefore = spares();
        assertThat(spareBefore).hasSize(1);

        writeR1(R1.replace("n int", "n smallint"));
        ImpactReport changed = plan();
        assertThat(changed.unknown()).isEmpty();
        assertThat(findings(changed)).noneMatch(f -> f.startsWith("narrows public.a.n"))
                .anyMatch(f -> f.startsWith("drops table public.b ("));
        assertThat(kept()).hasSize(1).doesNotContainAnyElementsOf(before);
        assertThat(spares()).hasSize(1).doesNotContainAnyElementsOf(spareBefore);
        assertThat(leftOver()).isEmpty();
    }

    @Test
    void aShadowThatCannotBeBuiltLeavesNothingBehindAndKeepsNothing() throws Exception {
        writeR1("CREATE TABLE a (id int REFERENCES nosuch)");
        ImpactReport failed = plan();
        assertThat(failed.unknown()).hasValueSatisfying(why -> assertThat(why).contains("revision r1")
                .contains("nosuch"));
        assertThat(kept()).isEmpty();
        assertThat(spares()).isEmpty();
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
        assertThat(spares()).hasSize(1);
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

    /** A spare copy of the kept shadow, by name and oid (a new copy has a new oid). */
    private record Spare(String name, long oid) {
    }

    private List<Spare> spares() throws SQLException {
        List<Spare> spares = new ArrayList<>();
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                "SELECT datname, oid FROM pg_database WHERE starts_with(datname, 'migrabot_shadow_spare_') AND "
                        + "shobj_description(oid, 'pg_database') LIKE '%target " + target.name() + " (%'")) {
            while (rs.next()) {
                spares.add(new Spare(rs.getString(1), rs.getLong(2)));
            }
        }
        return spares;
    }

    private void dropSpare() throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            for (Spare spare : spares()) {
                s.execute("DROP DATABASE " + spare.name());
            }
        }
    }

    /** Creates table marker in shadow {@code name}; a kept one (a template) refuses connections but meanwhile. */
    private void mark(String name, boolean template) throws SQLException {
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            if (template) {
                s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS true");
            }
        }
        String url = db.url().substring(0, db.url().lastIndexOf('/') + 1) + name;
        try (Connection c = DriverManager.getConnection(url, db.user(), "");
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE marker (id int)");
        }
        if (template) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("ALTER DATABASE " + name + " ALLOW_CONNECTIONS false");
            }
        }
    }
}
