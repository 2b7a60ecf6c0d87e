package io.migrabot.state;

import io.migrabot.database.TargetDatabase;

import java.time.Duration;
import java.util.Optional;

/**
 * Telegram updates, stored before they are processed and processed from here once per delivery. The long-poll
 * library acknowledges an update before handing it over, so without this a crash would lose it; with it, an
 * update written but not finished is picked up again by whichever instance claims it first, as soon as the
 * instance that claimed it has died (see {@link Presence}); an instance that lives keeps its claims, however long
 * an update takes.
 *
 * <p>Telegram's update ids are not unique for good: after a week without updates the next id is chosen at random,
 * and another bot token counts from its own start. An update is therefore a duplicate only when the same poller
 * stored an update with its id within {@link #REDELIVERY_WINDOW}; each update stored gets a delivery number of its
 * own, which is what the rest of the bot (the journal) uses to recognise an update it handled.
 */
public final class Inbox {
    /**
     * How long Telegram can deliver an update again: it keeps an update that was not acknowledged for 24 hours at
     * most. An id seen longer ago than this is a new update.
     */
    public static final Duration REDELIVERY_WINDOW = Duration.ofHours(24);
    /** The key space of the transaction locks that let one poller at a time store a given update id. */
    private static final int LOCK_SPACE = 0x6d67696e; // 'mgin'

    private final TargetDatabase database;
    private final long poller;

    /** @param poller tells the bot token the updates come from apart from others, without revealing it */
    public Inbox(StateDatabase state, long poller) {
        this.database = state.database();
        this.poller = poller;
    }

    /** An update to process: its delivery number, Telegram's id, and the update as stored. */
    public record Entry(long delivery, long updateId, String payload) {
    }

    /**
     * Stores an update; false when this poller stored one with the same id within the redelivery window (Telegram
     * delivered it again). Rows stored before pollers were recorded count as any poller's.
     */
    public boolean record(long updateId, String payloadJson) {
        return database.inTransaction("storing update " + updateId, h -> {
            h.createQuery("SELECT pg_advisory_xact_lock(:space, hashint8(:id))")
                    .bind("space", LOCK_SPACE).bind("id", updateId).mapTo(String.class).one();
            return h.createUpdate("INSERT INTO migrabot_inbox (update_id, poller, payload) "
                            + "SELECT :id, :poller, CAST(:payload AS jsonb) WHERE NOT EXISTS (SELECT 1 FROM "
                            + "migrabot_inbox WHERE update_id = :id AND (poller = :poller OR poller IS NULL) "
                            + "AND received_at > now() - make_interval(secs => :window))")
                    .bind("id", updateId).bind("poller", poller).bind("payload", payloadJson)
                    .bind("window", (double) REDELIVERY_WINDOW.toSeconds()).execute() == 1;
        });
    }

    /**
     * Claims the oldest update that is new or whose claimer died; no two claimers get the same one. An instance
     * that is not registered (it lost its session and has not registered again yet) claims nothing: to the other
     * instances, and to its own workers, its claims would look like those of an instance that died.
     */
    public Optional<Entry> claimNext(String instance) {
        return database.withHandle("claiming an update", h -> h.createQuery(
                        "UPDATE migrabot_inbox SET state = 'processing', claimed_by = :instance, claimed_at = now() "
                                + "WHERE delivery = (SELECT delivery FROM migrabot_inbox WHERE state = 'new' "
                                + "OR (state = 'processing' AND claimed_by NOT IN (" + Presence.living() + ")) "
                                + "ORDER BY delivery FOR UPDATE SKIP LOCKED LIMIT 1) "
                                + "AND CAST(:instance AS text) IN (" + Presence.living() + ")"
                                + " RETURNING delivery, update_id, payload::text")
                .bind("instance", instance)
                .map((rs, ctx) -> new Entry(rs.getLong(1), rs.getLong(2), rs.getString(3))).findOne());
    }

    public void done(long delivery) {
        finish(delivery, "done", null);
    }

    public void failed(long delivery, String error) {
        finish(delivery, "failed", error);
    }

    private void finish(long delivery, String state, String error) {
        database.withHandle("finishing delivery " + delivery, h -> h.createUpdate(
                        "UPDATE migrabot_inbox SET state = :state, done_at = now(), error = :error "
                                + "WHERE delivery = :delivery")
                .bind("state", state).bind("error", error).bind("delivery", delivery).execute());
    }
}
