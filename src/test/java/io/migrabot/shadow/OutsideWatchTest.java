package io.migrabot.shadow;

import io.migrabot.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link OutsideWatch} on its own: what happens to the watched statement when the planning thread is interrupted. */
class OutsideWatchTest {
    private Postgres.Database db;

    @BeforeEach
    void table() throws Exception {
        db = Postgres.create("watch");
        try (Connection c = db.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE events (id integer, payload text)");
            s.execute("INSERT INTO events SELECT x, md5(x::text) FROM generate_series(1, 2000000) x");
        }
    }

    @AfterEach
    void drop() {
        db.close();
    }

    @Test
    void anInterruptedWatchCancelsItsStatementInsteadOfLeavingItToRunOn() throws Exception {
        String before = db.queryOne("SELECT pg_relation_filenode('events')");
        try (Connection session = db.connect(); Connection watch = db.connect()) {
            session.setAutoCommit(true);
            // VACUUM FULL waits for the watch's share lock, then rewrites the table (seconds for 2,000,000 rows);
            // the reader runs while it waits, and interrupts the planning thread there
            OutsideWatch.Reader interrupt = (c, pid) -> Thread.currentThread().interrupt();

            assertThatThrownBy(() -> OutsideWatch.run(session, watch, "VACUUM FULL events", interrupt))
                    .hasMessageContaining("interrupted while a statement ran in the shadow database; it was cancelled");
            assertThat(Thread.interrupted()).as("the interruption is kept for the caller").isTrue();

            assertThat(db.queryOne("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND "
                    + "query LIKE 'VACUUM FULL%' AND state = 'active'")).as("still rewriting").isEqualTo("0");
            assertThat(db.queryOne("SELECT pg_relation_filenode('events')")).as("the rewrite was cancelled, not "
                    + "finished").isEqualTo(before);
        }
    }
}
