package io.migrabot.state;

import io.migrabot.config.BotSettings;
import io.migrabot.database.LockSession;
import io.migrabot.database.TargetDatabase;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process among the instances sharing the state database. Registering takes a sequence number, holds the
 * session advisory lock ({@code 'mgpr'}, seq) on a connection of its own, and writes a {@code migrabot_instance}
 * row, in that order: a row whose lock nobody holds is an instance that died, whatever its row says, so nothing
 * waits for a heartbeat to go stale. The same session can take the leadership lock, which makes this instance the
 * one that polls Telegram.
 */
public final class Presence implements AutoCloseable {
    static final int PRESENCE = 0x6d677072; // "mgpr"
    static final int LEADERSHIP = 0x6d676c64; // "mgld"
    private static final int ALIVE_TIMEOUT_SECONDS = 5;
    private static final Logger log = LoggerFactory.getLogger(Presence.class);

    private final TargetDatabase database;
    private LockSession session;
    private final int seq;
    private final String id;
    private boolean leading;

    private Presence(TargetDatabase database, LockSession session, int seq, String id) {
        this.database = database;
        this.session = session;
        this.seq = seq;
        this.id = id;
    }

    /**
     * Registers this process under {@code name} (the configured instance name, by default the host name); its id
     * is {@code name#seq}, unique among all processes that ever used the state database.
     */
    public static Presence register(StateDatabase state, String name) {
        TargetDatabase database = state.database();
        int seq = database.withHandle("registering this instance", h -> h.createQuery(
                "SELECT nextval('migrabot_instance_seq')::integer").mapTo(Integer.class).one());
        String id = name + "#" + seq;
        LockSession session = LockSession.open(database, "migrabot: instance " + id);
        try {
            if (!session.tryLock(PRESENCE, seq)) {
                throw new IllegalStateException("presence lock " + seq + " is held by another session");
            }
            writeRow(database, seq, id);
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
        log.info("Registered as instance {} on the state database", id);
        return new Presence(database, session, seq, id);
    }

    /** Writes this instance's row; one already there (written before an outage) stays. */
    private static void writeRow(TargetDatabase database, int seq, String id) {
        database.withHandle("registering this instance", h -> h.createUpdate(
                        "INSERT INTO migrabot_instance (seq, id, host, pid) VALUES (:seq, :id, :host, :pid) "
                                + "ON CONFLICT (seq) DO NOTHING")
                .bind("seq", seq).bind("id", id).bind("host", BotSettings.defaultInstance())
                .bind("pid", ProcessHandle.current().pid()).execute());
    }

    /**
     * Registers again under the same id after the session was lost (the state database restarted, the network
     * dropped): a new session takes this instance's presence lock again and its row is written again if another
     * instance forgot it meanwhile. The leadership is not taken back here; {@link #tryLead()} does that. Keeping
     * the id keeps this instance's inbox claims, journal entries and scheduler identity its own.
     *
     * @return false when the old session still holds the presence lock on the server (it has not noticed that
     *         the connection is gone yet): try again later
     * @throws io.migrabot.MigrabotException when the state database cannot be reached yet
     */
    public synchronized boolean reconnect() {
        LockSession lost = session;
        leading = false;
        try {
            lost.close();
        } catch (RuntimeException e) {
            log.debug("Closing the lost session of instance {}: {}", id, e.getMessage());
        }
        LockSession renewed = LockSession.open(database, "migrabot: instance " + id);
        try {
            if (!renewed.tryLock(PRESENCE, seq)) {
                renewed.close();
                return false;
            }
            writeRow(database, seq, id);
        } catch (RuntimeException e) {
            renewed.close();
            throw e;
        }
        session = renewed;
        log.info("Instance {} registered again on the state database", id);
        return true;
    }

    /** This process's id in the inbox, the journal and the scheduler's cluster: {@code name#seq}. */
    public String id() {
        return id;
    }

    /**
     * SQL that selects the ids of the instances that still run: their row is there and some session holds their
     * presence lock. Rows are compared with this list ({@code claimed_by NOT IN (...)}), not with a subquery
     * correlated to the row: with one, a claim that had seen an update as new and found it claimed meanwhile (so
     * PostgreSQL rechecked the claimed version) sometimes took it from its live claimer, and the command ran twice
     * ({@code InstancesTest.workersRacingForUpdatesAsTheyArriveNeverTakeTheSameOneTwice}).
     */
    static String living() {
        return "SELECT m.id FROM migrabot_instance m WHERE " + holdsPresence("m.seq");
    }

    private static String holdsPresence(String seqColumn) {
        return "EXISTS (SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 "
                + "AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database()) "
                + "AND l.classid = " + PRESENCE + "::oid AND l.objid = " + seqColumn + "::oid)";
    }

    /** Takes the leadership if no instance holds it; true when this instance leads (now or already). */
    public synchronized boolean tryLead() {
        if (leading) {
            return true;
        }
        if (!session.tryLock(LEADERSHIP, 0)) {
            return false;
        }
        leading = true;
        database.withHandle("recording the leadership", h -> h.createUpdate(
                "UPDATE migrabot_instance SET leading_since = now() WHERE seq = :seq").bind("seq", seq).execute());
        return true;
    }

    /** Gives the leadership up, so a standby takes it at its next attempt. */
    public synchronized void resign() {
        if (!leading) {
            return;
        }
        leading = false;
        session.unlock(LEADERSHIP, 0);
        database.withHandle("recording the leadership", h -> h.createUpdate(
                "UPDATE migrabot_instance SET leading_since = NULL WHERE seq = :seq").bind("seq", seq).execute());
    }

    /**
     * Whether this instance's session still reaches the state database. When it does not, its locks may be gone:
     * other instances may already count it dead, take over its inbox claims and lead.
     */
    public boolean alive() {
        LockSession current;
        synchronized (this) {
            current = session;
        }
        return current.alive(ALIVE_TIMEOUT_SECONDS);
    }

    /** Deletes the rows of instances that died; returns how many. */
    public int forgetDead() {
        return database.withHandle("forgetting stopped instances", h -> h.createUpdate(
                "DELETE FROM migrabot_instance d WHERE NOT " + holdsPresence("d.seq")).execute());
    }

    /** Deletes this instance's row and ends its session, which releases its presence and leadership. */
    @Override
    public void close() {
        try {
            database.withHandle("unregistering this instance", h -> h.createUpdate(
                    "DELETE FROM migrabot_instance WHERE seq = :seq").bind("seq", seq).execute());
        } catch (RuntimeException e) {
            log.warn("Could not remove instance {} from the state database: {}", id, e.getMessage());
        }
        synchronized (this) {
            session.close();
        }
    }
}
