package io.migrabot.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.migrabot.database.TargetDatabase;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Fixes the doctor offered as buttons. A button carries a random id; the operation and its arguments are read
 * from here, so a press can run nothing but what was offered, in the chat and under the message it was offered in,
 * before it expires. Running it still goes through the approval policy like any change.
 */
public final class Fixes {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TargetDatabase database;

    public Fixes(StateDatabase state) {
        this.database = state.database();
    }

    /** A fix as offered. */
    public record Offered(String id, String target, String operation, List<String> arguments, long chatId,
                          Integer messageId) {
    }

    public String offer(String target, String operation, List<String> arguments, long chatId, Duration valid) {
        String id = ButtonIds.next();
        String json;
        try {
            json = JSON.writeValueAsString(arguments);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of strings always serializes", e);
        }
        database.withHandle("storing a fix", h -> h.createUpdate(
                        "INSERT INTO migrabot_fix (id, expires_at, target, operation, arguments, chat_id) VALUES "
                                + "(:id, now() + make_interval(secs => :secs), :target, :operation, "
                                + "CAST(:arguments AS jsonb), :chat)")
                .bind("id", id).bind("secs", (double) valid.toSeconds()).bind("target", target)
                .bind("operation", operation).bind("arguments", json).bind("chat", chatId).execute());
        return id;
    }

    public void attachMessage(String id, int messageId) {
        database.withHandle("storing a fix", h -> h.createUpdate(
                "UPDATE migrabot_fix SET message_id = :message WHERE id = :id")
                .bind("message", messageId).bind("id", id).execute());
    }

    /** The fix with this id, if it exists and has not expired. */
    public Optional<Offered> find(String id) {
        return database.withHandle("reading a fix", h -> h.createQuery(
                        "SELECT id, target, operation, arguments::text, chat_id, message_id FROM migrabot_fix "
                                + "WHERE id = :id AND expires_at > now()")
                .bind("id", id).map((rs, ctx) -> {
                    List<String> arguments = new ArrayList<>();
                    try {
                        JSON.readTree(rs.getString(4)).forEach(a -> arguments.add(a.asText()));
                    } catch (JsonProcessingException e) {
                        throw new java.sql.SQLException("fix " + id + " has unreadable arguments", e);
                    }
                    return new Offered(rs.getString(1), rs.getString(2), rs.getString(3), arguments, rs.getLong(5),
                            (Integer) rs.getObject(6));
                }).findOne());
    }
}
