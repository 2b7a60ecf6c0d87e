package io.migrabot.state;

import io.migrabot.config.RetentionPolicy;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What pruning deletes and what it keeps, kind by kind, on a real state database: old rows go, in as many batches
 * as it takes; rows something may still need stay however old they are.
 */
class RetentionTest {
    private Postgres.Database db;
    private StateDatabase state;

    @BeforeEach
    void database() {
        db = Postgres.create("retention");
        state = StateDatabase.open(Targets.config(db).connection(), "test");
    }

    @AfterEach
    void drop() {
        state.close();
        db.close();
    }

    private void sql(String sql) {
        state.database().withHandle("filling", h -> h.execute(sql));
    }

    private List<String> column(String query) {
        return state.database().withHandle("reading", h -> h.createQuery(query).mapTo(String.class).list());
    }

    private Retention.Pruned prune() {
        return new Retention(state, RetentionPolicy.DEFAULT, Clock.systemUTC()).prune();
    }

    @Test
    void processedUpdatesOlderThanAWeekGoAndUnprocessedOnesStay() {
        sql("INSERT INTO migrabot_inbox (update_id, payload, state, done_at) VALUES "
                + "(1, '{}', 'done', now() - interval '8 days'), (2, '{}', 'failed', now() - interval '8 days'), "
                + "(3, '{}', 'done', now() - interval '6 days')");
        sql("INSERT INTO migrabot_inbox (update_id, payload, state, received_at) VALUES "
                + "(4, '{}', 'new', now() - interval '30 days'), (5, '{}', 'processing', now() - interval '30 days')");
        assertThat(prune().rows()).containsEntry("inbox", 2L);
        assertThat(column("SELECT update_id FROM migrabot_inbox ORDER BY 1")).containsExactly("3", "4", "5");
    }

    @Test
    void auditEntriesOlderThanAYearGoInAsManyBatchesAsItTakes() {
        int old = Retention.BATCH * 2 + 7;
        sql("INSERT INTO migrabot_audit (at, command, decision) SELECT now() - interval '366 days', 'old', 'allowed' "
                + "FROM generate_series(1, " + old + ")");
        sql("INSERT INTO migrabot_audit (at, command, decision) VALUES (now() - interval '364 days', 'kept', "
                + "'allowed')");
        assertThat(prune().rows()).containsEntry("audit", (long) old);
        assertThat(column("SELECT command FROM migrabot_audit")).containsExactly("kept");
    }

    @Test
    void finishedOperationsAndDecidedApprovalsGoButRunningAndPendingOnesStay() {
        sql("INSERT INTO migrabot_journal (target, operation, started_at, finished_at, state) VALUES "
                + "('shop', 'old done', now() - interval '100 days', now() - interval '100 days', 'done'), "
                + "('shop', 'old running', now() - interval '100 days', NULL, 'running'), "
                + "('shop', 'recent', now() - interval '10 days', now() - interval '10 days', 'failed')");
        sql("INSERT INTO migrabot_approval (id, created_at, expires_at, target, operation, arguments, requested_by, "
                + "chat_id, required, state, decided_at) VALUES "
                + "('decided', now() - interval '100 days', now() - interval '99 days', 'shop', 'upgrade', '{}', 1, 1, "
                + "1, 'done', now() - interval '100 days'), "
                + "('pending', now() - interval '100 days', now() - interval '99 days', 'shop', 'upgrade', '{}', 1, 1, "
                + "1, 'pending', NULL), "
                + "('executing', now() - interval '100 days', now() - interval '99 days', 'shop', 'upgrade', '{}', 1, "
                + "1, 1, 'executing', now() - interval '100 days')");
        sql("INSERT INTO migrabot_approval_message VALUES ('decided', 1, 10), ('pending', 1, 11)");
        sql("INSERT INTO migrabot_fix (id, created_at, expires_at, target, operation, arguments, chat_id) VALUES "
                + "('old', now() - interval '100 days', now() - interval '91 days', 'shop', 'stamp', '{}', 1), "
                + "('new', now(), now() + interval '1 day', 'shop', 'stamp', '{}', 1)");
        Retention.Pruned pruned = prune();
        assertThat(pruned.rows()).containsEntry("journal", 1L).containsEntry("approvals", 1L)
                .containsEntry("fixes", 1L);
        assertThat(column("SELECT operation FROM migrabot_journal ORDER BY id")).containsExactly("old running",
                "recent");
        assertThat(column("SELECT id FROM migrabot_approval ORDER BY id")).containsExactly("executing", "pending");
        assertThat(column("SELECT approval_id FROM migrabot_approval_message")).containsExactly("pending");
        assertThat(column("SELECT id FROM migrabot_fix")).containsExactly("new");
    }

