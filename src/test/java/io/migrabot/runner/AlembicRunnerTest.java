package io.migrabot.runner;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.Secret;
import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The real Alembic as a subprocess, against a real PostgreSQL. */
class AlembicRunnerTest {
    @TempDir
    Path dir;
    private Postgres.Database db;
    private AlembicProject project;

    @BeforeEach
    void setUp() {
        db = Postgres.create("alembic");
        project = AlembicProject.createOnline(dir);
        project.revision("a1", List.of(), "op.create_table('a', sa.Column('id', sa.Integer, primary_key=True))",
                "op.drop_table('a')");
        project.revision("b2", List.of("a1"), "op.create_table('b', sa.Column('id', sa.Integer, primary_key=True))",
                "op.drop_table('b')");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private AlembicRunner runner(List<String> command, Duration timeout) {
        String url = db.url().replace("jdbc:postgresql:", "postgresql:");
        url = url.replace("//", "//" + db.user() + "@");
        return new AlembicRunner("shop", new MigrationsSource.Alembic(project.ini(), "alembic", command, dir, timeout,
                Map.of("DATABASE_URL", new Secret(url))));
    }

    private List<String> versions() throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement()
                .executeQuery("SELECT version_num FROM alembic_version")) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    @Test
    void upgradeRunsAlembicAndTurnsItsLogIntoProgress() throws Exception {
        List<Progress> events = new ArrayList<>();
        runner(List.of("alembic"), Duration.ofMinutes(2)).run(List.of("upgrade", "b2"), 2, events::add,
                new Cancellation());
        assertThat(versions()).containsExactly("b2");
        assertThat(events).extracting(Progress::step, Progress::total, Progress::revision, Progress::upgrade)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 2, "a1", true),
                        org.assertj.core.groups.Tuple.tuple(2, 2, "b2", true));
        List<Progress> down = new ArrayList<>();
        runner(List.of("alembic"), Duration.ofMinutes(2)).run(List.of("downgrade", "a1"), 1, down::add,
                new Cancellation());
        assertThat(down).extracting(Progress::revision, Progress::upgrade)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("b2", false));
        assertThat(versions()).containsExactly("a1");
    }

    @Test
    void sqlModePrintsTheStatementsOnStandardOutput() {
        AlembicRunner.Output output = runner(List.of("alembic"), Duration.ofMinutes(2))
                .run(List.of("upgrade", "a1:b2", "--sql"), 0, Progress.Listener.NONE, new Cancellation());
        assertThat(String.join("\n", output.stdout())).contains("CREATE TABLE b")
                .contains("UPDATE alembic_version SET version_num='b2' WHERE alembic_version.version_num = 'a1'");
    }

    @Test
    void missingAlembicIsExplained() {
        assertThatThrownBy(() -> runner(List.of(dir.resolve("no-alembic").toString()), Duration.ofMinutes(1))
                .run(List.of("upgrade", "head"), 0, Progress.Listener.NONE, new Cancellation()))
                .isInstanceOfSatisfying(MigrabotException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.ALEMBIC))
                .hasMessageContaining("cannot run " + dir.resolve("no-alembic"))
                .hasMessageContaining("install Alembic there or set migrations.command");
    }

    @Test
    void failingAlembicCarriesTheTailOfItsOutput() {
        project.revision("c3", List.of("b2"), "op.execute('SELECT * FROM missing_table')", "pass");
        assertThatThrownBy(() -> runner(List.of("alembic"), Duration.ofMinutes(2))
                .run(List.of("upgrade", "c3"), 3, Progress.Listener.NONE, new Cancellation()))
                .hasMessageContaining("target shop: alembic upgrade c3 exited with status 1")
                .hasMessageContaining("missing_table");
    }

    @Test
    void aHangingRunIsStoppedAtTheTimeout() {
        long started = System.nanoTime();
        assertThatThrownBy(() -> runner(List.of("bash", "-c", "sleep 60", "alembic"), Duration.ofSeconds(1))
                .run(List.of("upgrade", "head"), 0, Progress.Listener.NONE, new Cancellation()))
                .hasMessageContaining("did not finish within").hasMessageContaining("was stopped");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    @Test
    void cancellationStopsTheRun() throws Exception {
        Cancellation cancellation = new Cancellation();
        CompletableFuture<AlembicRunner.Output> run = CompletableFuture.supplyAsync(() ->
                runner(List.of("bash", "-c", "sleep 60", "alembic"), Duration.ofMinutes(5))
                        .run(List.of("upgrade", "head"), 0, Progress.Listener.NONE, cancellation));
        Thread.sleep(500);
        cancellation.cancel();
        assertThatThrownBy(() -> run.get(20, TimeUnit.SECONDS)).hasMessageContaining("was cancelled and stopped");
    }
}
