package io.migrabot;

/**
 * Why an operation failed, with the process exit status a one-shot command reports for it.
 * Expected outcomes ("nothing to do", "problems found") are results, not error codes.
 */
public enum ErrorCode {
    /** The command line or chat arguments are not of the expected form. */
    USAGE(2),
    /** A configuration file (migrabot's or an {@code alembic.ini}) is missing, unreadable or wrong. */
    CONFIGURATION(2),
    /** The script directory cannot be turned into a revision graph. */
    SCRIPT_DIRECTORY(2),
    /** A revision argument does not name a revision, or names more than one. */
    REVISION_RESOLUTION(2),
    /** The target database cannot be reached (host down, wrong port, database missing). */
    DATABASE_UNREACHABLE(1),
    /** The target database refused the credentials. */
    DATABASE_AUTHENTICATION(2),
    /** A statement against the target failed for another reason. */
    DATABASE(1),
    /** The version table exists but is not what Alembic would have made (columns, NULLs, duplicates). */
    VERSION_TABLE(1),
    /** Another operation holds the target's lock. */
    BUSY(1),
    /** A migration failed; the version table records the last revision that completed. */
    MIGRATION_FAILED(1),
    /** The Alembic subprocess could not start, failed, timed out or was cancelled. */
    ALEMBIC(1),
    /** A backup or restore could not be made, verified or applied; the operation it guarded did not start. */
    BACKUP(1),
    /** Telegram's Bot API refused a call, asked to wait, or could not be reached. */
    TELEGRAM(1),
    /**
     * The expected schema could not be built: no shadow database could be made, or a revision's SQL failed in it.
     */
    SHADOW(1),
    /** {@code migrabot demo} could not set itself up: its embedded PostgreSQL did not start, or its folder failed. */
    DEMO(1);

    private final int exitStatus;

    ErrorCode(int exitStatus) {
        this.exitStatus = exitStatus;
    }

    public int exitStatus() {
        return exitStatus;
    }
}
