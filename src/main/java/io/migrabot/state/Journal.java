package io.migrabot.state;

import io.migrabot.database.TargetDatabase;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Operations as they run. An entry is written before an operation starts and finished when it ends, so one still
 * {@code running} after its instance died was cut off, and is reported to its chat by whichever instance notices
 * first. The update that started an operation is recorded with it: the same update, delivered again after a
 * crash, cannot start it twice.
 */
public final class Journal {
    private final TargetDatabase database;
    private final String instance;

    /** How an operation ended. */
    public enum End {
        DONE("done"), FAILED("failed"), INTERRUPTED("interrupted");

        private final String state;

        End(String state) {
            this.state = state;
        }
    }

    /** @param instance this process's id ({@link Presence#id()}) */
    public Journal(StateDatabase state, String instance) {
        this.database = state.database();
        this.instance = instance;
    }

    /** A journal entry. */
    public record Entry(long id, String target, String operation, String arguments, Long userId, Long chatId,
                        Instant startedAt, String state, String detail) {
    }

    /**
     * Records that an operation starts; empty when {@code delivery} already started one (handled again).
     *
     * @param delivery the update that started it ({@link io.migrabot.chat.IncomingUpdate#updateId()}), or
     *                 {@code null} when none did (a scheduled job)
     */
    public Optional<Long> start(String target, String operation, String arguments, long userId, long chatId,
                                Long delivery) {
        return database.withHandle("writing the operation journal", h -> h.createQuery(
                        "INSERT INTO migrabot_journal (target, operation, arguments, user_id, chat_id, instance, "
                                + "delivery) VALUES (:target, :operation, :arguments, :user, :chat, :instance, "
                                + ":delivery) ON CONFLICT (delivery) WHERE delivery IS NOT NULL DO NOTHING RETURNING id")
                .bind("target", target).bind("operation", operation).bind("arguments", arguments)
                .bind("user", userId).bind("chat", chatId).bind("instance", instance).bind("delivery", delivery)
                .mapTo(Long.class).findOne());
    }

    /**
     * Records how an operation ended. An entry already marked interrupted (by this instance's stop, or by another
     * instance while this one had lost the state database) gets the outcome that really came.
     */
    public void finish(long id, End end, String detail) {
        database.withHandle("writing the operation journal", h -> h.createUpdate(
                        "UPDATE migrabot_journal SET state = :state, finished_at = now(), detail = :detail "
                                + "WHERE id = :id AND state IN ('running', 'interrupted')")
                .bind("state", end.state).bind("detail", detail).bind("id", id).execute());
    }

    /**
     * Marks the operations still running on instances that died as interrupted and returns them; each is returned
     * to one caller only, however many instances ask at once.
     */
    public List<Entry> cutOffElsewhere() {
        return interrupt("instance <> :instance AND instance NOT IN (" + Presence.living() + ")",
                "cut off: migrabot stopped while it ran");
    }

    /** Marks this instance's operations still running as interrupted, saying why, and returns them. */
    public List<Entry> cutOffHere(String detail) {
        return interrupt("instance = :instance", detail);
    }

    private List<Entry> interrupt(String which, String detail) {
        return database.withHandle("reading the operation journal", h -> h.createQuery(
                        "UPDATE migrabot_journal SET state = 'interrupted', finished_at = now(), detail = :detail "
                                + "WHERE state = 'running' AND " + which + " RETURNING id, target, operation, "
                                + "arguments, user_id, chat_id, started_at, state, detail")
                .bind("instance", instance).bind("detail", detail)
                .map((rs, ctx) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5), (Long) rs.getObject(6), rs.getTimestamp(7).toInstant(),
                        rs.getString(8), rs.getString(9)))
                .list());
    }
}
