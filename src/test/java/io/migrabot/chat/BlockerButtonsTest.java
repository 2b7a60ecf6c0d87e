package io.migrabot.chat;

import io.migrabot.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upgrade in chat waiting for a lock: the status message names the blocking session (escaped) with a cancel
 * button; an operator's press is refused, an admin's cancels the blocker's query (its session survives) and the
 * upgrade finishes; both presses are audited.
 */
class BlockerButtonsTest {
    @TempDir
    Path directory;
    private ChatHarness chat;

    @AfterEach
    void stop() {
        chat.close();
    }

    @Test
    void anAdminCancelsTheBlockingQueryFromTheProgressMessageAndTheUpgradeFinishes() throws Exception {
        Path sql = Files.createDirectories(directory.resolve("sql"));
        Files.writeString(sql.resolve("r1.sql"), "-- revision: r1\n-- down_revision:\n-- migrate:up\n"
                + "CREATE TABLE items (id int);\n");
        Files.writeString(sql.resolve("r2.sql"), "-- revision: r2\n-- down_revision: r1\n-- migrate:up\n"
                + "ALTER TABLE items ADD COLUMN price int;\n");
        chat = new ChatHarness(directory, """
                    environment: development
                    migrations: {kind: sql, directory: sql}
                    execution: {lock_timeout: 2m, lock_retries: 0}
                """, "");
        RecordingSender sender = chat.sender;
        Postgres.Database app = chat.app;
        chat.say(ChatHarness.ALICE, "/upgrade app r1");
        sender.await(s -> s.kind().equals("edit") && s.text().contains(" done"), 60);
        try (Connection holder = app.connect(); Statement s = holder.createStatement()) {
            s.execute("SET application_name = 'report <b>job</b>'");
            CompletableFuture<String> report = CompletableFuture.supplyAsync(() -> {
                try {
                    s.execute("SELECT pg_sleep(120), (SELECT count(*) FROM items)");
                    return "finished";
                } catch (SQLException e) {
                    return e.getSQLState();
                }
            });
            app.awaitQuery("SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT pg_sleep(120)%' AND "
                    + "state = 'active'", "1", Duration.ofSeconds(30), () -> "the blocking query never started");
            sender.clear();
            chat.say(ChatHarness.ALICE, "/upgrade app head");
            RecordingSender.Sent waiting = sender.await(m -> m.kind().equals("edit")
                    && m.text().contains("waiting for a lock held by"), 60);
            assertThat(waiting.text()).contains("report &lt;b&gt;job&lt;/b&gt;", "active",
                    "SELECT pg_sleep(120), (SELECT count(*) FROM items)").doesNotContain("<b>job");
            String cancel = RecordingSender.button(waiting, "Cancel the query of pid");
            chat.press(ChatHarness.CAROL, waiting, cancel);
            assertThat(sender.await(m -> m.kind().equals("alert"), 10).text())
                    .isEqualTo("Only an admin of app can cancel a query there.");
            chat.press(ChatHarness.ALICE, waiting, cancel);
            assertThat(sender.await(m -> m.kind().equals("notice"), 10).text()).startsWith("Cancel sent to pid ");
            sender.await(m -> m.kind().equals("edit") && m.text().contains(" done"), 60);
            assertThat(report.get(30, TimeUnit.SECONDS)).isEqualTo("57014");
            try (Statement again = holder.createStatement()) {
                assertThat(again.execute("SELECT 1")).isTrue();
            }
        }
        assertThat(app.queryOne("SELECT string_agg(version_num, ',') FROM alembic_version")).isEqualTo("r2");
        assertThat(chat.stateQuery("SELECT string_agg(user_name || ' ' || decision || ' ' || outcome, '; ' "
                + "ORDER BY id)"
                + " FROM migrabot_audit WHERE command = 'cancel-blocker'"))
                .isEqualTo("carol refused not an admin of the target; alice executed pg_cancel_backend sent");
    }

}
