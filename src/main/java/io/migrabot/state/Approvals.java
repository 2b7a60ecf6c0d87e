package io.migrabot.state;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.migrabot.database.TargetDatabase;
import org.jdbi.v3.core.Handle;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Requests for operations that wait for approval. The id is what the Approve and Reject buttons carry: 16 random
 * bytes, so a press cannot be forged by guessing, looked up here, never trusted for anything else. Every decision
 * locks the request's row, so of two approvers pressing at once exactly one completes the approval, and only that
 * one is told to execute.
 */
public final class Approvals {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String COLUMNS = "id, target, operation, arguments, requested_by, chat_id, required, "
            + "approvers, state, expires_at, decided_by, outcome";

    private final TargetDatabase database;

    public Approvals(StateDatabase state) {
        this.database = state.database();
    }

    /**
     * A request as stored.
     *
     * @param arguments   the operation's arguments as the requester typed them, parsed
     * @param fingerprint what the plan was when requested; execution refuses a plan that no longer matches
     * @param summary     the request as shown in chat (HTML), kept to edit the message with the outcome
     */
    public record Request(String id, String target, String operation, List<String> arguments, String fingerprint,
                          long requestedBy, String requesterName, boolean selfApproval, String summary, long chatId,
                          List<Posted> messages, int required, List<Long> approvers, String state,
                          Instant expiresAt, Long decidedBy, String outcome) {

        /** Whether a press in {@code chatId} under {@code messageId} is under one of this request's messages. */
        public boolean postedAt(long chatId, Integer messageId) {
            return messages.stream().anyMatch(m -> m.chatId() == chatId && Integer.valueOf(m.messageId())
                    .equals(messageId));
        }
    }

    /** A chat message that shows a request. */
    public record Posted(long chatId, int messageId) {
    }

    /** What a press did. */
    public enum Verdict {
        /** No such request: forged or from another installation. */
        UNKNOWN,
        /** Past its expiry; now marked so. */
        EXPIRED,
        /** Already approved, rejected, executed or expired. */
        CLOSED,
        /** The requester may not approve their own request under this policy. */
        SELF_APPROVAL,
        /** This person approved it already. */
        REPEATED,
        /** Counted; more approvals are needed. */
        COUNTED,
        /** This approval completed it: the caller, and only this caller, executes it. */
        APPROVED,
        REJECTED
    }

    /** A press's verdict and the request as it is afterwards (absent when unknown). */
    public record Decision(Verdict verdict, Optional<Request> request) {
    }

    public String create(String target, String operation, List<String> arguments, String fingerprint,
                         long requestedBy, String requesterName, boolean selfApproval, String summary, long chatId,
                         int required, Duration expiresIn) {
        String id = ButtonIds.next();
        ObjectNode details = JSON.createObjectNode();
        details.putPOJO("arguments", arguments);
        details.put("fingerprint", fingerprint);
        details.put("requester", requesterName);
        details.put("self_approval", selfApproval);
        details.put("summary", summary);
        database.withHandle("storing an approval request", h -> h.createUpdate(
                        "INSERT INTO migrabot_approval (id, expires_at, target, operation, arguments, requested_by, "
                                + "chat_id, required) VALUES (:id, now() + make_interval(secs => :secs), :target, "
                                + ":operation, CAST(:arguments AS jsonb), :by, :chat, :required)")
                .bind("id", id).bind("secs", (double) expiresIn.toMillis() / 1000).bind("target", target)
                .bind("operation", operation).bind("arguments", details.toString()).bind("by", requestedBy)
                .bind("chat", chatId).bind("required", required).execute());
        return id;
    }

    /** Remembers a chat message that shows the request: presses count only under these, decisions edit them. */
    public void attachMessage(String id, long chatId, int messageId) {
        database.withHandle("storing an approval request", h -> h.createUpdate(
                        "INSERT INTO migrabot_approval_message (approval_id, chat_id, message_id) "
                                + "VALUES (:id, :chat, :message) ON CONFLICT DO NOTHING")
                .bind("id", id).bind("chat", chatId).bind("message", messageId).execute());
    }

    public Optional<Request> find(String id) {
        return database.withHandle("reading an approval request", h -> select(h, id, false));
    }

    /** An approval by {@code userId}; {@link Verdict#APPROVED} is returned to exactly one caller per request. */
    public Decision approve(String id, long userId) {
        return decide(id, (h, request) -> {
            if (request.approvers().contains(userId)) {
                return Verdict.REPEATED;
            }
            if (request.requestedBy() == userId && !request.selfApproval()) {
                return Verdict.SELF_APPROVAL;
            }
            boolean complete = request.approvers().size() + 1 >= request.required();
            h.createUpdate("UPDATE migrabot_approval SET approvers = array_append(approvers, :user), "
                            + "state = :state, decided_by = CASE WHEN :complete THEN :user END, "
                            + "decided_at = CASE WHEN :complete THEN now() END WHERE id = :id")
                    .bind("user", userId).bind("state", complete ? "executing" : "pending")
                    .bind("complete", complete).bind("id", id).execute();
            return complete ? Verdict.APPROVED : Verdict.COUNTED;
        });
    }

