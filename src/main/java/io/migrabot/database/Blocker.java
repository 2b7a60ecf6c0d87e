package io.migrabot.database;

import java.time.Duration;

/**
 * A session that holds a lock a migration waits for, as {@code pg_blocking_pids} and {@code pg_stat_activity} show
 * it. Every text field comes from the database and may be anything: renderers escape them.
 *
 * @param transactionAge how long its transaction has been open (zero when it has none)
 * @param query          the start of its current (or, when idle, last) query
 */
public record Blocker(int pid, String user, String application, String state, Duration transactionAge,
                      String query) {
    /** How much of a query is kept. */
    static final int QUERY_SHOWN = 120;

    /**
     * One line, unescaped: {@code pid 4711 (bob, psql, idle in transaction, transaction open 42 s): LOCK TABLE ...}.
     */
    public String describe() {
        return "pid " + pid + " (" + orNone(user) + ", " + (application == null || application.isBlank()
                ? "no application name" : application) + ", " + orNone(state) + ", transaction open "
                + transactionAge.toSeconds() + " s): " + orNone(query);
    }

    private static String orNone(String text) {
        return text == null || text.isBlank() ? "-" : text;
    }
}
