package io.migrabot.runner;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

/**
 * A revision failed while running: which revision, its file, the line of the statement that failed, the SQLSTATE,
 * and the revisions that did complete (the version table records them).
 */
public final class MigrationFailedException extends MigrabotException {
    private static final long serialVersionUID = 1L;
    private final String revision;
    private final String sqlState;

    public MigrationFailedException(String revision, String message, String sqlState, Throwable cause) {
        super(ErrorCode.MIGRATION_FAILED, message, cause);
        this.revision = revision;
        this.sqlState = sqlState == null ? "" : sqlState;
    }

    public String revision() {
        return revision;
    }

    public String sqlState() {
        return sqlState;
    }
}
