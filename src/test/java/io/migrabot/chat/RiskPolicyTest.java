package io.migrabot.chat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Policy from risk, on a staging target whose upgrades are not listed for approval but whose policy says
 * {@code risk: high} (a table of 100 rows is large here): /plan shows the measured findings; a low-risk upgrade runs
 * at once; a high-risk one waits for approval with its findings first; findings that changed since the request
 * (the table emptied: the risk falls to medium) run nothing.
 */
class RiskPolicyTest {
    @TempDir
    Path directory;
    private ChatHarness chat;
    private RecordingSender sender;

    @AfterEach
    void stop() {
        chat.close();
    }

    private RecordingSender.Sent request() {
        sender.clear();
        chat.say(ChatHarness.ALICE, "/upgrade app head");
        return sender.await(s -> s.chatId() == ChatHarness.BOB && s.text().contains("Approval needed"), 120);
    }

    @Test
    void aChangeAtOrAboveThePolicysRiskWaitsForApprovalWithItsFindingsFirst() throws Exception {
        Path sqlDir = Files.createDirectories(directory.resolve("sql"));
        Files.writeString(sqlDir.resolve("r1.sql"), "-- revision: r1\n-- down_revision:\n-- migrate:up\n"
                + "CREATE TABLE items (id int);\n");
        Files.writeString(sqlDir.resolve("r2.sql"), "-- revision: r2\n-- down_revision: r1\n-- migrate:up\n"
                + "CREATE TABLE tags (id int);\n");
        chat = new ChatHarness(directory, """
                    environment: staging
                    migrations: {kind: sql, directory: sql}
                    risk: {large_rows: 10}
                """, "approvals:\n  staging: {risk: high}\n");
        sender = chat.sender;
        chat.say(ChatHarness.ALICE, "/upgrade app r1");
        sender.await(s -> s.kind().equals("edit") && s.text().contains(" done"), 60);
        chat.sql("INSERT INTO items SELECT generate_series(1, 100)");
        chat.sql("ANALYZE items");

        sender.clear();
        chat.say(ChatHarness.ALICE, "/upgrade app r2"); // creates a table: low, runs without a request
        sender.await(s -> s.kind().equals("edit") && s.text().contains(" done"), 60);
        assertThat(sender.texts()).noneMatch(t -> t.contains("Approval needed"));

        Files.writeString(sqlDir.resolve("r3.sql"), "-- revision: r3\n-- down_revision: r2\n-- migrate:up\n"
                + "ALTER TABLE items ALTER COLUMN id TYPE bigint;\n");
        sender.clear();
        chat.say(ChatHarness.ALICE, "/plan app head");
        RecordingSender.Sent plan = sender.await(s -> s.kind().equals("edit") && s.text().contains("impact"), 120);
        assertThat(plan.text()).contains("risk <b>high</b>", "<code>r3</code>: high",
                "• rewrites public.items (≈100 rows, ",
                "under AccessExclusiveLock: reads and writes wait until it ends");

        RecordingSender.Sent request = request();
        assertThat(request.text()).contains("risk <b>high</b>", "rewrites public.items (≈100 rows",
                "it waits for approval because its risk is high (approvals.staging.risk: high)");
        assertThat(request.text().indexOf("rewrites public.items")).isLessThan(request.text().indexOf("from "));
        chat.sql("DELETE FROM items");
        chat.sql("VACUUM ANALYZE items");
        sender.clear();
        chat.press(ChatHarness.BOB, request, RecordingSender.button(request, "Approve"));
        assertThat(sender.await(s -> s.kind().equals("edit") && s.text().contains("nothing was run"), 120).text())
                .contains("the measured impact changed since the request (now: risk medium)");
        assertThat(chat.app.queryOne("SELECT version_num FROM alembic_version")).isEqualTo("r2");

        sender.clear();
        chat.say(ChatHarness.ALICE, "/upgrade app head"); // medium now: below the policy's risk, so it runs at once
        sender.await(s -> s.kind().equals("edit") && s.text().contains(" done"), 60);
        assertThat(chat.app.queryOne("SELECT version_num FROM alembic_version")).isEqualTo("r3");
    }
}
