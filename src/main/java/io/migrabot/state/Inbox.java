package io.migrabot.state;

import io.migrabot.database.TargetDatabase;

import java.util.Optional;

/**
 * Telegram updates, stored before they are processed and processed from here once per update id. The long-poll
 * library acknowledges an update before handing it over, so without this a crash would lose it; with it, an
 * update written but not finished is picked up again by whichever instance claims it first, as soon as the
 * instance that claimed it has died (see {@link Presence}); an instance that lives keeps its claims, however long
 * an update takes.
 */
public final class Inbox {
    private final TargetDatabase database;

    public Inbox(StateDatabase state) {
        this.database = state.database();
    }

    /** An update to process. */
    public record Entry(long updateId, String payload) {
    }

    /** Stores an update; false when it was stored before (a redelivery). */
    public boolean record(long updateId, String payloadJson) {
        return database.withHandle("storing update " + updateId, h -> h.createUpdate(
                        "INSERT INTO migrabot_inbox (update_id, payload) VALUES (:id, CAST(:payload AS jsonb)) "
                                + "ON CONFLICT (update_id) DO NOTHING")
                .bind("id", updateId).bind("payload", payloadJson).execute() == 1);
    }

    /** Claims the oldest update that is new or whose claimer died; no two claimers get the same one. */
    public Optional<Entry> claimNext(String instance) {
        return database.withHandle("claiming an update", h -> h.createQuery(
                        "UPDATE migrabot_inbox SET state = 'processing', claimed_by = :instance, claimed_at = now() "
                                + "WHERE update_id = (SELECT update_id FROM migrabot_inbox WHERE state = 'new' "
                                + "OR (state = 'processing' AND NOT " + Presence.alive("claimed_by") + ") "
                                + "ORDER BY update_id FOR UPDATE SKIP LOCKED LIMIT 1) "
                                + "RETURNING update_id, payload::text")
                .bind("instance", instance)
                .map((rs, ctx) -> new Entry(rs.getLong(1), rs.getString(2))).findOne());
    }

    public void done(long updateId) {
        finish(updateId, "done", null);
    }

    public void failed(long updateId, String error) {
        finish(updateId, "failed", error);
    }

    private void finish(long updateId, String state, String error) {
        database.withHandle("finishing update " + updateId, h -> h.createUpdate(
                        "UPDATE migrabot_inbox SET state = :state, done_at = now(), error = :error "
                                + "WHERE update_id = :id")
                .bind("state", state).bind("error", error).bind("id", updateId).execute());
    }
}
