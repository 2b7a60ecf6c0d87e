package io.migrabot.operation;

import io.migrabot.backup.BackupService;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Operations on an Alembic project, run by the real Alembic against a real PostgreSQL. */
class AlembicOperationsTest {
    @TempDir
    Path dir;
    private Postgres.Database db;
    private AlembicProject project;
    private final BackupService backups = new BackupService(Clock.systemUTC());

    @BeforeEach
    void setUp() {
        db = Postgres.create("alembic_ops");
        project = AlembicProject.createOnline(dir);
        project.revision("a1", List.of(), "op.create_table('a', sa.Column('id', sa.Integer))", "op.drop_table('a')");
        project.revision("b2", List.of("a1"), "op.create_table('b', sa.Column('id', sa.Integer))", "op.drop_table('b')");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private Target target() {
        return Target.open(Targets.alembic(db, project));
    }

    @Test
    void upgradeReportsAlembicsStepsAsProgress() {
        List<Progress> events = new ArrayList<>();
        MigrationResult result = new Upgrade(target(), backups).run("head", "alice", events::add, new Cancellation());
        assertThat(result.after()).containsExactly("b2");
        assertThat(events).extracting(Progress::revision).containsExactly("a1", "b2");
    }

    @Test
    void aFailingRevisionInTheMiddleLeavesTheTableAtTheLastGoodRevision() {
        project.revision("c3", List.of("b2"), "op.execute('SELECT * FROM no_such_table')", "pass");
        new Upgrade(target(), backups).run("a1", "alice", Progress.Listener.NONE, new Cancellation());
        assertThatThrownBy(() -> new Upgrade(target(), backups).run("head", "alice", Progress.Listener.NONE,
                new Cancellation())).hasMessageContaining("alembic upgrade head exited with status 1")
                .hasMessageContaining("no_such_table");
        // Alembic runs the whole upgrade in one transaction (env.py's begin_transaction): nothing of it stays
        assertThat(new Current(target()).read().heads()).extracting(n -> n.id()).containsExactly("a1");
    }

    @Test
    void mergeIsWrittenByAlembicFollowingTheProjectTemplate() throws Exception {
        project.write("migrations/script.py.mako", "\"\"\"${message}\n\nCustom template\n\"\"\"\n"
                + "revision = ${repr(up_revision)}\ndown_revision = ${repr(down_revision)}\n\n\n"
                + "def upgrade():\n    pass\n\n\ndef downgrade():\n    pass\n");
        project.revision("c3", List.of("a1"), "pass", "pass");
        Merge.Result merge = new Merge(target()).run("--sql", List.of());
        assertThat(merge.merged()).containsExactly("b2", "c3");
        assertThat(Files.readString(merge.file())).contains("Custom template").contains("\"\"\"--sql")
                .contains("down_revision = ('b2', 'c3')");
        assertThat(target().scripts().graph().heads()).containsExactly(merge.revision());
    }

    @Test
    void aMergeWithoutTheProjectsTemplateSaysWhatIsMissingAndWritesNothing() throws Exception {
        project.revision("c3", List.of("a1"), "pass", "pass");
        Files.deleteIfExists(project.root().resolve("migrations/script.py.mako"));
        assertThatThrownBy(() -> new Merge(target()).run("merge heads", List.of()))
                .hasMessageContaining("script.py.mako, which does not exist");
        assertThat(target().scripts().graph().heads()).hasSize(2);
    }

    @Test
    void sqlPreviewIsAlembicsOfflineOutput() {
        SqlPreview.Result preview = new SqlPreview(target()).preview("a1:b2", true);
        assertThat(preview.sql()).contains("CREATE TABLE b").contains("UPDATE alembic_version SET version_num='b2'");
        assertThat(new Current(target()).read().versionTableExists()).isFalse();
    }

    @Test
    void aMigrationThatReadsTheDatabaseMakesThePreviewUnavailableAndSaysPreciselyWhy() {
        Path file = project.revision("c3", List.of("b2"), "op.get_bind().execute(sa.text('SELECT 1')).scalar()",
                "pass");
        assertThatThrownBy(() -> new SqlPreview(target()).preview("b2:c3", true))
                .hasMessageContaining("Alembic cannot write this SQL offline (`alembic upgrade b2:c3 --sql`): "
                        + "revision c3 failed while its SQL was being written, at " + file + ":10, in upgrade "
                        + "(op.get_bind().execute(sa.text('SELECT 1')).scalar())")
                .hasMessageContaining("AttributeError")
                .hasMessageContaining("Offline mode (--sql) has no database connection");
    }

    @Test
    void stampIsRecordedInTheTableAlembicReads() {
        new Stamp(target(), backups).run(List.of("b2"), false, "alice");
        List<String> lines = new ArrayList<>();
        io.migrabot.testing.Python.Result current = io.migrabot.testing.Python.exec(dir, "", List.of("env",
                "DATABASE_URL=" + db.sqlalchemyUrl(),
                "/usr/bin/alembic", "-c", project.ini().toString(), "current"));
        lines.addAll(current.stdout().lines().toList());
        assertThat(lines).containsExactly("b2 (head)");
    }
}
