package io.migrabot.database;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

import java.sql.SQLException;

/**
 * A failure talking to a target, with the target's name, its URL without secrets, and the SQLSTATE, worded for
 * the person who must act on it.
 */
public final class DatabaseException extends MigrabotException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    public DatabaseException(ErrorCode code, String message, String sqlState, Throwable cause) {
        super(code, message, cause);
        this.sqlState = sqlState;
    }

    /** The SQLSTATE PostgreSQL reported, or empty. */
    public String sqlState() {
        return sqlState == null ? "" : sqlState;
    }

    /** Finds the SQLException under a Jdbi or driver exception. */
    public static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    /** Translates a failure to connect or to run a statement on {@code target}. */
    static DatabaseException of(String target, String displayUrl, String doing, Throwable e) {
        SQLException sql = sqlCause(e);
        String state = sql == null ? "" : String.valueOf(sql.getSQLState());
        String detail = sql == null ? String.valueOf(e.getMessage()) : firstLine(sql.getMessage());
        String where = "target " + target + " (" + displayUrl + ")";
        if (state.equals("28P01") || state.equals("28000")) {
            return new DatabaseException(ErrorCode.DATABASE_AUTHENTICATION, where + " refused the login while "
                    + doing + ": " + detail + ". Check the user and the password variable in the configuration.",
                    state, e);
        }
        if (state.startsWith("08") || state.equals("3D000") || state.startsWith("57P0")) {
            return new DatabaseException(ErrorCode.DATABASE_UNREACHABLE, where + " cannot be reached while " + doing
                    + ": " + detail + ". Check that the server runs, and the host, port and database name.", state, e);
        }
        return new DatabaseException(ErrorCode.DATABASE, where + ": " + doing + " failed: " + detail
                + (state.isEmpty() ? "" : " (SQLSTATE " + state + ")"), state, e);
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
