package io.migrabot.shadow;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.Pipeline;
import io.migrabot.impact.Measured;
import io.migrabot.database.SchemaIntrospector;
import io.migrabot.revision.RevisionNode;
import io.migrabot.revision.Walks.Snapshot;
import io.migrabot.revision.Walks.Walk;
import io.migrabot.runner.UpgradeSql;
import io.migrabot.runner.UpgradeSql.RevisionSql;
import io.migrabot.schema.QualifiedName;
import io.migrabot.schema.SchemaModel;
import io.migrabot.script.SqlStatements.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Applies walks of revisions to fresh shadow databases and reads the schema where each walk asks. One connection
 * runs a walk, in autocommit mode: a revision that must run in a transaction gets one, and BEGIN and COMMIT in
 * Alembic's offline SQL open and close transactions as they would in psql. Before a snapshot an open transaction
 * is committed (and opened again after it), so the schema is read from another connection, as it would be from a
 * database upgraded for real.
 */
public final class Replay {
    private static final Logger log = LoggerFactory.getLogger(Replay.class);
    /** Revisions sent to the server at once when bringing a shadow to the target's revision. */
    private static final int BATCH = 200;
    /**
     * For a plan's shadow, always PostgreSQL (its catalogs are read): it is thrown away, or kept by a copy whose
     * commit waits for the disk and so for everything before it, so its own commits need not wait.
     */
    private static final String ASYNC_COMMIT = "SET synchronous_commit = off";

    private final Shadows shadows;
    private final TargetConfig target;
    private final UpgradeSql sql;
    private final Predicate<QualifiedName> excluded;

    /** Receives each state read, by its snapshot key. */
    @FunctionalInterface
    public interface Snapshots {
        void taken(String key, SchemaModel model);
    }

    /** @param excluded tables left out of every model read (the version table, migrabot's own) */
    public Replay(Shadows shadows, TargetConfig target, UpgradeSql sql, Predicate<QualifiedName> excluded) {
        this.shadows = shadows;
        this.target = target;
        this.sql = sql;
        this.excluded = excluded;
    }

    /** Runs {@code walk} in a new shadow database, dropped afterwards whatever happens. */
    public void run(Walk walk, Snapshots snapshots) {
        try (Shadow shadow = shadows.create(target)) {
            SchemaIntrospector introspector = new SchemaIntrospector(shadow.database());
            shadow.database().withSession("building the expected schema in " + shadow.name(), handle -> {
                ShadowSession session = new ShadowSession(handle.getConnection());
                try {
                    follow(session, walk, () -> introspector.read(excluded), snapshots);
                } finally {
                    session.end();
                }
                return null;
            });
        }
    }

    /**
     * Brings a new shadow to the state of {@code current} (the revisions from base to the target's heads, replayed
     * as they are for expected schemas), then runs each of {@code measured} there, one after another, and says what
     * each did: the locks it held before its commit, the tables it rewrote, the constraints it validated, the
     * relations it touched before and after it. A revision that fails is reported as failed with the reason, and the
     * ones after it are not run. Failing to make the shadow or to reach {@code current} throws.
     *
     * <p>Without a prologue (native SQL), the shadow at {@code current} is a copy of one kept from an earlier plan
     * when the server has one for the same revisions (see {@link Shadows#createAt}), and the revisions run in a
     * session of their own, as an upgrade's run starts on a database at that revision. Alembic's prologue may set
     * up the session the revisions run in (env.py's statements before the first migration), so there the revisions
     * run in the session that replayed it, in a shadow built for this plan alone.
     */
    public List<Measured> measure(List<RevisionNode> current, List<RevisionSql> measured) {
        if (!sql.prologue().isEmpty()) {
            try (Shadow shadow = shadows.create(target)) {
                return shadow.database().withSession("measuring revisions in " + shadow.name(), handle -> {
                    ShadowSession session = new ShadowSession(handle.getConnection());
                    try {
                        bring(session, current);
                        return new Measuring(target, excluded).all(session, shadow, measured);
                    } finally {
                        session.end();
                    }
                });
            }
        }
        try (Shadow shadow = shadows.createAt(target, state(current), bringTo(current))) {
            return shadow.database().withSession("measuring revisions in " + shadow.name(), handle -> {
                ShadowSession session = new ShadowSession(handle.getConnection());
                try {
                    session.execute(ASYNC_COMMIT);
                    return new Measuring(target, excluded).all(session, shadow, measured);
                } finally {
                    session.end();
                }
            });
        }
    }

    /** Brings an empty shadow to {@code current}'s state, committed, in a session of its own. */
    private Consumer<Shadow> bringTo(List<RevisionNode> current) {
        return shadow -> shadow.database().withSession("bringing " + shadow.name() + " to the target's revision",
                handle -> {
                    ShadowSession session = new ShadowSession(handle.getConnection());
                    try {
                        bring(session, current);
                    } finally {
                        session.end();
                    }
                    return null;
                });
    }

    /** Replays {@code current} in {@code session}, with asynchronous commits, and commits. */
    private void bring(ShadowSession session, List<RevisionNode> current) throws SQLException {
        session.execute(ASYNC_COMMIT);
        prepare(session);
        replay(session, current);
        session.commit();
    }

