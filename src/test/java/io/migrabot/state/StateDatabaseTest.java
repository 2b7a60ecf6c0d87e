package io.migrabot.state;

import io.migrabot.database.TargetDatabase;
import io.migrabot.database.VersionTable;
import io.migrabot.revision.RevisionGraph;
import io.migrabot.runner.NativeSqlRunner;
import io.migrabot.runner.Progress;
import io.migrabot.script.SqlScriptDirectory;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StateDatabaseTest {
    private Postgres.Database db;

    @BeforeEach
    void database() {
        db = Postgres.create("state");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private StateDatabase open(String instance) {
        return StateDatabase.open(Targets.config(db).connection(), instance);
    }

    @Test
    void opensByCreatingItsTablesOnceEvenWhenInstancesStartTogether() {
        List<CompletableFuture<StateDatabase>> starts = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String instance = "i" + i;
            starts.add(CompletableFuture.supplyAsync(() -> open(instance)));
        }
        starts.forEach(CompletableFuture::join);
        StateDatabase state = open("again");
        List<String> tables = state.database().withHandle("listing", h -> h.createQuery(
                "SELECT tablename FROM pg_tables WHERE tablename LIKE 'migrabot_%' ORDER BY 1")
                .mapTo(String.class).list());
        assertThat(tables).containsExactly("migrabot_approval", "migrabot_approval_message", "migrabot_audit",
                "migrabot_chat", "migrabot_drift", "migrabot_drift_alert", "migrabot_drift_alert_message",
                "migrabot_fix", "migrabot_inbox", "migrabot_instance", "migrabot_journal", "migrabot_schema_cache",
                "migrabot_schema_cache_use",
                "migrabot_state_version");
        List<String> version = state.database().withHandle("reading", h -> h.createQuery(
                "SELECT version_num FROM migrabot_state_version").mapTo(String.class).list());
        assertThat(version).containsExactly("state_0008");
    }

    @Test
    void updatesStoredBeforeDeliveriesAreNumberedInOrderAndTheirOperationsStillFoundByThem() {
        try (TargetDatabase database = TargetDatabase.of(Targets.config(db).connection())) {
            SqlScriptDirectory scripts = SqlScriptDirectory.fromClasspath("db/state");
            RevisionGraph graph = scripts.graph();
            new NativeSqlRunner(database, new VersionTable(StateDatabase.VERSION_TABLE, null), scripts, graph)
                    .run(graph.traversal().upgradePlan("state_0005", List.of()), true, List.of(),
                            Progress.Listener.NONE);
            database.withHandle("filling", h -> h.execute("INSERT INTO migrabot_inbox (update_id, payload) VALUES "
                    + "(30, '{}'), (10, '{}'), (20, '{}'); INSERT INTO migrabot_journal (target, operation, "
                    + "update_id) VALUES ('shop', 'upgrade', 20), ('shop', 'upgrade', -5)"));
        }
        StateDatabase state = open("upgraded");
        assertThat(column(state, "SELECT update_id || '@' || delivery FROM migrabot_inbox ORDER BY delivery"))
                .containsExactly("10@1", "20@2", "30@3");
        assertThat(column(state, "SELECT delivery FROM migrabot_journal ORDER BY id")).containsExactly("2", "-5");
        assertThat(new Journal(state, "upgraded").start("shop", "upgrade", "head", 1, 1, 2L)).isEmpty();
        assertThat(new Inbox(state, 1).record(20, "{}")).as("a redelivery of an update stored before").isFalse();
        assertThat(new Inbox(state, 1).record(40, "{}")).isTrue();
        assertThat(column(state, "SELECT delivery FROM migrabot_inbox WHERE update_id = 40")).containsExactly("4");
        state.close();
    }

    private static List<String> column(StateDatabase state, String query) {
        return state.database().withHandle("reading", h -> h.createQuery(query).mapTo(String.class).list());
    }

    @Test
    void aStateSchemaFromANewerMigrabotIsRefused() {
        StateDatabase state = open("a");
        state.database().withHandle("future", h -> h.execute("UPDATE migrabot_state_version SET version_num = 'state_9999'"));
        assertThatThrownBy(() -> open("b")).hasMessageContaining("a newer migrabot migrated it");
    }
}
