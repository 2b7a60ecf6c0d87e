package io.migrabot.telegram;

import io.migrabot.testing.ChatSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

import static io.migrabot.testing.ChatSetup.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrabot run} stopped with SIGTERM during an upgrade: the upgrade finishes when it can within
 * {@code shutdown_grace}; when it cannot, it stops between revisions, and the journal, the chat, the version table
 * and the target's locks all tell the same truth.
 */
class GracefulShutdownTest {
    /** Slow revisions after the three of {@link ChatSetup}: d4 … g7, a second each. */
    private static final String[] SLOW = {"d4", "e5", "f6", "g7"};

    @TempDir
    Path directory;
    private FakeBotApi api;
    private ChatSetup setup;
    private BotProcesses processes;

    private void start(String grace) throws IOException {
        api = FakeBotApi.start();
        setup = ChatSetup.create(directory, api.baseUrl(), "shutdown_grace: " + grace);
        processes = new BotProcesses(directory);
        String parent = "c3";
        for (String id : SLOW) {
            Files.writeString(directory.resolve("migrations").resolve(id + ".sql"), """
                    -- revision: %s
                    -- down_revision: %s
                    -- message: slow %s
                    -- migrate:up
                    SELECT pg_sleep(1);
                    CREATE TABLE t_%s (id int);
                    -- migrate:down
                    DROP TABLE t_%s;
                    """.formatted(id, parent, id, id, id));
            parent = id;
        }
    }

    @AfterEach
    void stop() throws InterruptedException {
        processes.close();
        api.close();
        setup.close();
    }

    /** Starts the bot, has Carol upgrade the staging target, and sends SIGTERM once it runs the slow revisions. */
    private Process terminateDuringUpgrade() throws Exception {
        Process bot = processes.startLeading("bot", setup.configFile(), api);
        api.enqueueText(CAROL, CAROL, "/upgrade stage head");
        api.awaitReceived("sendMessage", c -> c.field("text").contains("starting"), BotProcesses.LONG);
        setup.staging().awaitQuery("SELECT count(*) FROM pg_tables WHERE tablename = 'items'", "1",
                BotProcesses.LONG, () -> processes.log("bot"));
        bot.destroy(); // SIGTERM
        assertThat(bot.waitFor(60, TimeUnit.SECONDS)).as("the bot stops; its log: %s", processes.log("bot"))
                .isTrue();
        return bot;
    }

    @Test
    void anUpgradeLongerThanTheGraceStopsBetweenRevisionsAndEveryRecordSaysSo() throws Exception {
        start("1s");
        terminateDuringUpgrade();

        String version = setup.staging().queryOne("SELECT version_num FROM alembic_version");
        assertThat(version).as("stopped before the last revision").isNotEqualTo("g7");
        int reached = java.util.List.of(SLOW).indexOf(version);
        for (int i = 0; i < SLOW.length; i++) {
            assertThat(setup.staging().queryOne("SELECT count(*) FROM pg_tables WHERE tablename = 't_" + SLOW[i] + "'"))
                    .as("table of %s exists exactly when the version table says it ran", SLOW[i])
                    .isEqualTo(i <= reached ? "1" : "0");
        }
        assertThat(setup.state().queryOne("SELECT state || ': ' || detail FROM migrabot_journal"))
                .startsWith("interrupted: stopped by shutdown: ").contains("cancelled before");
        assertThat(api.receivedMatching("editMessageText", c -> c.field("text").contains("migrabot is shutting "
                + "down and this did not finish in time"))).hasSize(1);
        assertThat(setup.staging().queryOne("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND "
                + "database = (SELECT oid FROM pg_database WHERE datname = current_database())"))
                .as("the operation lock is released").isEqualTo("0");
        assertThat(setup.state().queryOne("SELECT count(*) FROM migrabot_instance")).isEqualTo("0");
        assertThat(processes.log("bot")).contains("Instance stopped").doesNotContain("Exception");
    }

    @Test
    void anUpgradeThatFitsInTheGraceFinishesBeforeTheBotExits() throws Exception {
        start("60s");
        terminateDuringUpgrade();

        assertThat(setup.staging().queryOne("SELECT version_num FROM alembic_version")).isEqualTo("g7");
        assertThat(setup.state().queryOne("SELECT state FROM migrabot_journal")).isEqualTo("done");
        assertThat(api.receivedMatching("editMessageText", c -> c.field("text").contains("upgrade done")))
                .hasSize(1);
        assertThat(setup.state().queryOne("SELECT count(*) FROM migrabot_instance")).isEqualTo("0");
    }


}
