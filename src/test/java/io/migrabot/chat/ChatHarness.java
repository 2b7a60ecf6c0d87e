package io.migrabot.chat;

import io.migrabot.config.ConfigLoader;
import io.migrabot.testing.Postgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bot's conversation with a recording sender, on a state database and one target database ({@code app}) of
 * its own, both dropped on close: what people type and press, in private chats.
 */
final class ChatHarness implements AutoCloseable {
    static final long ALICE = 1001;
    static final long BOB = 1002;
    static final long CAROL = 1003;

    final RecordingSender sender = new RecordingSender();
    final Postgres.Database app;
    private final Postgres.Database state;
    private final AtomicLong updates = new AtomicLong(1);
    private final ChatService service;

    /**
     * @param target the target {@code app}'s keys other than its url and user, as YAML lines indented by four
     * @param rest   more top-level configuration (approvals, ...), or empty
     */
    ChatHarness(Path directory, String target, String rest) throws IOException {
        state = Postgres.create("chat_state");
        app = Postgres.create("chat_app");
        Path config = directory.resolve("migrabot.yml");
        Files.writeString(config, "targets:\n  app:\n    url: " + app.url() + "\n    user: " + app.user() + "\n"
                + target + "state: {url: " + state.url() + ", user: " + state.user() + "}\nusers:\n"
                + "  - {id: " + ALICE + ", name: alice, role: admin}\n  - {id: " + BOB + ", name: bob, role: admin}\n"
                + "  - {id: " + CAROL + ", name: carol, role: operator}\nprogress_interval: 100ms\n" + rest);
        this.service = ChatService.open(ConfigLoader.load(config, Map.of()), sender);
    }

    void say(long user, String text) {
        service.conversation().handle(new IncomingUpdate(updates.incrementAndGet(), user, user, "u" + user,
                ChatKind.PRIVATE, text, null, null, 1));
    }

    void press(long user, RecordingSender.Sent under, String data) {
        service.conversation().handle(new IncomingUpdate(updates.incrementAndGet(), user, user, "u" + user,
                ChatKind.PRIVATE, null, "cb" + updates.get(), data, under.messageId()));
    }

    /** Runs statements on the target database. */
    void sql(String... statements) throws java.sql.SQLException {
        try (java.sql.Connection c = app.connect(); java.sql.Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** The first column of the first row of a query on the state database. */
    String stateQuery(String sql) throws java.sql.SQLException {
        return state.queryOne(sql);
    }

    @Override
    public void close() {
        service.close();
        app.close();
        state.close();
    }
}
