package io.migrabot.state;

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
                "migrabot_state_version");
        List<String> version = state.database().withHandle("reading", h -> h.createQuery(
                "SELECT version_num FROM migrabot_state_version").mapTo(String.class).list());
        assertThat(version).containsExactly("state_0005");
    }

    @Test
    void aStateSchemaFromANewerMigrabotIsRefused() {
        StateDatabase state = open("a");
        state.database().withHandle("future", h -> h.execute("UPDATE migrabot_state_version SET version_num = 'state_9999'"));
        assertThatThrownBy(() -> open("b")).hasMessageContaining("a newer migrabot migrated it");
    }
}
