package io.migrabot.state;

import io.migrabot.script.SqlMigration;
import io.migrabot.script.SqlScriptDirectory;
import io.migrabot.script.SqlStatements;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The state migration that makes Quartz's job store is Quartz's own script, split as psql would split it. */
class QuartzTablesTest {
    private static final String SHIPPED = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    /** The statements without the comments before them. */
    private static List<String> statements(List<SqlStatements.Statement> statements) {
        return statements.stream().map(s -> s.sql().lines().filter(line -> !line.startsWith("--"))
                .collect(Collectors.joining("\n")).strip()).toList();
    }

    private static List<String> shipped() throws Exception {
        try (InputStream in = QuartzTablesTest.class.getClassLoader().getResourceAsStream(SHIPPED)) {
            assertThat(in).as("the quartz jar ships " + SHIPPED).isNotNull();
            return statements(SqlStatements.split(new String(in.readAllBytes(), StandardCharsets.UTF_8), 1));
        }
    }

    private static SqlMigration migration() {
        return SqlScriptDirectory.fromClasspath("db/state").byRevision().get("state_0004");
    }

    @Test
    void theUpSectionIsQuartzsScriptWithoutItsDropsAndCommit() throws Exception {
        List<String> shipped = shipped();
        assertThat(shipped).filteredOn(sql -> sql.startsWith("CREATE TABLE")).hasSize(11);
        List<String> kept = shipped.stream().filter(s -> !s.startsWith("DROP TABLE IF EXISTS"))
                .filter(s -> !s.equals("COMMIT")).toList();
        List<String> up = statements(migration().up());
        assertThat(up.subList(up.size() - kept.size(), up.size())).isEqualTo(kept);
        assertThat(up.subList(0, up.size() - kept.size())).allMatch(s -> s.startsWith("CREATE TABLE migrabot_drift"));
    }

    @Test
    void theDownSectionDropsEveryTableTheUpSectionMade() {
        List<String> made = statements(migration().up()).stream().filter(s -> s.startsWith("CREATE TABLE"))
                .map(s -> s.split("\\s+")[2]).sorted().toList();
        List<String> dropped = statements(migration().down().orElseThrow()).stream()
                .map(s -> s.replace("DROP TABLE ", "")).sorted().toList();
        assertThat(dropped).isEqualTo(made);
    }

    @Test
    void quartzsTablesExistAfterTheStateDatabaseOpens() {
        try (Postgres.Database db = Postgres.create("quartz");
             StateDatabase state = StateDatabase.open(Targets.config(db).connection(), "q")) {
            List<String> tables = state.database().withHandle("listing", h -> h.createQuery(
                    "SELECT tablename FROM pg_tables WHERE tablename LIKE 'qrtz%' ORDER BY 1").mapTo(String.class)
                    .list());
            assertThat(tables).hasSize(11).contains("qrtz_triggers", "qrtz_cron_triggers", "qrtz_locks");
        }
    }
}
