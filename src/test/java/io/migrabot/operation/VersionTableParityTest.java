package io.migrabot.operation;

import io.migrabot.Main;
import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Python;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
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
        for (String[] r : HISTORY) {
            List<String> parents = r[1].isEmpty() ? List.of() : List.of(r[1].split(","));
            project.revision(r[0], parents, "op.create_table('t_" + r[0] + "', sa.Column('id', sa.Integer))",
                    "op.drop_table('t_" + r[0] + "')");
            Files.writeString(sql.resolve(r[0] + ".sql"), "-- revision: " + r[0] + "\n-- down_revision: "
                    + String.join(", ", parents) + "\n-- migrate:up\nCREATE TABLE t_" + r[0] + " (id integer);\n"
                    + "-- migrate:down\nDROP TABLE t_" + r[0] + ";\n");
        }
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
        List<String> command = new ArrayList<>(List.of("env", "DATABASE_URL=" + byAlembic.sqlalchemyUrl(),
                "/usr/bin/alembic", "-c", project.ini().toString()));
        command.addAll(List.of(args));
        Python.Result result = Python.exec(dir, "", command);
        assertThat(result.exitCode()).as("alembic %s: %s", String.join(" ", args), result.stderr()).isZero();
    }

    private void migrabot(String target, String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--target", target, "--config", config.toString()));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(command.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as("migrabot %s on %s: %s %s", String.join(" ", args), target, out, err).isZero();
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
