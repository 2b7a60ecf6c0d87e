package io.migrabot.runner;

import java.sql.SQLException;
import java.util.List;
import java.util.function.Consumer;

/** Runs revisions on a run's connection, each whole or not at all, for one kind of database. */
interface RevisionExecutor extends AutoCloseable {

    /**
     * Runs {@code steps} in order, calling {@code done} for each recorded; on the first failure, throws with the
     * revision's state said plainly (the ones before it stay recorded). A revision declared non-transactional comes
     * alone.
     */
    void run(List<Step> steps, Consumer<Step> done) throws SQLException;

    /** Leaves nothing open on the connection. */
    @Override
    void close() throws SQLException;
}
