package io.migrabot.shadow;

import io.migrabot.config.TargetConfig;
import io.migrabot.database.TargetDatabase;
import io.migrabot.impact.LockMode;
import io.migrabot.impact.Measured;
import io.migrabot.runner.UpgradeSql.RevisionSql;
import io.migrabot.schema.QualifiedName;
import io.migrabot.script.SqlStatements.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Runs pending revisions one after another in a shadow brought to the target's revision, and says what each did:
 * the locks it held before its commit (or, for a statement that cannot run in a transaction, while it waited; see
 * {@link OutsideWatch}), the tables it rewrote, the constraints it validated, the relations it touched before and
 * after it.
 */
final class Measuring {
    private static final Logger log = LoggerFactory.getLogger(Measuring.class);

    private final TargetConfig target;
    private final Predicate<QualifiedName> excluded;

    Measuring(TargetConfig target, Predicate<QualifiedName> excluded) {
        this.target = target;
        this.excluded = excluded;
    }

    /** Runs {@code measured} one after another on a session with no transaction open, and says what each did. */
    List<Measured> all(ShadowSession session, Shadow shadow, List<RevisionSql> measured)
            throws SQLException {
        long began = System.nanoTime();
        Connection connection = session.connection();
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
    private static Measured.Seen measure(ShadowSession session, RevisionSql revision, BeforeCommit beforeCommit,
                                         Outside outside) throws SQLException {
        List<Statement> statements = new ArrayList<>(revision.statements());
        while (!statements.isEmpty() && ShadowSession.transactionLine(statements.get(statements.size() - 1)) != null) {
            statements.remove(statements.size() - 1);
        }
        while (!statements.isEmpty() && "BEGIN".equals(ShadowSession.transactionLine(statements.get(0)))) {
            statements.remove(0);
        }
        boolean own = revision.transactional() || !revision.linesInFile();
        boolean open = own;
        Measured.Seen seen = Measured.Seen.IN_TRANSACTION;
        if (open) {
            session.begin();
        }
        for (Statement statement : statements) {
            String line = ShadowSession.transactionLine(statement);
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
    private static Measured.Seen alone(ShadowSession session, String sql, BeforeCommit beforeCommit, Outside outside)
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

    private static String detail(SQLException e) {
        String detail = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        return detail + (e.getSQLState() == null ? "" : " (SQLSTATE " + e.getSQLState() + ")");
    }
}
