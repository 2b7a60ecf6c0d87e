package io.migrabot.operation;

import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Sqlite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQLite targets against the real Alembic on SQLite: one scenario across a fork, stamps, purges and a merge, played
 * by the {@code alembic} command, by migrabot running the same Alembic project and by migrabot running the same
 * history in native SQL, each on a database file of its own. After every step the version tables hold the same
 * rows, the migrations' tables match, and the version table is the very table Alembic makes (its stored SQL).
 */
class SqliteParityTest {
    @TempDir
    Path dir;
    private Path byAlembic;
    private Path byMigrabotAlembic;
    private Path byMigrabotSql;
    private AlembicProject project;
    private Path sql;
    private Path config;

    private static final String[][] HISTORY = {{"root", ""}, {"left", "root"}, {"rite", "root"}};
    private static final String VERSIONS = "SELECT version_num FROM alembic_version";
    private static final String VERSION_TABLE = "SELECT sql FROM sqlite_schema WHERE name = 'alembic_version'";

    @BeforeEach
    void setUp() throws Exception {
        byAlembic = Sqlite.create(dir.resolve("by alembic.db"));
        byMigrabotAlembic = Sqlite.create(dir.resolve("via alembic's project.db"));
        byMigrabotSql = Sqlite.create(dir.resolve("via sql.db"));
        project = AlembicProject.createOnline(dir.resolve("alembic"));
        sql = Files.createDirectories(dir.resolve("sql"));
        Parity.write(HISTORY, project, sql);
        project.write("migrations/script.py.mako", "\"\"\"${message}\"\"\"\nrevision = ${repr(up_revision)}\n"
                + "down_revision = ${repr(down_revision)}\n\n\ndef upgrade():\n    pass\n\n\n"
                + "def downgrade():\n    pass\n");
        config = dir.resolve("migrabot.yml");
        Files.writeString(config, "targets:\n"
                + target("viaalembic", byMigrabotAlembic, "{kind: alembic, config: '" + project.ini()
                + "', environment: {DATABASE_URL: \"" + Sqlite.sqlalchemyUrl(byMigrabotAlembic) + "\"}}")
                + target("viasql", byMigrabotSql, "{kind: sql, directory: '" + sql + "'}"));
    }

    private static String target(String name, Path db, String migrations) {
        return "  " + name + ":\n    url: \"" + Sqlite.url(db) + "\"\n    environment: development\n"
                + "    migrations: " + migrations + "\n    backup: {before: []}\n";
    }

    private String alembic(String... args) {
        return Parity.alembic(dir, project, Sqlite.sqlalchemyUrl(byAlembic), args);
    }

    private String migrabot(String target, String... args) {
        return Parity.migrabot(config, target, args);
    }

    private void everywhere(String... args) {
        alembic(args);
        migrabot("viaalembic", args);
        migrabot("viasql", args);
    }

    private void step(String... args) {
        everywhere(args);
        String step = String.join(" ", args);
        assertThat(Sqlite.rows(byMigrabotAlembic, VERSIONS)).as("rows after %s (Alembic project)", step)
                .isEqualTo(Sqlite.rows(byAlembic, VERSIONS));
        assertThat(Sqlite.rows(byMigrabotSql, VERSIONS)).as("rows after %s (native SQL)", step)
                .isEqualTo(Sqlite.rows(byAlembic, VERSIONS));
        assertThat(Sqlite.tables(byMigrabotSql)).as("tables after %s", step).isEqualTo(Sqlite.tables(byAlembic));
        assertThat(Sqlite.column(byMigrabotSql, VERSION_TABLE)).as("the version table after %s", step)
                .isEqualTo(Sqlite.column(byAlembic, VERSION_TABLE));
    }

    @Test
    void everyStepLeavesTheSameRowsAsAlembic() {
        step("upgrade", "left");
        step("upgrade", "rite");
        step("downgrade", "rite@-1");
        step("upgrade", "heads");
        step("stamp", "left");
        step("stamp", "base");
        step("stamp", "left", "rite");
        step("downgrade", "base");
        step("upgrade", "root");
        step("stamp", "rite", "--purge");
        step("stamp", "root", "--purge");
        step("upgrade", "heads");
        assertThat(Sqlite.column(byAlembic, VERSION_TABLE)).singleElement().asString()
                .startsWith("CREATE TABLE alembic_version (");
    }

    @Test
    void mergesOfBothSourceKindsUpgradeLikeAlembicsMerge() {
        step("upgrade", "heads");
        String viaAlembic = migrabot("viaalembic", "merge", "-m", "join the branches");
        String viaSql = migrabot("viasql", "merge", "-m", "join the branches");
        String alembicMerge = viaAlembic.replaceAll("(?s).*revision (\\w+) merges.*", "$1");
        String sqlMerge = viaSql.replaceAll("(?s).*revision (\\w+) merges.*", "$1");

        everywhere("upgrade", "heads");
        assertThat(Sqlite.rows(byAlembic, VERSIONS)).containsExactly(alembicMerge);
        assertThat(Sqlite.rows(byMigrabotAlembic, VERSIONS)).containsExactly(alembicMerge);
        assertThat(Sqlite.rows(byMigrabotSql, VERSIONS)).containsExactly(sqlMerge);
        step("downgrade", "base");
        assertThat(Sqlite.tables(byMigrabotSql)).containsExactly("alembic_version");
    }

    @Test
    void sqlPreviewsAreAlembicsOfflineSqlAndTheNativeRunnersStatements() {
        assertThat(migrabot("viaalembic", "sql", "base:left")).isEqualTo(alembic("upgrade", "base:left", "--sql"));
        assertThat(migrabot("viasql", "sql", "base:left"))
                .contains("CREATE TABLE IF NOT EXISTS alembic_version (\n\tversion_num VARCHAR(32) NOT NULL, \n\t"
                        + "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n)")
                .contains("CREATE TABLE t_root (id integer);\n", "CREATE TABLE t_left (id integer);\n",
                        "UPDATE \"alembic_version\" SET version_num='left' WHERE version_num = 'root';");
        assertThat(Sqlite.tables(byMigrabotSql)).as("a preview runs nothing").isEmpty();
    }
}
