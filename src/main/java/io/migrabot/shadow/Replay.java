package io.migrabot.shadow;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.Pipeline;
import io.migrabot.impact.LockMode;
import io.migrabot.impact.Measured;
import io.migrabot.database.SchemaIntrospector;
import io.migrabot.database.TargetDatabase;
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
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
                Session session = new Session(handle.getConnection());
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
                    Session session = new Session(handle.getConnection());
                    try {
                        bring(session, current);
                        return measureAll(session, shadow, measured);
                    } finally {
                        session.end();
                    }
                });
            }
        }
        try (Shadow shadow = shadows.createAt(target, state(current), bringTo(current))) {
            return shadow.database().withSession("measuring revisions in " + shadow.name(), handle -> {
                Session session = new Session(handle.getConnection());
                try {
                    session.execute(ASYNC_COMMIT);
                    return measureAll(session, shadow, measured);
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
                    Session session = new Session(handle.getConnection());
                    try {
                        bring(session, current);
                    } finally {
                        session.end();
                    }
                    return null;
                });
    }

    /** Replays {@code current} in {@code session}, with asynchronous commits, and commits. */
    private void bring(Session session, List<RevisionNode> current) throws SQLException {
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

    /** Runs {@code measured} one after another on a session with no transaction open, and says what each did. */
    private List<Measured> measureAll(Session session, Shadow shadow, List<RevisionSql> measured)
            throws SQLException {
        long began = System.nanoTime();
        Connection connection = session.connection;
        List<Measured> results = new ArrayList<>();
        Catalog.State before = Catalog.read(connection);
        for (RevisionSql revision : measured) {
            Catalog.State start = before;
            Map<QualifiedName, LockMode> locks = new HashMap<>();
            Set<Long> touched = new HashSet<>();
            Measured.Seen seen;
            try {
                seen = measure(session, revision, () -> Catalog.locks(connection, start, excluded, locks, touched),
                        sql -> TargetDatabase.of(shadow.database().connection()).withHandle("watching a statement run "
                                + "outside a transaction in " + shadow.name(), watch -> OutsideWatch.run(connection,
                                watch.getConnection(), sql, (w, pid) -> Catalog.locksOf(w, pid, start, excluded,
                                locks, touched))));
            } catch (SQLException e) {
                session.end();
                results.add(Measured.failed(revision.revision(), detail(e)));
                break;
            }
            // Outside a transaction its locks were not all seen, or seen at one moment: everything counts as touched.
            boolean inTransaction = seen == Measured.Seen.IN_TRANSACTION;
            Catalog.State after = Catalog.read(connection, start, inTransaction ? touched : null);
            Predicate<Long> in = inTransaction ? touched::contains : oid -> true;
            results.add(new Measured(revision.revision(), seen, locks,
                    Catalog.rewritten(start, after, excluded), Catalog.validated(start, after),
                    Catalog.shape(start, in, excluded), Catalog.shape(after, in, excluded), Optional.empty()));
            before = after;
        }
        log.debug("target {}: measured {} revision(s) in {} ms", target.name(), results.size(),
                (System.nanoTime() - began) / 1_000_000);
        return results;
    }

    /** What to do just before a measured revision's transaction commits. */
    @FunctionalInterface
    private interface BeforeCommit {
        void run() throws SQLException;
    }

    /** Runs a statement that cannot run in a transaction block, watched by another session (see OutsideWatch). */
    @FunctionalInterface
    private interface Outside {
        OutsideWatch.Outcome run(String sql) throws SQLException;
    }

    /**
     * Runs one measured revision in a transaction of its own, following BEGIN and COMMIT inside it (an Alembic
     * autocommit block), with {@code beforeCommit} before each commit; the BEGIN and COMMIT lines at its edges are
     * the surrounding run's and left out. A native {@code transactional: false} revision runs statement by
     * statement. A statement outside a transaction runs in one of its own when it can (as autocommit would), and
     * otherwise (CREATE INDEX CONCURRENTLY...) by {@code outside}.
     */
    private static Measured.Seen measure(Session session, RevisionSql revision, BeforeCommit beforeCommit,
                                         Outside outside) throws SQLException {
        List<Statement> statements = new ArrayList<>(revision.statements());
        while (!statements.isEmpty() && transactionLine(statements.get(statements.size() - 1)) != null) {
            statements.remove(statements.size() - 1);
        }
        while (!statements.isEmpty() && "BEGIN".equals(transactionLine(statements.get(0)))) {
            statements.remove(0);
        }
        boolean own = revision.transactional() || !revision.linesInFile();
        boolean open = own;
        Measured.Seen seen = Measured.Seen.IN_TRANSACTION;
        if (open) {
            session.begin();
        }
        for (Statement statement : statements) {
            String line = transactionLine(statement);
            if ("COMMIT".equals(line)) {
                beforeCommit.run();
                session.commit();
                open = false;
            } else if ("BEGIN".equals(line)) {
                session.begin();
                open = true;
            } else {
                try {
                    if (open) {
                        session.execute(statement.sql());
                    } else {
                        seen = worse(seen, alone(session, statement.sql(), beforeCommit, outside));
                    }
                } catch (SQLException e) {
                    throw new SQLException("at " + revision.locate(statement) + ": " + e.getMessage(),
                            e.getSQLState(), e);
                }
            }
        }
        if (open) {
            beforeCommit.run();
            session.commit();
        }
        return seen;
    }

    /**
     * One statement that runs outside a transaction: in a transaction of its own, which is what autocommit gives it,
     * when PostgreSQL allows (its locks read before the commit); else (SQLSTATE 25001: it cannot run in a
     * transaction block) watched by {@code outside}.
     */
    private static Measured.Seen alone(Session session, String sql, BeforeCommit beforeCommit, Outside outside)
            throws SQLException {
        session.begin();
        try {
            session.execute(sql);
        } catch (SQLException e) {
            session.end();
            if (!"25001".equals(e.getSQLState())) {
                throw e;
            }
            OutsideWatch.Outcome outcome = outside.run(sql);
            if (outcome.failure() != null) {
                throw outcome.failure();
            }
            return outcome.seen() ? Measured.Seen.WHILE_WAITING : Measured.Seen.UNSEEN;
        }
        beforeCommit.run();
        session.commit();
        return Measured.Seen.IN_TRANSACTION;
    }

    private static Measured.Seen worse(Measured.Seen a, Measured.Seen b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String transactionLine(Statement statement) {
        String code = UpgradeSql.code(statement).strip().toUpperCase(java.util.Locale.ROOT);
        return code.equals("BEGIN") || code.equals("COMMIT") ? code : null;
    }

    private static String detail(SQLException e) {
        String detail = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return detail + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
    }

    private void follow(Session session, Walk walk, Supplier<SchemaModel> read, Snapshots snapshots)
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
    private void prepare(Session session) {
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
    private void replay(Session session, List<RevisionNode> nodes) throws SQLException {
        Pipeline pipeline = new Pipeline(session.connection);
        List<RevisionSql> batch = new ArrayList<>();
        for (RevisionNode node : nodes) {
            RevisionSql revision = sql.revisions().get(node.id());
            if (session.connection.getAutoCommit() && revision.transactional()
                    && revision.statements().stream().allMatch(s -> transactionLine(s) == null)) {
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
    private void send(Session session, Pipeline pipeline, List<RevisionSql> batch) throws SQLException {
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

    private void apply(Session session, RevisionNode node) {
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

    /** The walk's connection and whether a transaction is open on it. */
    private static final class Session {
        private final Connection connection;

        Session(Connection connection) throws SQLException {
            this.connection = connection;
            connection.setAutoCommit(true);
        }

        /** Runs a statement, or opens or closes a transaction when that is what it says. */
        void run(Statement statement) throws SQLException {
            String code = UpgradeSql.code(statement).strip();
            if (code.equalsIgnoreCase("BEGIN")) {
                begin();
            } else if (code.equalsIgnoreCase("COMMIT")) {
                commit();
            } else {
                execute(statement.sql());
            }
        }

        /** Plain JDBC, as the native runner runs statements: no parameter parsing. */
        void execute(String statement) throws SQLException {
            try (java.sql.Statement jdbc = connection.createStatement()) {
                jdbc.execute(statement);
            }
        }

        void begin() throws SQLException {
            connection.setAutoCommit(false);
        }

        void commit() throws SQLException {
            if (!connection.getAutoCommit()) {
                connection.commit();
                connection.setAutoCommit(true);
            }
        }

        /** The schema as another connection sees it: what this one has done so far, committed. */
        SchemaModel snapshot(Supplier<SchemaModel> read) throws SQLException {
            boolean open = !connection.getAutoCommit();
            commit();
            SchemaModel model = read.get();
            if (open) {
                begin();
            }
            return model;
        }

        /**
         * Leaves no transaction open, so the handle closes cleanly, whether the walk ended (a last revision's
         * transaction may still be open, empty since the last snapshot) or failed.
         */
        void end() {
            try {
                if (!connection.getAutoCommit()) {
                    connection.rollback();
                    connection.setAutoCommit(true);
                }
            } catch (SQLException ignored) {
                // the shadow is dropped next; a failure being reported matters more
            }
        }
    }
}
