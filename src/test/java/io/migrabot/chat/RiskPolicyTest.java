package io.migrabot.chat;

import io.migrabot.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Policy from risk, on a staging target whose upgrades are not listed for approval but whose policy says
 * {@code risk: high} (a table of 100 rows is large here): /plan shows the measured findings; a low-risk upgrade runs
 * at once; a high-risk one waits for approval with its findings first; findings that changed since the request
 * (the table emptied: the risk falls to medium) run nothing.
 */
class RiskPolicyTest {
    private static final long ALICE = 1001;
    private static final long BOB = 1002;

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

    private void say(long user, String text) {
        service.conversation().handle(new IncomingUpdate(updates.incrementAndGet(), user, user, "u" + user,
                ChatKind.PRIVATE, text, null, null, 1));
    }

    private void press(long user, RecordingSender.Sent under, String data) {
        service.conversation().handle(new IncomingUpdate(updates.incrementAndGet(), user, user, "u" + user,
                ChatKind.PRIVATE, null, "cb" + updates.get(), data, under.messageId()));
    }

    private void sql(String statement) throws Exception {
        try (Connection c = app.connect(); Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private RecordingSender.Sent request() {
        sender.clear();
        say(ALICE, "/upgrade app head");
        return sender.await(s -> s.chatId() == BOB && s.text().contains("Approval needed"), 120);
    }

    @Test
    void aChangeAtOrAboveThePolicysRiskWaitsForApprovalWithItsFindingsFirst() throws Exception {
        state = Postgres.create("risk_state");
        app = Postgres.create("risk_app");
        Path sqlDir = Files.createDirectories(directory.resolve("sql"));
        Files.writeString(sqlDir.resolve("r1.sql"), "-- revision: r1\n-- down_revision:\n-- migrate:up\n"
                + "CREATE TABLE items (id int);\n");
        Files.writeString(sqlDir.resolve("r2.sql"), "-- revision: r2\n-- down_revision: r1\n-- migrate:up\n"
                + "CREATE TABLE tags (id int);\n");
        Path config = directory.resolve("migrabot.yml");
        Files.writeString(config, """
                targets:
                  app:
                    url: %s
                    user: %s
                    environment: staging
                    migrations: {kind: sql, directory: sql}
                    risk: {large_rows: 10}
                state: {url: %s, user: %s}
                users:
                  - {id: %d, name: alice, role: admin}
                  - {id: %d, name: bob, role: admin}
                approvals:
                  staging: {risk: high}
                progress_interval: 100ms
                """.formatted(app.url(), app.user(), state.url(), state.user(), ALICE, BOB));
        service = ChatService.open(io.migrabot.config.ConfigLoader.load(config, java.util.Map.of()), sender);
        say(ALICE, "/upgrade app r1");
        sender.await(s -> s.kind().equals("edit") && s.text().contains(" done"), 60);
        sql("INSERT INTO items SELECT generate_series(1, 100)");
        sql("ANALYZE items");

        sender.clear();
        say(ALICE, "/upgrade app r2"); // creates a table: low, runs without a request
        sender.await(s -> s.kind().equals("edit") && s.text().contains(" done"), 60);
        assertThat(sender.texts()).noneMatch(t -> t.contains("Approval needed"));

        Files.writeString(sqlDir.resolve("r3.sql"), "-- revision: r3\n-- down_revision: r2\n-- migrate:up\n"
                + "ALTER TABLE items ALTER COLUMN id TYPE bigint;\n");
        sender.clear();
        say(ALICE, "/plan app head");
        RecordingSender.Sent plan = sender.await(s -> s.kind().equals("edit") && s.text().contains("impact"), 120);
        assertThat(plan.text()).contains("risk <b>high</b>", "<code>r3</code>: high",
                "• rewrites public.items (≈100 rows, ", "under AccessExclusiveLock: reads and writes wait until it ends");

        RecordingSender.Sent request = request();
        assertThat(request.text()).contains("risk <b>high</b>", "rewrites public.items (≈100 rows",
                "it waits for approval because its risk is high (approvals.staging.risk: high)");
        assertThat(request.text().indexOf("rewrites public.items")).isLessThan(request.text().indexOf("from "));
        sql("DELETE FROM items");
        sql("VACUUM ANALYZE items");
        sender.clear();
        press(BOB, request, RecordingSender.button(request, "Approve"));
        assertThat(sender.await(s -> s.kind().equals("edit") && s.text().contains("nothing was run"), 120).text())
                .contains("the measured impact changed since the request (now: risk medium)");
        assertThat(app.queryOne("SELECT version_num FROM alembic_version")).isEqualTo("r2");

        sender.clear();
        say(ALICE, "/upgrade app head"); // medium now: below the policy's risk, so it runs at once
        sender.await(s -> s.kind().equals("edit") && s.text().contains(" done"), 60);
        assertThat(app.queryOne("SELECT version_num FROM alembic_version")).isEqualTo("r3");
    }
}
