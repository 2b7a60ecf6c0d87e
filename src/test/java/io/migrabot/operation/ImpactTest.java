package io.migrabot.operation;

import io.migrabot.backup.BackupService;
import io.migrabot.config.DatabaseConnection;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.Secret;
import io.migrabot.config.TargetConfig;
import io.migrabot.impact.ImpactReport;
import io.migrabot.impact.Risk;
import io.migrabot.impact.RevisionImpact;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.shadow.PostgresShadows;
import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code plan} on a table of 1,000,000 rows, for a native project and the same revisions as an Alembic project:
 * a type change, a column with a volatile default, an index built without and with CONCURRENTLY, a foreign key
 * with and without NOT VALID, a dropped column. Each lock mode, rewrite, validation, drop and size is named and
 * rated, the same for both kinds; bad input says what went wrong.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ImpactTest {
    private static final String R1 = "CREATE TABLE users (id int PRIMARY KEY, email text, name text, nick text, "
            + "score int); CREATE TABLE orders (id int PRIMARY KEY, user_id int)";
    private static final Map<String, String> PENDING = new LinkedHashMap<>();

    static {
        PENDING.put("r2", "ALTER TABLE users ALTER COLUMN score TYPE bigint");
        PENDING.put("r3", "ALTER TABLE users ADD COLUMN token float8 DEFAULT random()");
        PENDING.put("r4", "CREATE INDEX users_email ON users (email)");
        PENDING.put("r5", "CREATE INDEX CONCURRENTLY users_name ON users (name)");
        PENDING.put("r6", "ALTER TABLE orders ADD CONSTRAINT orders_user FOREIGN KEY (user_id) REFERENCES users");
        PENDING.put("r7", "ALTER TABLE orders ADD CONSTRAINT orders_user_nv FOREIGN KEY (user_id) REFERENCES users "
                + "NOT VALID");
        PENDING.put("r8", "ALTER TABLE users DROP COLUMN nick");
    }

    @TempDir
    static Path dir;
    private Postgres.Database nativeDb;
    private Postgres.Database alembicDb;
    private Target nativeTarget;
    private Target alembicTarget;
    /** One set of shadows, as the bot keeps: closed before the databases go, so its spares are made by then. */
    private final PostgresShadows shadows = new PostgresShadows();

    @BeforeAll
    void setUp() throws Exception {
        nativeDb = Postgres.create("impact_native");
        alembicDb = Postgres.create("impact_alembic");
        Path sql = Files.createDirectories(dir.resolve("sql"));
        AlembicProject project = AlembicProject.createOnline(dir.resolve("alembic"));
        Files.writeString(sql.resolve("r1.sql"), "-- revision: r1\n-- down_revision:\n-- migrate:up\n" + R1
                + ";\n");
        project.revision("r1", List.of(), "op.execute(\"" + R1 + "\")", "pass");
        String parent = "r1";
        for (Map.Entry<String, String> revision : PENDING.entrySet()) {
            boolean concurrently = revision.getValue().contains("CONCURRENTLY");
            Files.writeString(sql.resolve(revision.getKey() + ".sql"), "-- revision: " + revision.getKey()
                    + "\n-- down_revision: " + parent + (concurrently ? "\n-- transactional: false" : "")
                    + "\n-- migrate:up\n" + revision.getValue() + ";\n-- migrate:down\n"
                    + (revision.getKey().equals("r8") ? "ALTER TABLE users ADD COLUMN nick text;\n" : ""));
            project.revision(revision.getKey(), List.of(parent), concurrently
                    ? "with op.get_context().autocommit_block():\n        op.execute(\"" + revision.getValue() + "\")"
                    : "op.execute(\"" + revision.getValue() + "\")", "pass");
            parent = revision.getKey();
        }
        TargetConfig plain = Targets.config(nativeDb);
        nativeTarget = Target.open(new TargetConfig(plain.name(), plain.url(), plain.user(), plain.password(),
                plain.environment(), new MigrationsSource.Sql(sql), "alembic_version", null, plain.backup()));
        alembicTarget = Target.open(Targets.alembic(alembicDb, project));
        for (Target target : List.of(nativeTarget, alembicTarget)) {
            new Upgrade(target, new BackupService(Clock.systemUTC())).run("r1", "alice", Progress.Listener.NONE,
                    new Cancellation());
        }
        for (Postgres.Database db : List.of(nativeDb, alembicDb)) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                s.execute("INSERT INTO users SELECT i, 'u' || i || '@example.com', 'n' || i, 'k' || i, i "
                        + "FROM generate_series(1, 1000000) i");
                s.execute("INSERT INTO orders SELECT i, i FROM generate_series(1, 1000) i");
                s.execute("ANALYZE users");
                s.execute("ANALYZE orders");
            }
        }
    }

    @AfterAll
    void drop() {
        shadows.close();
        nativeDb.close();
        alembicDb.close();
    }

    private static Map<String, RevisionImpact> byRevision(ImpactReport report) {
        Map<String, RevisionImpact> revisions = new LinkedHashMap<>();
        report.revisions().forEach(r -> revisions.put(r.revision(), r));
        return revisions;
    }

    @Test
    void eachLockRewriteValidationDropAndSizeIsNamedAndRatedTheSameForBothKinds() throws Exception {
        ImpactReport report = new Impact(nativeTarget, shadows).plan("upgrade", "head");
        assertThat(report.unknown()).isEmpty();
        assertThat(report.heads()).containsExactly("r1");
        Map<String, RevisionImpact> r = byRevision(report);
        assertThat(r.keySet()).containsExactly("r2", "r3", "r4", "r5", "r6", "r7", "r8");
        String users = "public.users (≈1.0M rows, ";
        assertThat(r.get("r2").findings()).singleElement().asString().startsWith("rewrites " + users)
                .endsWith(" MB) under AccessExclusiveLock: reads and writes wait until it ends");
        assertThat(r.get("r3").findings()).singleElement().asString().startsWith("rewrites " + users);
        assertThat(r.get("r4").findings()).singleElement().asString().startsWith("locks " + users)
                .endsWith(" in ShareLock: writes wait until it ends; reads go on");
        // CREATE INDEX CONCURRENTLY cannot run in a transaction: its lock is read by another session while it waits
        assertThat(r.get("r5").findings()).hasSize(2);
        assertThat(r.get("r5").findings().get(0)).startsWith("locks " + users)
                .endsWith(" in ShareUpdateExclusiveLock: reads and writes go on; schema changes and VACUUM wait");
        assertThat(r.get("r5").findings().get(1)).isEqualTo("runs outside a transaction (as CREATE INDEX "
                + "CONCURRENTLY must; its locks were read while it waited for other sessions): if it fails part-way, "
                + "what it did so far stays (an index left INVALID, say)");
        assertThat(r.get("r6").findings()).hasSize(3);
        assertThat(r.get("r6").findings().get(1)).matches("validates foreign key orders_user by scanning "
                + "public\\.orders \\(≈1\\.0k rows, \\d+ kB\\)");
        assertThat(r.get("r6").findings().get(2)).matches("locks public\\.orders \\(≈1\\.0k rows, \\d+ kB\\) in "
                + "ShareRowExclusiveLock: writes wait until it ends; reads go on");
        assertThat(r.get("r6").findings().get(0)).startsWith("locks " + users);
        assertThat(r.get("r7").findings()).hasSize(2).noneMatch(f -> f.startsWith("validates"));
        assertThat(r.get("r8").findings()).anyMatch(f -> f.startsWith("locks " + users)
                        && f.endsWith("in AccessExclusiveLock: reads and writes wait until it ends"))
                .anyMatch(f -> f.startsWith("drops column public.users.nick (" + users.substring(14))
                        && f.endsWith(": data loss"));
        assertThat(r.values()).extracting(RevisionImpact::risk).containsExactly(Risk.HIGH, Risk.HIGH, Risk.HIGH,
                Risk.LOW, Risk.HIGH, Risk.HIGH, Risk.HIGH);
        assertThat(report.risk()).isEqualTo(Risk.HIGH);

        RecordingShadows shadows = new RecordingShadows();
        ImpactReport alembic = new Impact(alembicTarget, shadows).plan("upgrade", "head");
        assertThat(alembic.unknown()).isEmpty();
        assertThat(masked(alembic)).isEqualTo(masked(report));
        assertThat(shadows.created()).hasSize(1);
        assertThat(shadows.leftOver(alembicDb)).isEmpty();
    }

    /** The findings with sizes left out: the two databases' row estimates and sizes may differ a little. */
    private static List<String> masked(ImpactReport report) {
        List<String> lines = new ArrayList<>();
        for (RevisionImpact revision : report.revisions()) {
            lines.add(revision.revision() + " " + revision.risk());
            revision.findings().forEach(f -> lines.add(f.replaceAll("\\(≈[^)]*\\)", "(size)")));
        }
        return lines;
    }

    @Test
    void aDowngradeIsMeasuredFromItsDownSections() {
        Stamp stamp = new Stamp(nativeTarget, new BackupService(Clock.systemUTC()));
        stamp.run(List.of("r8"), false, "alice");
        try {
            ImpactReport report = new Impact(nativeTarget, shadows).plan("downgrade", "r6");
            assertThat(report.unknown()).isEmpty();
            Map<String, RevisionImpact> r = byRevision(report);
            assertThat(r.keySet()).containsExactly("r8", "r7");
            assertThat(r.get("r8").findings()).singleElement().asString().startsWith("locks public.users (≈1.0M rows, ")
                    .endsWith(" in AccessExclusiveLock: reads and writes wait until it ends");
            assertThat(r.get("r7").findings()).isEmpty(); // an empty down section does nothing
            assertThat(r.get("r7").risk()).isEqualTo(Risk.LOW);
        } finally {
            stamp.run(List.of("r1"), true, "alice");
        }
    }

    @Test
    void badInputSaysWhatWentWrong() throws Exception {
        assertThatThrownBy(() -> new Impact(nativeTarget, shadows).plan("upgrade", "zzzz"))
                .hasMessageContaining("Can't locate revision identified by 'zzzz'");
        assertThatThrownBy(() -> new Impact(nativeTarget, shadows).plan("stamp", "head"))
                .hasMessageContaining("a plan is of an upgrade or a downgrade");
        try (Connection c = nativeDb.connect(); Statement s = c.createStatement()) {
            s.execute("DROP ROLE IF EXISTS migrabot_nocreate");
            s.execute("CREATE ROLE migrabot_nocreate LOGIN");
        }
        TargetConfig base = nativeTarget.config();
        TargetConfig refused = new TargetConfig(base.name(), base.url(), base.user(), base.password(),
                base.environment(), base.migrations(), base.versionTable(), base.versionTableSchema(), base.backup(),
                Optional.of(new DatabaseConnection("scratch", base.url(), "migrabot_nocreate", new Secret(""))),
                base.drift());
        ImpactReport unknown = new Impact(Target.open(refused), shadows).plan("upgrade", "head");
        assertThat(unknown.risk()).isEqualTo(Risk.UNKNOWN);
        assertThat(unknown.unknown()).hasValueSatisfying(why -> assertThat(why)
                .contains("user migrabot_nocreate may not create databases").contains("CREATEDB"));
        Path broken = dir.resolve("sql/r9.sql");
        Files.writeString(broken, "-- revision: r9\n-- down_revision: r8\n-- migrate:up\nSELECT 1;\n"
                + "ALTER TABLE nosuch ADD COLUMN x int;\n");
        try {
            ImpactReport failing = new Impact(Target.open(base), shadows).plan("upgrade", "head");
            RevisionImpact r9 = byRevision(failing).get("r9");
            assertThat(r9.risk()).isEqualTo(Risk.UNKNOWN);
            assertThat(r9.findings()).singleElement().asString().startsWith("fails in the shadow database, so its "
                    + "impact is unknown: at " + broken + ":5: ").endsWith("(SQLSTATE 42P01)").contains("nosuch");
            assertThat(failing.risk()).isEqualTo(Risk.UNKNOWN);
        } finally {
            Files.delete(broken);
            try (Connection c = nativeDb.connect(); Statement s = c.createStatement()) {
                s.execute("DROP ROLE migrabot_nocreate");
            }
        }
    }
}
