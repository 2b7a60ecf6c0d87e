package io.migrabot.runner;

import io.migrabot.database.TargetDatabase;
import io.migrabot.database.VersionTable;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.script.SqlScriptDirectory;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NativeSqlRunnerTest {
    @TempDir
    Path dir;
    private Postgres.Database db;
    private TargetDatabase target;
    private final VersionTable table = new VersionTable("alembic_version", null);

    @BeforeEach
    void database() {
        db = Postgres.create("native");
        target = TargetDatabase.of(Targets.config(db));
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private void revision(String file, String id, String parents, String up, String down) throws IOException {
        Files.writeString(dir.resolve(file), "-- revision: " + id + "\n-- down_revision: " + parents + "\n"
                + "-- message: " + id + "\n-- migrate:up\n" + up + (down == null ? "" : "\n-- migrate:down\n" + down));
    }

    private List<String> upgrade(String destination, List<Progress> events) {
        SqlScriptDirectory scripts = SqlScriptDirectory.load(dir);
        RevisionGraph graph = scripts.graph();
        List<String> heads = target.withHandle("reading", h -> table.read(h).orElse(List.of()));
        NativeSqlRunner runner = new NativeSqlRunner(target, table, scripts, graph);
        return runner.run(graph.traversal().upgradePlan(destination, heads), true, heads, events::add);
    }

    private List<String> downgrade(String destination) {
        SqlScriptDirectory scripts = SqlScriptDirectory.load(dir);
        RevisionGraph graph = scripts.graph();
        List<String> heads = target.withHandle("reading", h -> table.read(h).orElse(List.of()));
        return new NativeSqlRunner(target, table, scripts, graph)
                .run(graph.traversal().downgradePlan(destination, heads), false, heads, Progress.Listener.NONE);
    }

    private List<String> recorded() {
        return target.withHandle("reading", h -> table.read(h).orElse(List.of()));
    }

    private boolean tableExists(String name) {
        return target.withHandle("checking", h -> h.createQuery("SELECT to_regclass(:n) IS NOT NULL")
                .bind("n", name).mapTo(Boolean.class).one());
    }

    @Test
    void upgradesStepByStepRecordingEachRevisionAndReportingProgress() throws IOException {
        revision("1.sql", "r1", "", "CREATE TABLE a (id serial PRIMARY KEY);", "DROP TABLE a;");
        revision("2.sql", "r2", "r1", "CREATE TABLE b (id serial PRIMARY KEY);", "DROP TABLE b;");
        revision("3.sql", "r3", "r2", "ALTER TABLE b ADD COLUMN name text;", "ALTER TABLE b DROP COLUMN name;");
        List<Progress> events = new ArrayList<>();
        assertThat(upgrade("head", events)).containsExactly("r3");
        assertThat(recorded()).containsExactly("r3");
        assertThat(events).extracting(Progress::step, Progress::total, Progress::revision)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, 3, "r1"),
                        org.assertj.core.groups.Tuple.tuple(2, 3, "r2"), org.assertj.core.groups.Tuple.tuple(3, 3, "r3"));
        assertThat(downgrade("r1")).containsExactly("r1");
        assertThat(tableExists("b")).isFalse();
        assertThat(downgrade("base")).isEmpty();
        assertThat(recorded()).isEmpty();
    }

    @Test
    void aFailingRevisionRollsBackAloneAndNamesFileLineAndSqlState() throws IOException {
        revision("1.sql", "r1", "", "CREATE TABLE a (id int);", null);
        revision("2.sql", "r2", "r1", "CREATE TABLE b (id int);\nINSERT INTO b VALUES (1);\nINSERT INTO nope VALUES (1);",
                null);
        revision("3.sql", "r3", "r2", "CREATE TABLE c (id int);", null);
        assertThatThrownBy(() -> upgrade("head", new ArrayList<>()))
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> {
                    assertThat(e.revision()).isEqualTo("r2");
                    assertThat(e.sqlState()).isEqualTo("42P01");
                })
                .hasMessageContaining("upgrade of r2 failed at " + dir.resolve("2.sql") + ":7 (SQLSTATE 42P01)")
                .hasMessageContaining("relation \"nope\" does not exist")
                .hasMessageContaining("rolled back");
        assertThat(recorded()).containsExactly("r1");
        assertThat(tableExists("a")).isTrue();
        assertThat(tableExists("b")).isFalse();
        assertThat(tableExists("c")).isFalse();
    }

    @Test
    void aStatementFailingInTheMiddleOfARevisionIsNamedAndTheRevisionRolledBack() throws IOException {
        revision("1.sql", "r1", "", "CREATE TABLE a (id int);", null);
        revision("2.sql", "r2", "r1", "CREATE TABLE b (id int);\nINSERT INTO b VALUES ('x');\nCREATE TABLE c (id int);",
                null);
        assertThatThrownBy(() -> upgrade("head", new ArrayList<>()))
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> assertThat(e.sqlState()).isEqualTo("22P02"))
                .hasMessageContaining("upgrade of r2 failed at " + dir.resolve("2.sql") + ":6 (SQLSTATE 22P02)")
                .hasMessageContaining("invalid input syntax for type integer")
                .hasMessageContaining("the revision was rolled back");
        assertThat(recorded()).containsExactly("r1");
        assertThat(tableExists("b")).isFalse();
        assertThat(tableExists("c")).isFalse();
    }

    @Test
    void aFailingVersionTableChangeIsToldFromTheStatementSentWithIt() throws IOException {
        revision("1.sql", "r1", "", "CREATE TABLE a (id int);", null);
        revision("2.sql", "r2", "r1", "CREATE TABLE b (id int);", null);
        upgrade("r1", new ArrayList<>());
        execute("CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'frozen'; END $$;"
                + "CREATE TRIGGER frozen BEFORE UPDATE ON alembic_version FOR EACH ROW EXECUTE FUNCTION refuse()");
        assertThatThrownBy(() -> upgrade("head", new ArrayList<>()))
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> assertThat(e.sqlState()).isEqualTo("P0001"))
                .hasMessageContaining("upgrade of r2 failed recording it in the version table alembic_version "
                        + "(SQLSTATE P0001): ERROR: frozen")
                .hasMessageContaining("the revision was rolled back");
        assertThat(recorded()).containsExactly("r1");
        assertThat(tableExists("b")).isFalse();
    }

    @Test
    void aVersionRowThatDoesNotChangeRollsTheRevisionBack() throws IOException {
        revision("1.sql", "r1", "", "CREATE TABLE a (id int);", null);
        revision("2.sql", "r2", "r1", "CREATE TABLE b (id int);", null);
        upgrade("r1", new ArrayList<>());
        execute("CREATE FUNCTION skip() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NULL; END $$;"
                + "CREATE TRIGGER skipped BEFORE UPDATE ON alembic_version FOR EACH ROW EXECUTE FUNCTION skip()");
        assertThatThrownBy(() -> upgrade("head", new ArrayList<>()))
                .hasMessageContaining("expected one row to change for 'update r1 -> r2', none or several changed");
        assertThat(recorded()).containsExactly("r1");
        assertThat(tableExists("b")).isFalse();
    }

    @Test
    void aRevisionFailingAtItsCommitIsNamedAndRolledBack() throws IOException {
        revision("1.sql", "r1", "", "CREATE TABLE a (id int PRIMARY KEY);", null);
        revision("2.sql", "r2", "r1", "CREATE TABLE b (a_id int REFERENCES a DEFERRABLE INITIALLY DEFERRED);\n"
                + "INSERT INTO b VALUES (1);", null);
        assertThatThrownBy(() -> upgrade("head", new ArrayList<>()))
                .isInstanceOfSatisfying(MigrationFailedException.class, e -> assertThat(e.sqlState()).isEqualTo("23503"))
                .hasMessageContaining("upgrade of r2 failed at its commit (" + dir.resolve("2.sql") + ") (SQLSTATE 23503)")
                .hasMessageContaining("the revision was rolled back");
        assertThat(recorded()).containsExactly("r1");
        assertThat(tableExists("b")).isFalse();
    }

    @Test
    void aFailureAmongRevisionsSentTogetherKeepsTheOnesBeforeAndRunsNoneAfter() throws IOException {
        assertFailureAmongRevisionsSentTogether();
    }

    /** With the simple query protocol the statements go one at a time, with the same outcome. */
    @Test
    void theSimpleQueryProtocolGivesTheSameOutcome() throws IOException {
        target = TargetDatabase.of(Targets.config(db.name(), db.url() + "?preferQueryMode=simple", db.user(), ""));
        assertFailureAmongRevisionsSentTogether();
    }

    /** 40 quick revisions (sent in batches of 1, 2, 4, 8, 16, ...), the 30th failing in its second statement. */
    private void assertFailureAmongRevisionsSentTogether() throws IOException {
        String parent = "";
        for (int i = 1; i <= 40; i++) {
            revision(i + ".sql", "r" + i, parent, "CREATE TABLE t" + i + " (id int);\nINSERT INTO t" + i
                    + (i == 30 ? " VALUES ('x');" : " VALUES (1);") + "\nCREATE TABLE u" + i + " (id int);", null);
            parent = "r" + i;
        }
        List<Progress> events = new ArrayList<>();
        assertThatThrownBy(() -> upgrade("head", events))
                .hasMessageContaining("upgrade of r30 failed at " + dir.resolve("30.sql") + ":6 (SQLSTATE 22P02)")
                .hasMessageContaining("the revision was rolled back");
        assertThat(recorded()).containsExactly("r29");
        assertThat(events).extracting(Progress::revision).hasSize(29).endsWith("r29");
        assertThat(tableExists("u29")).isTrue();
        assertThat(tableExists("t30")).isFalse();
        assertThat(tableExists("t31")).isFalse();
    }

    /** A statement that returns rows runs whole: not cut at the first row, as a batch entry of pgjdbc's would be. */
    @Test
    void aStatementReturningRowsRunsToItsEnd() throws IOException {
        revision("1.sql", "r1", "", "CREATE SEQUENCE s;\nSELECT nextval('s') FROM generate_series(1, 5);\n"
                + "CREATE TABLE after_select (id int);", null);
        revision("2.sql", "r2", "r1", "SELECT nextval('s') FROM generate_series(1, 5);", null);
        upgrade("head", new ArrayList<>());
        long last = target.withHandle("reading", h -> h.createQuery("SELECT last_value FROM s").mapTo(Long.class)
                .one());
        assertThat(last).isEqualTo(10L);
        assertThat(recorded()).containsExactly("r2");
    }

    /**
     * Why the runner does not use JDBC batches: after a failed batch, pgjdbc reports no entry as done, so the counts
     * cannot say which statement failed (see {@link io.migrabot.database.Pipeline}).
     */
    @Test
    void pgjdbcReportsEveryEntryOfAFailedBatchAsFailed() throws Exception {
        try (java.sql.Connection c = db.connect(); java.sql.Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.addBatch("CREATE TABLE a (id int)");
            s.addBatch("SELECT 1/0");
            s.addBatch("CREATE TABLE b (id int)");
            assertThatThrownBy(s::executeBatch).isInstanceOfSatisfying(java.sql.BatchUpdateException.class,
                    e -> assertThat(e.getUpdateCounts()).containsOnly(java.sql.Statement.EXECUTE_FAILED));
            c.rollback();
        }
    }

    private void execute(String sql) {
        target.withHandle("preparing", h -> {
            try (java.sql.Statement statement = h.getConnection().createStatement()) {
                return statement.execute(sql);
            }
        });
    }

    @Test
    void statementsReachPostgresAsWrittenWithColonsAndQuestionMarks() throws IOException {
        revision("1.sql", "r1", "", "CREATE TABLE doc (body jsonb, note text);\n"
                + "INSERT INTO doc VALUES ('{\"a\": 1}', 'at 10:30 :name ?');\n"
                + "CREATE TABLE hit AS SELECT body ? 'a' AS has_a, note FROM doc;", null);
        upgrade("head", new ArrayList<>());
        String note = target.withHandle("reading", h -> h.createQuery("SELECT note FROM hit WHERE has_a")
                .mapTo(String.class).one());
        assertThat(note).isEqualTo("at 10:30 :name ?");
    }

    @Test
    void anIdTooLongForTheVersionTableIsRefusedBeforeAnythingRuns() throws IOException {
        revision("1.sql", "r1", "", "CREATE TABLE a (id int);", null);
        revision("2.sql", "004_rename_knowledge_chunks_metadata", "r1", "CREATE TABLE b (id int);", null);
        assertThatThrownBy(() -> upgrade("head", new ArrayList<>()))
                .hasMessageContaining("revision id 004_rename_knowledge_chunks_metadata")
                .hasMessageContaining("has 36 characters").hasMessageContaining("nothing was run");
        assertThat(tableExists("a")).isFalse();
    }

    @Test
    void nonTransactionalRevisionCanCreateAnIndexConcurrently() throws IOException {
        revision("1.sql", "r1", "", "CREATE TABLE users (email text);", null);
        Files.writeString(dir.resolve("2.sql"), "-- revision: r2\n-- down_revision: r1\n-- transactional: false\n"
                + "-- migrate:up\nCREATE INDEX CONCURRENTLY users_email ON users (email);\n");
        revision("3.sql", "r3", "r2", "CREATE TABLE after_index (id int);\nCREATE TABLE after_index_2 (id int);", null);
        assertThat(upgrade("head", new ArrayList<>())).containsExactly("r3");
        assertThat(tableExists("users_email")).isTrue();
        assertThat(tableExists("after_index_2")).isTrue();
    }

    @Test
    void aNonTransactionalRevisionFailingKeepsItsEarlierStatementsAndIsNotRecorded() throws IOException {
        revision("1.sql", "r1", "", "CREATE TABLE a (id int);", null);
        Files.writeString(dir.resolve("2.sql"), "-- revision: r2\n-- down_revision: r1\n-- transactional: false\n"
                + "-- migrate:up\nCREATE TABLE b (id int);\nINSERT INTO nope VALUES (1);\n");
        assertThatThrownBy(() -> upgrade("head", new ArrayList<>()))
                .hasMessageContaining("upgrade of r2 failed at " + dir.resolve("2.sql") + ":6 (SQLSTATE 42P01)")
                .hasMessageContaining("the statements before this one stay applied");
        assertThat(recorded()).containsExactly("r1");
        assertThat(tableExists("b")).isTrue();
    }

    @Test
    void cancellingStopsBetweenRevisionsWithTheFinishedOnesRecorded() throws IOException {
        revision("1.sql", "r1", "", "CREATE TABLE a (id int);", null);
        revision("2.sql", "r2", "r1", "CREATE TABLE b (id int);", null);
        revision("3.sql", "r3", "r2", "CREATE TABLE c (id int);", null);
        SqlScriptDirectory scripts = SqlScriptDirectory.load(dir);
        RevisionGraph graph = scripts.graph();
        Cancellation cancellation = new Cancellation();
        assertThatThrownBy(() -> new NativeSqlRunner(target, table, scripts, graph).run(graph.traversal()
                .upgradePlan("head", List.of()), true, List.of(), p -> cancellation.cancel(), cancellation))
                .hasMessageContaining("upgrade cancelled before r2 (2 of 3)");
        assertThat(recorded()).containsExactly("r1");
        assertThat(tableExists("b")).isFalse();
    }

    @Test
    void downgradeOfARevisionWithoutDownSectionIsRefusedBeforeAnythingRuns() throws IOException {
        revision("1.sql", "r1", "", "CREATE TABLE a (id int);", "DROP TABLE a;");
        revision("2.sql", "r2", "r1", "CREATE TABLE b (id int);", null);
        upgrade("head", new ArrayList<>());
        assertThatThrownBy(() -> downgrade("base")).hasMessageContaining("r2")
                .hasMessageContaining("has no '-- migrate:down' section, so it cannot be downgraded; nothing was run");
        assertThat(recorded()).containsExactly("r2");
        assertThat(tableExists("a")).isTrue();
    }

    @Test
    void forksAndMergesLeaveOneRowPerHeadAsAlembicDoes() throws IOException {
        revision("1.sql", "root", "", "SELECT 1;", "SELECT 1;");
        revision("2.sql", "left", "root", "SELECT 1;", "SELECT 1;");
        revision("3.sql", "rite", "root", "SELECT 1;", "SELECT 1;");
        revision("4.sql", "join", "left, rite", "SELECT 1;", "SELECT 1;");
        upgrade("left", new ArrayList<>());
        assertThat(upgrade("rite", new ArrayList<>())).containsExactlyInAnyOrder("left", "rite");
        assertThat(recorded()).containsExactlyInAnyOrder("left", "rite");
        assertThat(upgrade("heads", new ArrayList<>())).containsExactly("join");
        assertThat(recorded()).containsExactly("join");
    }

    @Test
    void previewShowsStatementsAndVersionTableChangesWithoutRunningThem() throws IOException {
        revision("1.sql", "r1", "", "CREATE TABLE a (id int);", null);
        revision("2.sql", "r2", "r1", "CREATE TABLE b (id int);", null);
        SqlScriptDirectory scripts = SqlScriptDirectory.load(dir);
        RevisionGraph graph = scripts.graph();
        String sql = new NativeSqlRunner(target, table, scripts, graph)
                .preview(graph.traversal().upgradePlan("head", List.of()), true, List.of(), false);
        assertThat(sql).isEqualTo(table.createStatement() + ";\n\n"
                + "-- Running upgrade r1 (" + dir.resolve("1.sql") + ")\nCREATE TABLE a (id int);\n"
                + "INSERT INTO \"alembic_version\" (version_num) VALUES ('r1');\n\n"
                + "-- Running upgrade r2 (" + dir.resolve("2.sql") + ")\nCREATE TABLE b (id int);\n"
                + "UPDATE \"alembic_version\" SET version_num='r2' WHERE version_num = 'r1';\n\n");
        assertThat(tableExists("a")).isFalse();
    }
}
