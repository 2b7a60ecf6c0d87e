package io.migrabot.state;

import io.migrabot.database.TargetDatabase;
import org.jdbi.v3.core.Handle;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What each target's scheduled drift check found last, and the alerts posted about it. A check's result is
 * compared with the last one under the target's row lock, so a state is alerted once however often it is found
 * again; an alert's buttons carry a random id that is looked up here and honoured only while its state is the
 * target's current one.
 */
public final class DriftStates {
    private static final String ALERT_COLUMNS = "a.id, a.target, a.summary, a.acknowledged_by, "
            + "d.alert_id IS NOT DISTINCT FROM a.id AS current, "
            + "CASE WHEN d.snoozed_until > now() THEN d.snoozed_until END AS snoozed_until, d.snoozed_by";

    private final TargetDatabase database;

    public DriftStates(StateDatabase state) {
        this.database = state.database();
    }

    /** The kinds of state a check can find, with how people are shown them. */
    public enum Kind {
        HEALTHY("✅", "no problem found"),
        DRIFT("🚨", "drift"),
        FAILED("❌", "check failed");

        private final String symbol;
        private final String label;

        Kind(String symbol, String label) {
            this.symbol = symbol;
            this.label = label;
        }

        public String symbol() {
            return symbol;
        }

        public String label() {
            return label;
        }

        String key() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What one check found.
     *
     * @param fingerprint equal for two checks that found the same thing
     * @param detail      one line for people: how many findings, or why the check failed
     */
    public record Found(Kind kind, String fingerprint, String detail) {
    }

    /** What a check's result calls for: nothing, an alert about a new state, or word that the alerted one ended. */
    public enum Verdict {
        QUIET, ALERT, RESOLVED
    }

    /** @param alertId the alert to post, for {@link Verdict#ALERT} */
    public record Recorded(Verdict verdict, Optional<String> alertId) {
    }

    /** A target's last state. */
    public record Last(String target, Kind kind, String detail, Instant checkedAt, Instant changedAt,
                       Optional<Instant> snoozedUntil) {
    }

    /** A chat message that shows an alert. */
    public record Posted(long chatId, int messageId) {
    }

    /**
     * An alert as stored.
     *
     * @param summary  the alert as first shown (HTML)
     * @param current  whether its state is still the target's current one; a stale alert's buttons do nothing
     * @param snoozedUntil when the target's alerts were snoozed, until when
     */
    public record Alert(String id, String target, String summary, Optional<String> acknowledgedBy, boolean current,
                        Optional<Instant> snoozedUntil, Optional<String> snoozedBy, List<Posted> messages) {

        /** Whether a press in {@code chatId} under {@code messageId} is under one of this alert's messages. */
        public boolean postedAt(long chatId, Integer messageId) {
            return messages.stream().anyMatch(m -> m.chatId() == chatId && Integer.valueOf(m.messageId())
                    .equals(messageId));
        }
    }

    /**
     * Records what a check found and decides what to say: a non-healthy state is alerted once (unless the target's
     * alerts are snoozed; then by the first check after the snooze), a healthy one after an alert is announced.
     *
     * @param summary what the alert shows (HTML), stored with it when one is due
     */
    public Recorded record(String target, Found found, String summary) {
        return database.inTransaction("recording a drift check", h -> {
            Optional<Previous> previous = h.createQuery("SELECT state, fingerprint, alert_id, "
                            + "coalesce(snoozed_until > now(), false) FROM migrabot_drift WHERE target = :target "
                            + "FOR UPDATE")
                    .bind("target", target).map((rs, ctx) -> new Previous(Kind.valueOf(rs.getString(1)
                            .toUpperCase(Locale.ROOT)), rs.getString(2), rs.getString(3), rs.getBoolean(4)))
                    .findOne();
            boolean same = previous.isPresent() && previous.get().kind() == found.kind()
                    && previous.get().fingerprint().equals(found.fingerprint());
            String alerted = previous.map(Previous::alertId).orElse(null);
            Verdict verdict;
            if (found.kind() == Kind.HEALTHY) {
                verdict = !same && alerted != null ? Verdict.RESOLVED : Verdict.QUIET;
            } else if (previous.isPresent() && previous.get().snoozed() || same && alerted != null) {
                verdict = Verdict.QUIET;
            } else {
                verdict = Verdict.ALERT;
            }
            String alertId = verdict == Verdict.ALERT ? newAlert(h, target, summary) : same ? alerted : null;
            h.createUpdate("INSERT INTO migrabot_drift (target, state, fingerprint, detail, checked_at, changed_at, "
                            + "alert_id) VALUES (:target, :state, :fingerprint, :detail, now(), now(), :alert) "
                            + "ON CONFLICT (target) DO UPDATE SET state = :state, fingerprint = :fingerprint, "
                            + "detail = :detail, checked_at = now(), alert_id = :alert, changed_at = CASE WHEN :same "
                            + "THEN migrabot_drift.changed_at ELSE now() END")
                    .bind("target", target).bind("state", found.kind().key()).bind("fingerprint", found.fingerprint())
                    .bind("detail", found.detail()).bind("alert", alertId).bind("same", same).execute();
            return new Recorded(verdict, verdict == Verdict.ALERT ? Optional.of(alertId) : Optional.empty());
        });
    }

