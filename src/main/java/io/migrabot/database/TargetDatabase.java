package io.migrabot.database;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.migrabot.MigrabotException;
import io.migrabot.config.DatabaseConnection;
import io.migrabot.config.TargetConfig;
import io.migrabot.config.TargetKind;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;

/**
 * One database: a target's, or the bot's state database. Every use goes through a callback that owns the
 * connection, and every failure comes out as a {@link DatabaseException} naming the database and what was being
 * done, never the password.
 *
 * <p>Short uses ({@link #withHandle}) may share pooled connections in a long-running bot. Uses that change session
 * state or hold a session lock ({@link #withSession}, {@link #open}) always get a connection of their own, closed
 * afterwards, so no setting or lock outlives them in a pool.
 */
public final class TargetDatabase implements AutoCloseable {
    private final DatabaseConnection connection;
    private final Jdbi shared;
    private final Jdbi dedicated;
    private final HikariDataSource pool;

    private TargetDatabase(DatabaseConnection connection, HikariDataSource pool) {
        this.connection = connection;
        this.pool = pool;
        this.dedicated = Jdbi.create(direct(connection));
        this.shared = pool == null ? dedicated : Jdbi.create(pool);
    }

    /** A connection per use: for one-shot commands. */
    public static TargetDatabase of(TargetConfig target) {
        return of(target.connection());
    }

    public static TargetDatabase of(DatabaseConnection connection) {
        return new TargetDatabase(connection, null);
    }

    /**
     * Short uses share up to {@code size} pooled connections, which open on first use and close when idle: for the
     * bot, which reads the same databases many times a second.
     */
    public static TargetDatabase pooled(DatabaseConnection connection, int size) {
        HikariConfig config = new HikariConfig();
        config.setDataSource(direct(connection));
        config.setPoolName("migrabot-" + connection.name());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(0);
        config.setIdleTimeout(60_000);
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(-1); // a database that is down at start is reported when used
        return new TargetDatabase(connection, new HikariDataSource(config));
    }

    private static DataSource direct(DatabaseConnection connection) {
        return switch (connection.kind()) {
            case POSTGRESQL -> postgres(connection);
            case SQLITE -> SqliteFiles.dataSource(connection);
        };
    }

    private static DataSource postgres(DatabaseConnection connection) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setUrl(connection.url());
        source.setUser(connection.user());
        if (!connection.password().isEmpty()) {
            source.setPassword(connection.password().reveal());
        }
        source.setApplicationName("migrabot");
        source.setConnectTimeout(10);
        return source;
    }

    public DatabaseConnection connection() {
        return connection;
    }

    /** What kind of database this is; the adapters choose their implementation from it. */
    public TargetKind kind() {
        return connection.kind();
    }

    /**
     * The pool, for a library that must take JDBC connections itself (the scheduler's job store); it stays owned
     * here and closes with {@link #close()}.
     */
    public DataSource pool() {
        if (pool == null) {
            throw new IllegalStateException("database " + connection.name() + " was opened without a pool");
        }
        return pool;
    }

    /** Runs {@code callback} with a connection; {@code doing} says what for, in messages ("reading the version"). */
    public <T> T withHandle(String doing, HandleCallback<T, Exception> callback) {
        return call(shared, doing, callback);
    }

    /** Like {@link #withHandle}, on a connection of its own that may change session settings. */
    public <T> T withSession(String doing, HandleCallback<T, Exception> callback) {
        return call(dedicated, doing, callback);
    }

    private <T> T call(Jdbi jdbi, String doing, HandleCallback<T, Exception> callback) {
        try {
            return jdbi.withHandle(callback);
        } catch (MigrabotException e) {
            throw e; // already worded for people (a failed migration, a busy target)
        } catch (RuntimeException e) {
            throw translate(doing, e);
        } catch (Exception e) {
            throw translate(doing, e);
        }
    }

    /** Runs {@code callback} in one transaction, committed when it returns and rolled back when it throws. */
    public <T> T inTransaction(String doing, HandleCallback<T, Exception> callback) {
        return withHandle(doing, handle -> handle.inTransaction(callback::withHandle));
    }

    DatabaseException translate(String doing, Throwable e) {
        if (kind() == TargetKind.SQLITE) {
            return SqliteFiles.translate(connection, doing, e);
        }
        return DatabaseException.of(connection.name(), connection.displayUrl(), doing, e);
    }

    /** The database file of a SQLite target. */
    public java.nio.file.Path file() {
        if (kind() != TargetKind.SQLITE) {
            throw new IllegalStateException(connection.name() + " is not a database file");
        }
        return SqliteFiles.file(connection);
    }

    /** For callers that must hold a connection across steps (locks): opens one of its own they must close. */
    Handle open(String doing) {
        try {
            return dedicated.open();
        } catch (RuntimeException e) {
            throw translate(doing, e);
        }
    }

    /** Closes the pool, if any. */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }
}
