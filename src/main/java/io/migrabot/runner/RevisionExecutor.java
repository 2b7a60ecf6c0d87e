package io.migrabot.runner;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/** Runs revisions on a run's connection, each whole or not at all, for one kind of database. */
interface RevisionExecutor extends AutoCloseable {
    /** The most revisions sent at once, and the answer time under which the next batch may be twice as large. */
    int MAX_BATCH = 64;
    Duration QUICK = Duration.ofMillis(100);

    /**
     * Runs {@code steps}, or the first of them, in order, calling {@code done} for each recorded; on the first
     * failure, throws with the revision's state said plainly (the ones before it stay recorded). A revision declared
     * non-transactional comes alone.
     *
     * @return how many of {@code steps} ran, from the first: all of them unless the executor ends a batch early
     */
    int run(List<Step> steps, Consumer<Step> done) throws SQLException;

    /** How many revisions the first batch may have. */
    default int firstBatch() {
        return 1;
    }

    /**
     * How many revisions the next batch may have, after a batch of {@code size} took {@code took}: twice as many
     * while batches answer within {@link #QUICK}, half as many when they do not.
     */
    default int nextBatch(int size, Duration took) {
        return took.compareTo(QUICK) < 0 ? Math.min(size * 2, MAX_BATCH) : Math.max(size / 2, 1);
    }

    /** Leaves nothing open on the connection. */
    @Override
    void close() throws SQLException;
}