    private record Previous(Kind kind, String fingerprint, String alertId, boolean snoozed) {
    }

    private static String newAlert(Handle h, String target, String summary) {
        String id = ButtonIds.next();
        h.createUpdate("INSERT INTO migrabot_drift_alert (id, target, summary) VALUES (:id, :target, :summary)")
                .bind("id", id).bind("target", target).bind("summary", summary).execute();
        return id;
    }

    /** Remembers a chat message that shows the alert: presses count only under these. */
    public void attachMessage(String alertId, long chatId, int messageId) {
        database.withHandle("storing a drift alert", h -> h.createUpdate(
                        "INSERT INTO migrabot_drift_alert_message (alert_id, chat_id, message_id) "
                                + "VALUES (:id, :chat, :message) ON CONFLICT DO NOTHING")
                .bind("id", alertId).bind("chat", chatId).bind("message", messageId).execute());
    }

    /** Forgets an alert no chat received, so that the next check of the same state posts it again. */
    public void forget(String alertId) {
        database.withHandle("forgetting a drift alert", h -> h.createUpdate(
                "DELETE FROM migrabot_drift_alert WHERE id = :id").bind("id", alertId).execute());
    }

    /** Every target's last state, by target name. */
    public List<Last> all() {
        return database.withHandle("reading drift states", h -> h.createQuery(
                        "SELECT target, state, detail, checked_at, changed_at, "
                                + "CASE WHEN snoozed_until > now() THEN snoozed_until END FROM migrabot_drift "
                                + "ORDER BY target")
                .map((rs, ctx) -> new Last(rs.getString(1), Kind.valueOf(rs.getString(2).toUpperCase(Locale.ROOT)),
                        rs.getString(3), rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant(),
                        instant(rs.getTimestamp(6))))
                .list());
    }

    public Optional<Alert> alert(String id) {
        return database.withHandle("reading a drift alert", h -> select(h, id, false));
    }

    /** What a press did to the alert: changed it, found it stale (its state is over) or already acknowledged. */
    public enum Press {
        DONE, STALE, ALREADY
    }

    /** A press's outcome and the alert as it is afterwards. */
    public record Pressed(Press press, Alert alert) {
    }

    /**
     * Marks the alert acknowledged by {@code name}, if its state is still current and nobody did yet; empty for an
     * unknown alert.
     */
    public Optional<Pressed> acknowledge(String id, String name) {
        return pressed(id, (h, alert) -> {
            if (alert.acknowledgedBy().isPresent()) {
                return Press.ALREADY;
            }
            h.createUpdate("UPDATE migrabot_drift_alert SET acknowledged_by = :name, acknowledged_at = now() "
                    + "WHERE id = :id").bind("name", name).bind("id", id).execute();
            return Press.DONE;
        });
    }

    /**
     * Keeps the target's alerts back for {@code duration} from now, if the alert's state is still current; empty for
     * an unknown alert.
     */
    public Optional<Pressed> snooze(String id, String name, Duration duration) {
        return pressed(id, (h, alert) -> {
            h.createUpdate("UPDATE migrabot_drift SET snoozed_until = now() + make_interval(secs => :secs), "
                            + "snoozed_by = :name WHERE target = :target")
                    .bind("secs", (double) duration.toSeconds()).bind("name", name).bind("target", alert.target())
                    .execute();
            return Press.DONE;
        });
    }

    private interface Rule {
        Press apply(Handle handle, Alert alert);
    }

    /** Runs {@code rule} with the alert's target row locked; empty for an unknown alert. */
    private Optional<Pressed> pressed(String id, Rule rule) {
        return database.inTransaction("deciding a drift alert press", h -> {
            Optional<Alert> found = select(h, id, true);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Press press = found.get().current() ? rule.apply(h, found.get()) : Press.STALE;
            return Optional.of(new Pressed(press, select(h, id, false).orElseThrow()));
        });
    }

    private static Optional<Alert> select(Handle h, String id, boolean lock) {
        Optional<Alert> alert = h.createQuery("SELECT " + ALERT_COLUMNS + " FROM migrabot_drift_alert a "
                        + "JOIN migrabot_drift d ON d.target = a.target WHERE a.id = :id"
                        + (lock ? " FOR UPDATE OF d" : ""))
                .bind("id", id).map((rs, ctx) -> alert(rs)).findOne();
        return alert.map(a -> new Alert(a.id(), a.target(), a.summary(), a.acknowledgedBy(), a.current(),
                a.snoozedUntil(), a.snoozedBy(), h.createQuery("SELECT chat_id, message_id FROM "
                        + "migrabot_drift_alert_message WHERE alert_id = :id ORDER BY chat_id")
                .bind("id", id).map((rs, ctx) -> new Posted(rs.getLong(1), rs.getInt(2))).list()));
    }

    private static Alert alert(ResultSet rs) throws SQLException {
        return new Alert(rs.getString("id"), rs.getString("target"), rs.getString("summary"),
                Optional.ofNullable(rs.getString("acknowledged_by")), rs.getBoolean("current"),
                instant(rs.getTimestamp("snoozed_until")), Optional.ofNullable(rs.getString("snoozed_by")),
                List.of());
    }

    private static Optional<Instant> instant(Timestamp timestamp) {
        return Optional.ofNullable(timestamp).map(Timestamp::toInstant);
    }
}
