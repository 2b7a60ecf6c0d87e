package io.migrabot.operation;

import io.migrabot.backup.BackupService;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.TargetConfig;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The preview of any destination is what the run sends: for both source kinds, a history that forks at a1
 * (a1 → b2 → c3, and a1 → x9 → y8 labelled {@code rewards}), the SQL previewed from several recorded heads is applied
 * by hand to one database and the real upgrade is run on a twin; their version tables and tables must agree.
 */
class SqlPreviewTest {
    enum Kind { NATIVE, ALEMBIC }

    @TempDir
    Path dir;
    private Postgres.Database byHand;
    private Postgres.Database byRun;
    private AlembicProject project;
    private final BackupService backups = new BackupService(Clock.systemUTC());

    @AfterEach
    void drop() {
        byHand.close();
        byRun.close();
    }

    private void start(Kind kind, boolean merged) throws Exception {
        byHand = Postgres.create("preview_hand");
        byRun = Postgres.create("preview_run");
        revision(kind, "a1", List.of(), null);
        revision(kind, "b2", List.of("a1"), null);
        revision(kind, "c3", List.of("b2"), null);
        revision(kind, "x9", List.of("a1"), "rewards");
        revision(kind, "y8", List.of("x9"), null);
        if (merged) {
            revision(kind, "m5", List.of("c3", "y8"), null);
        }
        for (Postgres.Database db : List.of(byHand, byRun)) {
            new Upgrade(target(kind, db), backups).run("b2", "alice", Progress.Listener.NONE, new Cancellation());
            new Upgrade(target(kind, db), backups).run("x9", "alice", Progress.Listener.NONE, new Cancellation());
        }
    }

    private void revision(Kind kind, String id, List<String> parents, String label) throws Exception {
        String create = id.startsWith("m") ? "" : "CREATE TABLE t_" + id + " (id int)";
        if (kind == Kind.NATIVE) {
            Files.createDirectories(dir.resolve("sql"));
            Files.writeString(dir.resolve("sql/" + id + ".sql"), "-- revision: " + id + "\n-- down_revision: "
                    + String.join(", ", parents) + (label == null ? "" : "\n-- branch_labels: " + label)
                    + "\n-- message: " + id + "\n-- migrate:up\n" + create + (create.isEmpty() ? "" : ";")
                    + "\n-- migrate:down\n" + (create.isEmpty() ? "" : "DROP TABLE t_" + id + ";") + "\n");
            return;
        }
        if (project == null) {
            project = AlembicProject.createOnline(dir.resolve("alembic"));
        }
        Path file = project.revision(id, parents, create.isEmpty() ? "pass" : "op.execute(\"" + create + "\")",
                create.isEmpty() ? "pass" : "op.execute(\"DROP TABLE t_" + id + "\")");
        if (label != null) {
            Files.writeString(file, Files.readString(file) + "\nbranch_labels = ('" + label + "',)\n");
        }
    }

    private Target target(Kind kind, Postgres.Database db) {
        if (kind == Kind.ALEMBIC) {
            return Target.open(Targets.alembic(db, project));
        }
        TargetConfig base = Targets.config(db);
        return Target.open(new TargetConfig(base.name(), base.url(), base.user(), base.password(),
                base.environment(), new MigrationsSource.Sql(dir.resolve("sql")), "alembic_version", null,
                base.backup()));
    }

    /** Applies the preview to one twin, runs the upgrade on the other, and compares them. */
    private SqlPreview.Result previewThenCompare(Kind kind, String destination) throws Exception {
        SqlPreview.Result preview = new SqlPreview(target(kind, byHand)).preview(List.of("b2", "x9"), destination,
                true);
        try (Connection c = byHand.connect(); Statement s = c.createStatement()) {
            s.execute(preview.sql());
        }
        new Upgrade(target(kind, byRun), backups).run(destination, "alice", Progress.Listener.NONE,
                new Cancellation());
        for (String query : List.of("SELECT string_agg(version_num, ',' ORDER BY version_num) FROM alembic_version",
                "SELECT string_agg(tablename, ',' ORDER BY tablename) FROM pg_tables WHERE schemaname = 'public'")) {
            assertThat(byHand.queryOne(query)).as(query).isEqualTo(byRun.queryOne(query));
        }
        return preview;
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aLabelTargetAndSeveralRecordedHeadsToHeadsPreviewWhatTheUpgradeRuns(Kind kind) throws Exception {
        start(kind, false);
        SqlPreview.Result label = new SqlPreview(target(kind, byHand)).preview("a1:rewards@head", true);
        assertThat(label.revisions()).containsExactly("x9", "y8");
        assertThat(label.to()).isEqualTo("y8");
        assertThat(label.sql()).contains("CREATE TABLE t_x9", "CREATE TABLE t_y8").doesNotContain("t_b2");
        SqlPreview.Result preview = previewThenCompare(kind, "heads");
        assertThat(preview.revisions()).containsExactlyInAnyOrder("c3", "y8");
        assertThat(preview.from()).isEqualTo("b2,x9");
        assertThat(preview.sql()).contains("CREATE TABLE t_c3", "CREATE TABLE t_y8").doesNotContain("t_b2", "t_x9");
        assertThat(byRun.queryOne("SELECT string_agg(version_num, ',' ORDER BY version_num) FROM alembic_version"))
                .isEqualTo("c3,y8");
        if (kind == Kind.ALEMBIC) {
            assertThat(preview.sql()).contains("--   alembic upgrade b2:heads --sql", "--   alembic upgrade x9:heads "
                    + "--sql", "UPDATE alembic_version SET version_num='y8' WHERE alembic_version.version_num = 'x9'");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aMergeFromSeveralHeadsIsPreviewedWhole(Kind kind) throws Exception {
        start(kind, true);
        SqlPreview.Result merge = previewThenCompare(kind, "m5");
        assertThat(merge.revisions()).containsExactlyInAnyOrder("c3", "y8", "m5");
        assertThat(byRun.queryOne("SELECT string_agg(version_num, ',') FROM alembic_version")).isEqualTo("m5");
    }
}
