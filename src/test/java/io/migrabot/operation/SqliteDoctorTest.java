package io.migrabot.operation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.migrabot.Main;
import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Sqlite;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The doctor on SQLite files, in runbook 004's situations: the live schema read from the file, the expected ones
 * built in temporary SQLite shadows, for native SQL and for an Alembic project (its offline SQL for SQLite). Each
 * scenario names the findings and the fixes offered.
 */
class SqliteDoctorTest {
    @TempDir
    Path dir;
    private Path sql;
    private Path file;

    private static final String USERS = "CREATE TABLE users (id integer PRIMARY KEY, telegram_id integer NOT NULL "
            + "UNIQUE, name text)";
    private static final String ORDERS = "CREATE TABLE orders (id integer PRIMARY KEY, user_id integer NOT NULL "
            + "REFERENCES users (id) ON DELETE CASCADE, status text NOT NULL DEFAULT 'new')";
    private static final String ORDERS_INDEX = "CREATE INDEX orders_user ON orders (user_id)";
    private static final String PHONE = "ALTER TABLE users ADD COLUMN phone_number text";

    @BeforeEach
    void setUp() throws Exception {
        sql = Files.createDirectories(dir.resolve("sql"));
        revision("a001", "", USERS + ";", "DROP TABLE users;");
        revision("b002", "a001", ORDERS + ";\n" + ORDERS_INDEX + ";", "DROP TABLE orders;");
        revision("c003", "b002", PHONE + ";", "ALTER TABLE users DROP COLUMN phone_number;");
        file = Sqlite.create(dir.resolve("data/bot_database.db"));
    }

    private void revision(String id, String parent, String up, String down) throws Exception {
        Files.writeString(sql.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + parent
                + "\n-- migrate:up\n" + up + "\n-- migrate:down\n" + down + "\n");
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Main.run(args, new PrintWriter(out), new PrintWriter(err));
        return out + err.toString();
    }

    private String migrabot(String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--dir", sql.toString(), "--url", Sqlite.url(file)));
        return run(command.toArray(String[]::new));
    }

    /** The findings as "kind: fix arguments | ...", one per finding. */
    private static List<String> findings(String json) throws Exception {
        List<String> findings = new ArrayList<>();
        for (JsonNode finding : new ObjectMapper().readTree(json).path("findings")) {
            StringBuilder line = new StringBuilder(finding.path("kind").asText());
            for (JsonNode fix : finding.path("fixes")) {
                List<String> arguments = new ArrayList<>();
                fix.path("arguments").forEach(a -> arguments.add(a.asText()));
                line.append(" | ").append(fix.path("operation").asText()).append(" ")
                        .append(String.join(" ", arguments));
            }
            findings.add(line.toString());
        }
        return findings;
    }

    private List<String> doctor() throws Exception {
        return findings(migrabot("doctor", "--json"));
    }

    @Test
    void anUpToDateDatabaseIsHealthy() throws Exception {
        migrabot("upgrade", "head");
        assertThat(doctor()).isEmpty();
    }

    @Test
    void tablesMadeByTheApplicationWithoutAVersionTableAreMatchedToTheirRevision() throws Exception {
        Sqlite.create(file, USERS, ORDERS, ORDERS_INDEX); // "БД создана вручную, а не через миграции"
        assertThat(doctor()).containsExactly("unversioned_schema | stamp b002");
    }

    @Test
    void aStampAheadOfTheSchemaNamesTheRevisionTheSchemaIs() throws Exception {
        migrabot("upgrade", "a001");
        migrabot("stamp", "c003"); // "Миграция применилась, но таблицы не созданы"
        assertThat(doctor()).containsExactly("stamp_mismatch | stamp a001 --purge");
    }

    @Test
    void aDatabaseBehindAndAHandMadeChangeAreBothFound() throws Exception {
        migrabot("upgrade", "b002");
        Sqlite.create(file, "CREATE INDEX users_name ON users (name)");
        assertThat(doctor()).containsExactly("schema_drift", "behind | upgrade head");
    }

    @Test
    void anUnknownStampAndSeveralHeadsAreFound() throws Exception {
        migrabot("upgrade", "b002");
        migrabot("stamp", "c003");
        revision("d004", "b002", "CREATE TABLE settings (key text PRIMARY KEY, value text);", "DROP TABLE settings;");
        assertThat(doctor()).first().asString().startsWith("several_heads | merge");
        Files.delete(sql.resolve("d004.sql"));
        Files.delete(sql.resolve("c003.sql")); // an image with stale files: the stamped revision's is gone
        assertThat(doctor()).containsExactly("unknown_stamp | stamp b002 --purge");
    }

    @Test
    void anAlembicProjectsExpectedSchemasAreBuiltFromItsOfflineSqlForSqlite() throws Exception {
        AlembicProject project = AlembicProject.createOnline(dir.resolve("alembic"));
        project.revision("a001", List.of(), "op.create_table('users', sa.Column('id', sa.Integer, primary_key=True), "
                + "sa.Column('name', sa.String(50)))", "op.drop_table('users')");
        project.revision("b002", List.of("a001"), "op.create_index('users_name', 'users', ['name'])",
                "op.drop_index('users_name')");
        Sqlite.create(file, "CREATE TABLE users (id INTEGER NOT NULL, name VARCHAR(50), PRIMARY KEY (id))");
        Path config = dir.resolve("migrabot.yml");
        Files.writeString(config, "targets:\n  bot:\n    url: \"" + Sqlite.url(file) + "\"\n"
                + "    environment: production\n    migrations: {kind: alembic, config: '" + project.ini()
                + "', environment: {DATABASE_URL: \"" + Sqlite.sqlalchemyUrl(file) + "\"}}\n");
        assertThat(findings(run("doctor", "--json", "--target", "bot", "--config", config.toString())))
                .containsExactly("unversioned_schema | stamp a001");
    }
}
