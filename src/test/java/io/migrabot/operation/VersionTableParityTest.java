package io.migrabot.operation;

import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One scenario across a fork and a merge, played three times: by the real {@code alembic} command, by migrabot
 * running the same Alembic project, and by migrabot running the same history in its native SQL format. After
 * every step the three version tables must hold the same rows, and the tables the migrations create must match.
 */
class VersionTableParityTest {
    @TempDir
    Path dir;
    private final List<Postgres.Database> databases = new ArrayList<>();
    private Postgres.Database byAlembic;
    private Postgres.Database byMigrabotAlembic;
    private Postgres.Database byMigrabotSql;
    private AlembicProject project;
    private Path config;

    /** root <- {left, rite} <- join(left, rite) <- top. */
    private static final String[][] HISTORY = {
            {"root", ""}, {"left", "root"}, {"rite", "root"}, {"join", "left,rite"}, {"topp", "join"}};

    @BeforeEach
    void setUp() throws Exception {
        byAlembic = track(Postgres.create("parity_alembic"));
        byMigrabotAlembic = track(Postgres.create("parity_mba"));
        byMigrabotSql = track(Postgres.create("parity_mbs"));
        project = AlembicProject.createOnline(dir.resolve("alembic"));
        Path sql = Files.createDirectories(dir.resolve("sql"));
        Parity.write(HISTORY, project, sql);
        config = dir.resolve("migrabot.yml");
        Files.writeString(config, "targets:\n"
                + target("viaalembic", byMigrabotAlembic, "{kind: alembic, config: " + project.ini()
                + ", environment: {DATABASE_URL: " + byMigrabotAlembic.sqlalchemyUrl() + "}}")
                + target("viasql", byMigrabotSql, "{kind: sql, directory: " + sql + "}"));
    }

    private static String target(String name, Postgres.Database db, String migrations) {
        return "  " + name + ":\n    url: " + db.url() + "\n    user: " + db.user() + "\n    environment: development\n"
                + "    migrations: " + migrations + "\n    backup: {before: []}\n";
    }

    private Postgres.Database track(Postgres.Database db) {
        databases.add(db);
        return db;
    }

    @AfterEach
    void drop() {
        databases.forEach(Postgres.Database::close);
    }

    private void alembic(String... args) {
        Parity.alembic(dir, project, byAlembic.sqlalchemyUrl(), args);
    }

    private void migrabot(String target, String... args) {
        Parity.migrabot(config, target, args);
    }

    private static TreeSet<String> rows(Postgres.Database db, String query) throws Exception {
        TreeSet<String> rows = new TreeSet<>();
        try (Connection c = db.connect(); ResultSet rs = c.createStatement().executeQuery(query)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private void step(String... args) throws Exception {
        alembic(args);
        migrabot("viaalembic", args);
        migrabot("viasql", args);
        String versions = "SELECT version_num FROM alembic_version";
        String tables = "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename LIKE 't\\_%'";
        TreeSet<String> expected = rows(byAlembic, versions);
        assertThat(rows(byMigrabotAlembic, versions)).as("rows after %s (Alembic project)", String.join(" ", args))
                .isEqualTo(expected);
        assertThat(rows(byMigrabotSql, versions)).as("rows after %s (native SQL)", String.join(" ", args))
                .isEqualTo(expected);
        assertThat(rows(byMigrabotSql, tables)).as("tables after %s", String.join(" ", args))
                .isEqualTo(rows(byAlembic, tables));
    }

    @Test
    void everyStepLeavesTheSameRowsAsAlembic() throws Exception {
        step("upgrade", "left");
        step("upgrade", "rite");
        step("upgrade", "join");
        step("downgrade", "left");
        step("downgrade", "rite@-1");
        step("upgrade", "heads");
        step("downgrade", "rite");
        step("stamp", "left");
        step("stamp", "base");
        step("stamp", "left", "rite");
        step("downgrade", "base");
        step("upgrade", "root");
        step("stamp", "rite", "--purge");
        step("stamp", "root", "--purge");
        step("upgrade", "head");
    }
}