    @Test
    void driftAlertsGoAMonthAfterTheyStoppedMatteringButATargetsCurrentAlertStays() {
        sql("INSERT INTO migrabot_drift_alert (id, target, posted_at, summary, acknowledged_at) VALUES "
                + "('superseded', 'shop', now() - interval '40 days', 's', NULL), "
                + "('acknowledged long ago', 'shop', now() - interval '60 days', 's', now() - interval '31 days'), "
                + "('acknowledged lately', 'shop', now() - interval '60 days', 's', now() - interval '29 days'), "
                + "('current', 'stage', now() - interval '300 days', 's', NULL)");
        sql("INSERT INTO migrabot_drift_alert_message VALUES ('superseded', 1, 1), ('current', 1, 2)");
        sql("INSERT INTO migrabot_drift (target, state, fingerprint, detail, checked_at, changed_at, alert_id) "
                + "VALUES ('stage', 'drift', 'f', '1 finding', now(), now() - interval '300 days', 'current')");
        assertThat(prune().rows()).containsEntry("drift alerts", 2L);
        assertThat(column("SELECT id FROM migrabot_drift_alert ORDER BY id")).containsExactly(
                "acknowledged lately", "current");
        assertThat(column("SELECT alert_id FROM migrabot_drift")).containsExactly("current");
    }

    @Test
    void expectedSchemasOfScriptVersionsInUseOrAmongTheNewestStayAndTheRestGo() {
        int rows = Retention.MODEL_BATCH + 3;
        for (String scripts : List.of("old1", "old2", "old3", "a", "b", "c", "d")) {
            sql("INSERT INTO migrabot_schema_cache (scripts, state, model) SELECT '" + scripts + "', 'r' || n, 'x' "
                    + "FROM generate_series(1, " + rows + ") n");
        }
        sql("INSERT INTO migrabot_schema_cache_use (scripts, used_at) VALUES ('old1', now() - interval '100 days'), "
                + "('old2', now() - interval '99 days'), ('old3', now() - interval '98 days'), "
                + "('a', now() - interval '40 hours'), ('b', now() - interval '30 hours'), "
                + "('c', now() - interval '20 hours'), ('d', now() - interval '200 days')");
        new SchemaCacheTable(state).find("d", "nothing built yet"); // a drift check looks there: d is in use

        assertThat(prune().rows()).containsEntry("expected schemas", 3L * rows);
        assertThat(column("SELECT DISTINCT scripts FROM migrabot_schema_cache ORDER BY 1"))
                .as("used within 2 days").containsExactly("a", "b", "c", "d");

        sql("UPDATE migrabot_schema_cache_use SET used_at = used_at - interval '1000 days'");
        assertThat(prune().rows()).containsEntry("expected schemas", (long) rows);
        assertThat(column("SELECT DISTINCT scripts FROM migrabot_schema_cache ORDER BY 1"))
                .as("the 3 most recently used").containsExactly("b", "c", "d");
        assertThat(column("SELECT scripts FROM migrabot_schema_cache_use ORDER BY 1")).containsExactly("b", "c", "d");
    }

    @Test
    void theSizeIsTheDatabasesOnDisk() {
        assertThat(new Retention(state, RetentionPolicy.DEFAULT, Clock.systemUTC()).size()).isGreaterThan(1_000_000L);
    }
}
