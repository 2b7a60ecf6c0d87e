package io.migrabot.state;

import io.migrabot.database.TargetDatabase;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The audit log: one row per command, refusal, request and decision, kept in the state database; a stranger's
 * messages get one row per stranger per minute, counting them, so a flood of strangers takes bounded space.
 */
public final class Audit {
    private final TargetDatabase database;

    public Audit(StateDatabase state) {
        this.database = state.database();
    }

    /**
     * One audited event.
     *
     * @param decision what was decided: {@code allowed}, {@code refused}, {@code requested}, {@code approved},
     *                 {@code rejected}, {@code executed}
     * @param outcome  how it ended ({@code ok}, or the error in one line); {@code null} while unknown
     */
    public record Entry(Instant at, Long userId, String userName, Long chatId, String command, String target,
                        String arguments, String decision, String outcome, Duration duration) {
    }

    public void record(Entry entry) {
        database.withHandle("writing the audit log", h -> h.createUpdate(
                        "INSERT INTO migrabot_audit (user_id, user_name, chat_id, command, target, arguments, decision, "
                                + "outcome, duration_ms) VALUES (:user, :name, :chat, :command, :target, :arguments, "
                                + ":decision, :outcome, :ms)")
                .bind("user", entry.userId()).bind("name", entry.userName()).bind("chat", entry.chatId())
                .bind("command", entry.command()).bind("target", entry.target()).bind("arguments", entry.arguments())
                .bind("decision", entry.decision()).bind("outcome", entry.outcome())
                .bind("ms", entry.duration() == null ? null : entry.duration().toMillis()).execute());
    }

    /**
     * Records a message or press from someone who is not a configured user; true when it is their first this
     * minute (the only one worth an answer).
     */
    public boolean stranger(long userId, String userName, long chatId, String command) {
        return database.withHandle("writing the audit log", h -> h.createQuery(
                        "INSERT INTO migrabot_audit (user_id, user_name, chat_id, command, decision, outcome, minute) "
                                + "VALUES (:user, :name, :chat, :command, 'refused', 'stranger', "
                                + "date_trunc('minute', now())) ON CONFLICT (user_id, minute) WHERE minute IS NOT NULL "
                                + "DO UPDATE SET repeats = migrabot_audit.repeats + 1 RETURNING repeats = 1")
                .bind("user", userId).bind("name", userName).bind("chat", chatId).bind("command", command)
                .mapTo(Boolean.class).one());
    }

    /**
     * The user id of the row that counts, per minute, the messages of strangers beyond those counted one by one (a
     * flood from more strangers than memory is given to): Telegram's user ids start at 1.
     */
    public static final long OTHERS = 0;

    /** A stranger in one minute; {@link #OTHERS} for the strangers counted together. */
    public record StrangerKey(long userId, Instant minute) {
    }

    /** How many more messages a stranger sent in a minute, with what their first one was (no chat for others). */
    public record Strangers(StrangerKey key, String userName, Long chatId, String command, int messages) {
    }

    /**
     * Adds counts of strangers' messages in one statement, all or none: one row per stranger per minute (and one
     * per minute for {@link #OTHERS}, with no chat). Each key at most once per call.
     */
    public void strangers(List<Strangers> counts) {
        if (counts.isEmpty()) {
            return;
        }
        database.withHandle("writing the audit log", h -> h.createUpdate("INSERT INTO migrabot_audit (at, "
                        + "user_id, user_name, chat_id, command, decision, outcome, minute, repeats) SELECT "
                        + "to_timestamp(s.minute), s.user_id, s.name, s.chat, s.command, 'refused', 'stranger', "
                        + "to_timestamp(s.minute), s.messages FROM unnest(:minutes, :users, :names, :chats, :commands, "
                        + ":messages) AS s(minute, user_id, name, chat, command, messages) ON CONFLICT (user_id, "
                        + "minute) WHERE minute IS NOT NULL DO UPDATE SET repeats = migrabot_audit.repeats "
                        + "+ excluded.repeats")
                .bindArray("minutes", Long.class, counts.stream().map(s -> s.key().minute().getEpochSecond()).toList())
                .bindArray("users", Long.class, counts.stream().map(s -> s.key().userId()).toList())
                .bindArray("names", String.class, counts.stream().map(Strangers::userName).toList())
                .bindArray("chats", Long.class, counts.stream().map(Strangers::chatId).toList())
                .bindArray("commands", String.class, counts.stream().map(Strangers::command).toList())
                .bindArray("messages", Integer.class, counts.stream().map(Strangers::messages).toList())
                .execute());
    }

    /** The newest {@code limit} entries, newest first; a stranger's row says how many messages it counts. */
    public List<Entry> latest(int limit) {
        return database.withHandle("reading the audit log", h -> h.createQuery(
                        "SELECT at, user_id, user_name, chat_id, command, target, arguments, decision, CASE WHEN "
                                + "repeats > 1 THEN outcome || ' (' || repeats || ' messages that minute)' ELSE outcome "
                                + "END, duration_ms FROM migrabot_audit ORDER BY id DESC LIMIT :limit")
                .bind("limit", limit)
                .map((rs, ctx) -> new Entry(rs.getTimestamp(1).toInstant(), (Long) rs.getObject(2), rs.getString(3),
                        (Long) rs.getObject(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8),
                        rs.getString(9), rs.getObject(10) == null ? null : Duration.ofMillis(rs.getLong(10))))
                .list());
    }
}
