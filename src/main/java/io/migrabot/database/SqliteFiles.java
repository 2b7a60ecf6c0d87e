package io.migrabot.database;

import io.migrabot.ErrorCode;
import io.migrabot.config.DatabaseConnection;
import io.migrabot.config.JdbcUrls;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteOpenMode;

import javax.sql.DataSource;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;

/**
 * SQLite database files as targets: connections that never create a file (a missing one is an error, not a new
 * empty database), wait a bounded time for another writer ({@code busy_timeout}, {@value #BUSY_TIMEOUT_MS} ms
 * unless the URL sets it), and failures worded for the file: missing, not a database, read-only, locked.
 */
public final class SqliteFiles {
    /** How long a statement waits for another process's write lock before failing, unless the URL says. */
    static final int BUSY_TIMEOUT_MS = 5_000;

    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_READONLY = 8;
    private static final int SQLITE_CANTOPEN = 14;
    private static final int SQLITE_NOTADB = 26;

    private SqliteFiles() {
    }

    /**
     * Whether a statement failed because of the file rather than the statement: it is read-only, locked by another
     * process, or cannot be opened. Such a failure is the target's, reported as {@link #translate} words it.
     */
    public static boolean aboutTheFile(SQLException e) {
        int code = e.getErrorCode() & 0xff;
        return code == SQLITE_BUSY || code == SQLITE_LOCKED || code == SQLITE_READONLY || code == SQLITE_CANTOPEN;
    }

    /** The database file a connection names, as written (relative paths are the process's). */
    static Path file(DatabaseConnection connection) {
        return Path.of(JdbcUrls.sqlitePath(connection.url()));
    }

    /** Connections to the file, opened read-write and never created; a missing file fails before the driver runs. */
    static DataSource dataSource(DatabaseConnection connection) {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        // the driver lets its configured value win over the URL's, so the URL's is set here
        config.setBusyTimeout(JdbcUrls.sqliteBusyTimeout(connection.url()).orElse(BUSY_TIMEOUT_MS));
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl(connection.url());
        Path file = file(connection);
        return new DataSource() {
            @Override
            public Connection getConnection() throws SQLException {
                if (!Files.exists(file)) {
                    throw new Missing(file);
                }
                return source.getConnection();
            }

            @Override
            public Connection getConnection(String user, String password) throws SQLException {
                return getConnection();
            }

            @Override
            public PrintWriter getLogWriter() {
                return null;
            }

            @Override
            public void setLogWriter(PrintWriter out) {
                // nothing is logged through JDBC
            }

            @Override
            public void setLoginTimeout(int seconds) {
                // opening a file does not wait
            }

            @Override
            public int getLoginTimeout() {
                return 0;
            }

            @Override
            public Logger getParentLogger() throws SQLFeatureNotSupportedException {
                throw new SQLFeatureNotSupportedException();
            }

            @Override
            public <T> T unwrap(Class<T> type) throws SQLException {
                throw new SQLException("not a wrapper");
            }

            @Override
            public boolean isWrapperFor(Class<?> type) {
                return false;
            }
        };
    }

    /** Fails as opening would when the database file is not there. */
    static void requireExists(DatabaseConnection connection, String doing) {
        Path file = file(connection);
        if (!Files.exists(file)) {
            throw translate(connection, doing, new Missing(file));
        }
    }

    /** The database file is not there: opening it would have made a new, empty database. */
    private static final class Missing extends SQLException {
        private static final long serialVersionUID = 1L;

        Missing(Path file) {
            super("the database file " + file.toAbsolutePath() + " does not exist");
        }
    }

    /** A failure on a SQLite target, worded for its file. */
    static DatabaseException translate(DatabaseConnection connection, String doing, Throwable e) {
        SQLException sql = DatabaseException.sqlCause(e);
        String where = "target " + connection.name() + " (" + connection.displayUrl() + ")";
        Path file = file(connection).toAbsolutePath();
        if (sql instanceof Missing) {
            return new DatabaseException(ErrorCode.DATABASE_UNREACHABLE, where + ": " + sql.getMessage() + " ("
                    + doing + "). migrabot never creates a database by opening it: check the path (is the "
                    + "volume mounted?), or let the application create its database first", "", e);
        }
        int code = sql == null ? 0 : sql.getErrorCode() & 0xff;
        String detail = sql == null ? String.valueOf(e.getMessage()) : String.valueOf(sql.getMessage());
        return switch (code) {
            case SQLITE_BUSY, SQLITE_LOCKED -> new DatabaseException(ErrorCode.BUSY, "busy: another process (the "
                    + "application?) held " + file + " locked for longer than its busy_timeout while " + doing
                    + " on " + where + "; nothing was changed. Try again when it is idle, or allow a longer wait "
                    + "with ?busy_timeout=MILLISECONDS in the URL", "", e);
            case SQLITE_READONLY -> new DatabaseException(ErrorCode.DATABASE, where + " cannot be written while "
                    + doing + " (" + detail + "): " + file + " or its folder is read-only for this user (SQLite "
                    + "writes a journal beside the file). Make both writable; nothing was changed", "", e);
            case SQLITE_CANTOPEN -> new DatabaseException(ErrorCode.DATABASE_UNREACHABLE, where + ": " + file
                    + " cannot be opened while " + doing + " (" + detail + "). Check that this user may read and "
                    + "write the file and its folder", "", e);
            case SQLITE_NOTADB -> new DatabaseException(ErrorCode.DATABASE, where + ": " + file + " is not a SQLite "
                    + "database (" + detail + "); check the path. Nothing was changed", "", e);
            default -> new DatabaseException(ErrorCode.DATABASE, where + ": " + doing + " failed: " + detail, "",
                    e);
        };
    }
}
