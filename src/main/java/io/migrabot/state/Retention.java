package io.migrabot.state;

import io.migrabot.config.RetentionPolicy;
import io.migrabot.database.TargetDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Deletes from the state database what its {@link RetentionPolicy} no longer keeps: processed inbox rows, old
 * audit and journal entries, decided approvals and expired fixes, drift alerts no longer current, and the expected
 * schemas of script versions no longer in use. It deletes in small batches, each its own short transaction, so
 * the bot's own writes never wait long behind it; rows something may still need (a pending approval, a running
 * operation, an update not yet processed, a target's current alert) are never deleted. A table it deleted from is
 * vacuumed at once, so the space is reused by the next day's rows whether or not autovacuum runs on the server.
 */
public final class Retention {
    /** Rows deleted per transaction. */
    static final int BATCH = 500;
    /** Expected schemas deleted per transaction: one can be megabytes. */
    static final int MODEL_BATCH = 10;
    private static final Logger log = LoggerFactory.getLogger(Retention.class);
    private static final String OLDER = " < CAST(:now AS timestamptz) - make_interval(secs => :keep)";

    private final TargetDatabase database;
    private final RetentionPolicy policy;
    private final Clock clock;

    /** @param clock what "now" is when ages are counted (a benchmark simulates a year with it) */
    public Retention(StateDatabase state, RetentionPolicy policy, Clock clock) {
        this.database = state.database();
        this.policy = policy;
        this.clock = clock;
    }

    /** What one pruning deleted, by kind, and how long it took. */
    public record Pruned(Map<String, Long> rows, Duration took) {
        public long total() {
            return rows.values().stream().mapToLong(Long::longValue).sum();
        }
    }

    public Pruned prune() {
        long started = System.nanoTime();
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        Map<String, Long> rows = new LinkedHashMap<>();
        rows.put("inbox", delete("migrabot_inbox", "delivery", "state IN ('done', 'failed') AND done_at" + OLDER,
                policy.inbox(), BATCH, now));
        rows.put("audit", delete("migrabot_audit", "id", "at" + OLDER, policy.audit(), BATCH, now));
        rows.put("journal", delete("migrabot_journal", "id", "state <> 'running' AND coalesce(finished_at, "
                + "started_at)" + OLDER, policy.journal(), BATCH, now));
        rows.put("approvals", delete("migrabot_approval", "id", "state NOT IN ('pending', 'executing') "
                + "AND coalesce(decided_at, expires_at)" + OLDER, policy.approvals(), BATCH, now));
        rows.put("fixes", delete("migrabot_fix", "id", "expires_at" + OLDER, policy.approvals(), BATCH, now));
        rows.put("drift alerts", delete("migrabot_drift_alert", "id", "NOT EXISTS (SELECT 1 FROM migrabot_drift d "
                + "WHERE d.alert_id = migrabot_drift_alert.id) AND coalesce(acknowledged_at, posted_at)" + OLDER,
                policy.driftAlerts(), BATCH, now));
        rows.put("expected schemas", expectedSchemas(now));
        Pruned pruned = new Pruned(rows, Duration.ofNanos(System.nanoTime() - started));
        log.info("Pruned {} row(s) from the state database in {} ms: {}", pruned.total(), pruned.took().toMillis(),
                rows);
        return pruned;
    }

    /** The state database's size on disk, in bytes. */
    public long size() {
        return database.withHandle("measuring the state database", h -> h.createQuery(
                "SELECT pg_database_size(current_database())").mapTo(Long.class).one());
    }

    /**
     * Keeps the expected schemas of the script versions read or built within {@code schema_cache}, and of the
     * {@code schema_cache_versions} most recently used; deletes the rest. Recent use is checked again in every
     * batch, so a version that comes back into use meanwhile keeps what is left of it.
     */
    private long expectedSchemas(OffsetDateTime now) {
        List<String> newest = database.withHandle("reading which expected schemas are in use", h -> h.createQuery(
                        "SELECT scripts FROM migrabot_schema_cache_use ORDER BY used_at DESC LIMIT :versions")
                .bind("versions", policy.schemaCacheVersions()).mapTo(String.class).list());
        String unused = "NOT (scripts = ANY(:newest)) AND NOT EXISTS (SELECT 1 FROM migrabot_schema_cache_use u "
                + "WHERE u.scripts = %s.scripts AND NOT (u.used_at" + OLDER + "))";
        long deleted = 0;
        long seconds = policy.schemaCache().toSeconds();
        for (int n = MODEL_BATCH; n == MODEL_BATCH; deleted += n) {
            n = database.withHandle("pruning expected schemas", h -> h.createUpdate(
                            "DELETE FROM migrabot_schema_cache WHERE (scripts, state) IN (SELECT scripts, state "
                                    + "FROM migrabot_schema_cache c WHERE " + unused.formatted("c") + " LIMIT :batch)")
                    .bindArray("newest", String.class, newest).bind("keep", (double) seconds).bind("now", now)
                    .bind("batch", MODEL_BATCH)
                    .execute());
        }
        vacuum("migrabot_schema_cache", deleted);
        database.withHandle("pruning expected schemas", h -> h.createUpdate("DELETE FROM migrabot_schema_cache_use "
                        + "WHERE " + unused.formatted("migrabot_schema_cache_use") + " AND NOT EXISTS (SELECT 1 FROM "
                        + "migrabot_schema_cache c WHERE c.scripts = migrabot_schema_cache_use.scripts)")
                .bindArray("newest", String.class, newest).bind("keep", (double) seconds).bind("now", now)
                .execute());
        return deleted;
    }

    /** Deletes the rows of {@code table} matching {@code condition}, {@code batch} at a time; returns how many. */
    private long delete(String table, String key, String condition, Duration keep, int batch, OffsetDateTime now) {
        long deleted = 0;
        for (int n = batch; n == batch; deleted += n) {
            n = database.withHandle("pruning " + table, h -> h.createUpdate("DELETE FROM " + table + " WHERE " + key
                            + " IN (SELECT " + key + " FROM " + table + " WHERE " + condition + " LIMIT :batch)")
                    .bind("keep", (double) keep.toSeconds()).bind("now", now).bind("batch", batch).execute());
        }
        vacuum(table, deleted);
        return deleted;
    }

    /** Makes the space of deleted rows reusable (a plain VACUUM: it locks out no reader or writer). */
    private void vacuum(String table, long deleted) {
        if (deleted > 0) {
            database.withHandle("vacuuming " + table, h -> h.execute("VACUUM (ANALYZE) " + table));
        }
    }
}
