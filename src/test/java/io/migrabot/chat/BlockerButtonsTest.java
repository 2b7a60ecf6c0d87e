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
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An upgrade in chat waiting for a lock: the status message names the blocking session (escaped) with a cancel
 * button; an operator's press is refused, an admin's cancels the blocker's query (its session survives) and the
 * upgrade finishes; both presses are audited.
 */
class BlockerButtonsTest {
    private static final long ALICE = 1001;
    private static final long CAROL = 1003;

    @TempDir
    Path directory;
    private final AtomicLong updates = new AtomicLong(1);
    private final RecordingSender sender = new RecordingSender();
    private Postgres.Database state;
    private Postgres.Database app;
    private ChatService service;

    @AfterEach
    void stop() {
        service.close();
        app.close();
        state.close();
    }

    private void press(long user, RecordingSender.Sent under, String data) {
        service.conversation().handle(new IncomingUpdate(updates.incrementAndGet(), user, user, "u" + user,
                ChatKind.PRIVATE, null, "cb" + updates.get(), data, under.messageId()));
    }

    @Test
    void anAdminCancelsTheBlockingQueryFromTheProgressMessageAndTheUpgradeFinishes() throws Exception {
        state = Postgres.create("blocker_state");
        app = Postgres.create("blocker_app");
        Path sql = Files.createDirectories(directory.resolve("sql"));
        Files.writeString(sql.resolve("r1.sql"), "-- revision: r1\n-- down_revision:\n-- migrate:up\n"
                + "CREATE TABLE items (id int);\n");
        Files.writeString(sql.resolve("r2.sql"), "-- revision: r2\n-- down_revision: r1\n-- migrate:up\n"
                + "ALTER TABLE items ADD COLUMN price int;\n");
        Path config = directory.resolve("migrabot.yml");
        Files.writeString(config, """
                targets:
                  app:
                    url: %s
                    user: %s
                    environment: development
                    migrations: {kind: sql, directory: sql}
                    execution: {lock_timeout: 2m, lock_retries: 0}
                state: {url: %s, user: %s}
                users:
                  - {id: %d, name: alice, role: admin}
                  - {id: %d, name: carol, role: operator}
                progress_interval: 100ms
                """.formatted(app.url(), app.user(), state.url(), state.user(), ALICE, CAROL));
        service = ChatService.open(io.migrabot.config.ConfigLoader.load(config, java.util.Map.of()), sender);
        say("/upgrade app r1");
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
            say("/upgrade app head");
            RecordingSender.Sent waiting = sender.await(m -> m.kind().equals("edit")
                    && m.text().contains("waiting for a lock held by"), 60);
            assertThat(waiting.text()).contains("report &lt;b&gt;job&lt;/b&gt;", "active",
                    "SELECT pg_sleep(120), (SELECT count(*) FROM items)").doesNotContain("<b>job");
            String cancel = RecordingSender.button(waiting, "Cancel the query of pid");
            press(CAROL, waiting, cancel);
            assertThat(sender.await(m -> m.kind().equals("alert"), 10).text())
                    .isEqualTo("Only an admin of app can cancel a query there.");
            press(ALICE, waiting, cancel);
            assertThat(sender.await(m -> m.kind().equals("notice"), 10).text()).startsWith("Cancel sent to pid ");
            sender.await(m -> m.kind().equals("edit") && m.text().contains(" done"), 60);
            assertThat(report.get(30, TimeUnit.SECONDS)).isEqualTo("57014");
            try (Statement again = holder.createStatement()) {
                assertThat(again.execute("SELECT 1")).isTrue();
            }
        }
        assertThat(app.queryOne("SELECT string_agg(version_num, ',') FROM alembic_version")).isEqualTo("r2");
        assertThat(state.queryOne("SELECT string_agg(user_name || ' ' || decision || ' ' || outcome, '; ' ORDER BY id)"
                + " FROM migrabot_audit WHERE command = 'cancel-blocker'"))
                .isEqualTo("carol refused not an admin of the target; alice executed pg_cancel_backend sent");
    }

    private void say(String text) {
        service.conversation().handle(new IncomingUpdate(updates.incrementAndGet(), ALICE, ALICE, "u" + ALICE,
                ChatKind.PRIVATE, text, null, null, 1));
    }
}
