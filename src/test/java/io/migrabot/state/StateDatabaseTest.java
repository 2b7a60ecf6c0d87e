package io.migrabot.state;

import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
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
                "migrabot_fix", "migrabot_inbox", "migrabot_journal", "migrabot_schema_cache",
                "migrabot_state_version");
        List<String> version = state.database().withHandle("reading", h -> h.createQuery(
                "SELECT version_num FROM migrabot_state_version").mapTo(String.class).list());
        assertThat(version).containsExactly("state_0004");
    }

    @Test
    void aStateSchemaFromANewerMigrabotIsRefused() {
        StateDatabase state = open("a");
        state.database().withHandle("future", h -> h.execute("UPDATE migrabot_state_version SET version_num = 'state_9999'"));
        assertThatThrownBy(() -> open("b")).hasMessageContaining("a newer migrabot migrated it");
    }

    @Test
    void eachUpdateIsRecordedOnceAndClaimedByOneInstanceOnly() {
        Inbox inbox = new Inbox(open("a"), Duration.ofMinutes(5));
        assertThat(inbox.record(10, "{\"update_id\": 10}")).isTrue();
        assertThat(inbox.record(10, "{\"update_id\": 10}")).isFalse();
        assertThat(inbox.record(11, "{\"update_id\": 11}")).isTrue();

        List<Long> claimed = Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<Void>> claimers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String instance = "i" + i;
            claimers.add(CompletableFuture.runAsync(() -> inbox.claimNext(instance)
                    .ifPresent(e -> claimed.add(e.updateId()))));
        }
        claimers.forEach(CompletableFuture::join);
        assertThat(claimed).containsExactlyInAnyOrder(10L, 11L);
        assertThat(inbox.claimNext("late")).isEmpty();
    }

    @Test
    void anUnfinishedUpdateIsTakenOverAfterItsClaimerDiedOrReleasedIt() throws Exception {
        Inbox inbox = new Inbox(open("a"), Duration.ofSeconds(1));
        inbox.record(20, "{}");
        assertThat(inbox.claimNext("dead")).map(Inbox.Entry::updateId).contains(20L);
        assertThat(inbox.claimNext("alive")).isEmpty();
        Thread.sleep(1500);
        Optional<Inbox.Entry> taken = inbox.claimNext("alive");
        assertThat(taken).map(Inbox.Entry::updateId).contains(20L);
        inbox.done(20);
        assertThat(inbox.claimNext("other")).isEmpty();

        inbox.record(21, "{}");
        inbox.claimNext("stopping");
        assertThat(inbox.release("stopping")).isEqualTo(1);
        assertThat(inbox.claimNext("other")).map(Inbox.Entry::updateId).contains(21L);
    }
}
