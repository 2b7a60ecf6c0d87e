package io.migrabot.runner;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

import java.util.List;

/**
 * Alembic ran and exited with a failure status: what it printed on standard output up to then (for an offline
 * {@code --sql} run, the SQL written before the failing migration) and the tail of its standard error (the
 * traceback), so that a caller can say which revision failed and why.
 */
public final class AlembicFailedException extends MigrabotException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> stdout;
    private final transient List<String> stderrTail;

    AlembicFailedException(String message, List<String> stdout, List<String> stderrTail) {
        super(ErrorCode.ALEMBIC, message);
        this.stdout = List.copyOf(stdout);
        this.stderrTail = List.copyOf(stderrTail);
    }

    public List<String> stdout() {
        return stdout;
    }

    public List<String> stderrTail() {
        return stderrTail;
    }
}
