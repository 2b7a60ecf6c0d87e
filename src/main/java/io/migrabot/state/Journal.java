package io.migrabot.state;

import io.migrabot.database.TargetDatabase;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Operations as they run. An entry is written before an operation starts and finished when it ends, so one still
 * {@code running} when its instance starts again was cut off, and is reported to its chat. The update that started
 * an operation is recorded with it: the same update, delivered again after a crash, cannot start it twice.
 */
public final class Journal {
    private final TargetDatabase database;
    private final String instance;

    public Journal(StateDatabase state, String instance) {
        this.database = state.database();
        this.instance = instance;
    }

    /** A journal entry. */
    public record Entry(long id, String target, String operation, String arguments, Long userId, Long chatId,
                        Instant startedAt, String state, String detail) {
    }

    /**
     * Records that an operation starts; empty when update {@code updateId} already started one (a redelivery).
     *
     * @param updateId the update that started it, or {@code null} when none did (a scheduled job)
     */
    public Optional<Long> start(String target, String operation, String arguments, long userId, long chatId,
                                Long updateId) {
        return database.withHandle("writing the operation journal", h -> h.createQuery(
                        "INSERT INTO migrabot_journal (target, operation, arguments, user_id, chat_id, instance, "
                                + "update_id) VALUES (:target, :operation, :arguments, :user, :chat, :instance, "
                                + ":update) ON CONFLICT (update_id) WHERE update_id IS NOT NULL DO NOTHING RETURNING id")
                .bind("target", target).bind("operation", operation).bind("arguments", arguments)
                .bind("user", userId).bind("chat", chatId).bind("instance", instance).bind("update", updateId)
                .mapTo(Long.class).findOne());
    }

    public void finish(long id, boolean ok, String detail) {
        database.withHandle("writing the operation journal", h -> h.createUpdate(
                        "UPDATE migrabot_journal SET state = :state, finished_at = now(), detail = :detail "
                                + "WHERE id = :id AND state = 'running'")
                .bind("state", ok ? "done" : "failed").bind("detail", detail).bind("id", id).execute());
    }

    /**
     * Marks this instance's operations still running as interrupted and returns them: called at start, when
     * nothing of this instance can be running yet.
     */
    public List<Entry> interruptedAtStart() {
        return database.withHandle("reading the operation journal", h -> h.createQuery(
                        "UPDATE migrabot_journal SET state = 'interrupted', finished_at = now(), "
                                + "detail = 'cut off: migrabot stopped while it ran' "
                                + "WHERE state = 'running' AND instance = :instance RETURNING id, target, operation, "
                                + "arguments, user_id, chat_id, started_at, state, detail")
                .bind("instance", instance)
                .map((rs, ctx) -> new Entry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                        (Long) rs.getObject(5), (Long) rs.getObject(6), rs.getTimestamp(7).toInstant(),
                        rs.getString(8), rs.getString(9)))
                .list());
    }
}