    /**
     * What {@link #bringTo} makes of {@code current}, as a fingerprint: another revision, order, statement or way of
     * running one (in a transaction or not), or another schema for the version table, gives another.
     */
    private String state(List<RevisionNode> current) {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        sha256.update(("schema " + target.versionTableSchema() + "\n").getBytes(StandardCharsets.UTF_8));
        for (RevisionNode node : current) {
            RevisionSql revision = sql.revisions().get(node.id());
            sha256.update(("revision " + revision.revision() + " " + revision.transactional() + " "
                    + revision.statements().size() + "\n").getBytes(StandardCharsets.UTF_8));
            for (Statement statement : revision.statements()) {
                byte[] text = statement.sql().getBytes(StandardCharsets.UTF_8);
                sha256.update((text.length + "\n").getBytes(StandardCharsets.UTF_8));
                sha256.update(text);
            }
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private void follow(ShadowSession session, Walk walk, Supplier<SchemaModel> read, Snapshots snapshots)
            throws SQLException {
        Iterator<Snapshot> pending = walk.snapshots().iterator();
        Snapshot next = pending.hasNext() ? pending.next() : null;
        prepare(session);
        for (int done = 0; ; done++) {
            SchemaModel model = null;
            while (next != null && next.after() == done) {
                model = model != null ? model : session.snapshot(read);
                snapshots.taken(next.key(), model);
                next = pending.hasNext() ? pending.next() : null;
            }
            if (done == walk.steps().size()) {
                return;
            }
            apply(session, walk.steps().get(done));
        }
    }

    /**
     * What every shadow starts with: the version table's schema when the target names one (it exists before any
     * migration on the real database too, or the version table could not be there), then the prologue.
     */
    private void prepare(ShadowSession session) {
        try {
            if (target.versionTableSchema() != null) {
                session.execute("CREATE SCHEMA IF NOT EXISTS \"" + target.versionTableSchema() + "\"");
            }
            for (Statement statement : sql.prologue()) {
                session.run(statement);
            }
        } catch (SQLException e) {
            throw failed("what runs before the first revision (the version table's schema, what Alembic's env.py "
                    + "writes before the first migration)", e);
        }
    }

    /**
     * Brings the shadow to {@code nodes}' state without measuring them. Revisions that run whole in a transaction
     * of their own go to the server {@value #BATCH} at a time, each with its BEGIN and COMMIT (see {@link Pipeline}):
     * the server never waits for the client between them. The others (a native {@code transactional: false}
     * revision, Alembic's offline SQL with its own BEGIN and COMMIT) run statement by statement, as {@link #run} runs
     * them.
     */
    private void replay(ShadowSession session, List<RevisionNode> nodes) throws SQLException {
        Pipeline pipeline = new Pipeline(session.connection());
        List<RevisionSql> batch = new ArrayList<>();
        for (RevisionNode node : nodes) {
            RevisionSql revision = sql.revisions().get(node.id());
            if (session.connection().getAutoCommit() && revision.transactional()
                    && revision.statements().stream().allMatch(s -> ShadowSession.transactionLine(s) == null)) {
                batch.add(revision);
                if (batch.size() == BATCH) {
                    send(session, pipeline, batch);
                }
            } else {
                send(session, pipeline, batch);
                apply(session, node);
            }
        }
        send(session, pipeline, batch);
    }

    /** Runs {@code batch}'s revisions, each in its own transaction, and empties it; throws at the first failure. */
    private void send(ShadowSession session, Pipeline pipeline, List<RevisionSql> batch) throws SQLException {
        if (batch.isEmpty()) {
            return;
        }
        List<String> sent = new ArrayList<>();
        List<RevisionSql> of = new ArrayList<>();
        List<Statement> statements = new ArrayList<>();
        for (RevisionSql revision : batch) {
            sent.add("BEGIN");
            of.add(revision);
            statements.add(null);
            for (Statement statement : revision.statements()) {
                sent.add(statement.sql());
                of.add(revision);
                statements.add(statement);
            }
            sent.add("COMMIT");
            of.add(revision);
            statements.add(null);
        }
        batch.clear();
        Pipeline.Outcome outcome = pipeline.run(sent);
        if (outcome.failed()) {
            if (pipeline.inTransaction()) {
                session.execute("ROLLBACK");
            }
            int at = Math.min(outcome.completed(), sent.size() - 1);
            Statement statement = statements.get(at);
            RevisionSql revision = of.get(at);
            throw failed("revision " + revision.revision() + " (" + (statement == null ? revision.file()
                    : revision.locate(statement)) + ")", outcome.error());
        }
    }

    private void apply(ShadowSession session, RevisionNode node) {
        RevisionSql revision = sql.revisions().get(node.id());
        Statement current = null;
        try {
            if (revision.transactional()) {
                session.begin();
            }
            for (Statement statement : revision.statements()) {
                current = statement;
                session.run(statement);
            }
            if (revision.transactional()) {
                session.commit();
            }
        } catch (SQLException e) {
            String where = current == null ? revision.file() : revision.locate(current);
            throw failed("revision " + node.id() + " (" + where + ")", e);
        }
    }

    private MigrabotException failed(String what, SQLException e) {
        String detail = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        String state = e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")";
        return new MigrabotException(ErrorCode.SHADOW, "target " + target.name() + ": " + what + " fails on an "
                + "empty database" + state + ": " + detail + ". The expected schema is built by upgrading a "
                + "throw-away database from base, so every revision must run there; fix it, or compare schemas by "
                + "hand", e);
    }
}