    public Decision reject(String id, long userId) {
        return decide(id, (h, request) -> {
            h.createUpdate("UPDATE migrabot_approval SET state = 'rejected', decided_by = :user, decided_at = now() "
                    + "WHERE id = :id").bind("user", userId).bind("id", id).execute();
            return Verdict.REJECTED;
        });
    }

    private interface Rule {
        Verdict apply(Handle handle, Request pending);
    }

    private Decision decide(String id, Rule rule) {
        return database.inTransaction("deciding an approval request", h -> {
            Optional<Request> found = select(h, id, true);
            if (found.isEmpty()) {
                return new Decision(Verdict.UNKNOWN, Optional.empty());
            }
            Request request = found.get();
            Verdict verdict;
            if (!request.state().equals("pending")) {
                verdict = Verdict.CLOSED;
            } else if (!request.expiresAt().isAfter(now(h))) {
                h.createUpdate("UPDATE migrabot_approval SET state = 'expired' WHERE id = :id").bind("id", id)
                        .execute();
                verdict = Verdict.EXPIRED;
            } else {
                verdict = rule.apply(h, request);
            }
            return new Decision(verdict, select(h, id, false));
        });
    }

    /** Records how an approved request's execution ended. */
    public void finish(String id, boolean ok, String outcome) {
        database.withHandle("finishing an approval request", h -> h.createUpdate(
                        "UPDATE migrabot_approval SET state = :state, outcome = :outcome WHERE id = :id "
                                + "AND state = 'executing'")
                .bind("state", ok ? "done" : "failed").bind("outcome", outcome).bind("id", id).execute());
    }

    /** Marks pending requests past their expiry as expired and returns them, for their messages to be edited. */
    public List<Request> expireDue() {
        return database.withHandle("expiring approval requests", h -> h.createQuery(
                        "UPDATE migrabot_approval SET state = 'expired' WHERE state = 'pending' AND expires_at <= now() "
                                + "RETURNING " + COLUMNS)
                .map((rs, ctx) -> request(rs)).list()).stream()
                .map(r -> find(r.id()).orElse(r)).toList();
    }

    private static Instant now(Handle h) {
        return h.createQuery("SELECT now()").mapTo(Instant.class).one();
    }

    private static Optional<Request> select(Handle h, String id, boolean lock) {
        Optional<Request> request = h.createQuery("SELECT " + COLUMNS + " FROM migrabot_approval WHERE id = :id"
                        + (lock ? " FOR UPDATE" : ""))
                .bind("id", id).map((rs, ctx) -> request(rs)).findOne();
        return request.map(r -> withMessages(h, r));
    }

    private static Request withMessages(Handle h, Request r) {
        List<Posted> messages = h.createQuery("SELECT chat_id, message_id FROM migrabot_approval_message "
                        + "WHERE approval_id = :id ORDER BY chat_id")
                .bind("id", r.id()).map((rs, ctx) -> new Posted(rs.getLong(1), rs.getInt(2))).list();
        return new Request(r.id(), r.target(), r.operation(), r.arguments(), r.fingerprint(), r.requestedBy(),
                r.requesterName(), r.selfApproval(), r.summary(), r.chatId(), messages, r.required(), r.approvers(),
                r.state(), r.expiresAt(), r.decidedBy(), r.outcome());
    }

    private static Request request(ResultSet rs) throws SQLException {
        JsonNode details;
        try {
            details = JSON.readTree(rs.getString("arguments"));
        } catch (JsonProcessingException e) {
            throw new SQLException("approval request " + rs.getString("id") + " has unreadable arguments", e);
        }
        List<String> arguments = new ArrayList<>();
        details.path("arguments").forEach(a -> arguments.add(a.asText()));
        List<Long> approvers = new ArrayList<>();
        Array array = rs.getArray("approvers");
        for (Long approver : (Long[]) array.getArray()) {
            approvers.add(approver);
        }
        return new Request(rs.getString("id"), rs.getString("target"), rs.getString("operation"), arguments,
                details.path("fingerprint").asText(), rs.getLong("requested_by"), details.path("requester").asText(),
                details.path("self_approval").asBoolean(), details.path("summary").asText(), rs.getLong("chat_id"),
                List.of(), rs.getInt("required"), approvers, rs.getString("state"),
                rs.getTimestamp("expires_at").toInstant(), (Long) rs.getObject("decided_by"),
                rs.getString("outcome"));
    }
}
