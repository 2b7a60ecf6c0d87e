package io.migrabot.chat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.migrabot.config.ConfigLoader;
import io.migrabot.monitor.BotMetrics;
import io.migrabot.testing.Postgres;
import io.migrabot.testing.Sqlite;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A SQLite target in the bot, through the same commands, doctor and scheduled drift checks as PostgreSQL's (the
 * bot's own state stays in PostgreSQL): an upgrade in chat, then a hand-made change alerted once and its revert
 * announced as resolved.
 */
class SqliteChatTest {
    private static final long ALICE = 1001;
    private static final long GROUP = -100777;

    @TempDir
    Path directory;
    private final AtomicLong updates = new AtomicLong(1);
    private final RecordingSender sender = new RecordingSender();
    private Postgres.Database state;
    private Path file;
    private ChatService service;
    private DriftAlerts alerts;

    @BeforeEach
    void start() throws Exception {
        state = Postgres.create("sqlite_chat_state");
        Path sql = Files.createDirectories(directory.resolve("sql"));
        Files.writeString(sql.resolve("a1.sql"), "-- revision: a1\n-- down_revision:\n-- migrate:up\n"
                + "CREATE TABLE users (id integer PRIMARY KEY, telegram_id integer NOT NULL UNIQUE);\n");
        Files.writeString(sql.resolve("b2.sql"), "-- revision: b2\n-- down_revision: a1\n-- migrate:up\n"
                + "CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users (id));\n");
        file = Sqlite.create(directory.resolve("data/bot_database.db"));
        Path config = directory.resolve("migrabot.yml");
        Files.writeString(config, """
                targets:
                  bot:
                    url: "jdbc:sqlite:%s"
                    environment: development
                    migrations: {kind: sql, directory: sql}
                    drift: {cron: "* * * * * ?"}
                state: {url: %s, user: %s}
                users:
                  - {id: %d, name: alice, role: admin}
                chats: [%d]
                instance: sqlite-chat-test
                """.formatted(file, state.url(), state.user(), ALICE, GROUP));
        service = ChatService.open(ConfigLoader.load(config, Map.of()), sender, new BotMetrics(new SimpleMeterRegistry()));
        alerts = new DriftAlerts(service.context(), sender);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        state.close();
    }

    private String say(String text) {
        sender.clear();
        service.conversation().handle(new IncomingUpdate(updates.incrementAndGet(), ALICE, ALICE, "alice",
                ChatKind.PRIVATE, text, null, null, 1));
        return String.join("\n---\n", sender.texts());
    }

    private List<RecordingSender.Sent> check() {
        sender.clear();
        alerts.check("bot", Instant.now());
        return sender.all();
    }

    @Test
    void upgradesInChatAndAlertsAHandMadeChangeOnce() throws Exception {
        say("/upgrade bot head");
        assertThat(sender.await(s -> s.kind().equals("edit") && s.text().contains(" done"), 120).text())
                .contains("a1", "b2");
        assertThat(Sqlite.rows(file, "SELECT version_num FROM alembic_version")).containsExactly("b2");
        assertThat(say("/current bot")).contains("b2");
        assertThat(check()).as("healthy: nothing to say").isEmpty();

        Sqlite.create(file, "ALTER TABLE users ADD COLUMN nick text");
        List<RecordingSender.Sent> alert = check();
        assertThat(alert).hasSize(1);
        assertThat(alert.get(0).chatId()).isEqualTo(GROUP);
        assertThat(alert.get(0).text()).startsWith("🚨 <b>Drift alert</b>").contains("<b>bot</b>", "nick");
        assertThat(check()).as("the same state again").isEmpty();
        say("/doctor bot");
        assertThat(sender.await(s -> s.kind().equals("edit") && s.text().startsWith("🩺"), 120).text())
                .contains("nick");

        Sqlite.create(file, "ALTER TABLE users DROP COLUMN nick");
        assertThat(check()).extracting(RecordingSender.Sent::text)
                .containsExactly("✅ <b>bot</b>: resolved; the scheduled check finds no problem any more.");
    }
}
