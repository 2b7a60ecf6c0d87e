package io.migrabot.telegram;

import io.migrabot.testing.ChatSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

import static io.migrabot.testing.ChatSetup.ALICE;
import static io.migrabot.testing.ChatSetup.CAROL;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot as a process of its own ({@code migrabot run}), killed with SIGKILL at the worst moments and started
 * again: an update received but not answered is answered once after the restart, and an operation cut off is
 * reported to its chat, not run again.
 */
class BotRestartTest {
    private static final Duration LONG = BotProcesses.LONG;

    @TempDir
    Path directory;
    private FakeBotApi api;
    private ChatSetup setup;
    private BotProcesses processes;

    @BeforeEach
    void start() {
        api = FakeBotApi.start();
        setup = ChatSetup.create(directory, api.baseUrl(), "");
        processes = new BotProcesses(directory);
    }

    @AfterEach
    void stop() throws InterruptedException {
        processes.close();
        api.close();
        setup.close();
    }

    private Process bot() {
        return processes.startLeading("bot", setup.configFile(), api);
    }

    private String log() {
        return processes.log("bot");
    }

    private static void kill(Process process) throws InterruptedException {
        BotProcesses.kill(process);
    }



    @Test
    void anUpdateReceivedButNotAnsweredWhenTheBotIsKilledIsAnsweredOnceAfterRestart() throws Exception {
        Process first = bot();
        try (Connection target = setup.shop().connect(); Statement s = target.createStatement()) {
            s.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)");
            s.execute("INSERT INTO alembic_version VALUES ('a1')");
            target.setAutoCommit(false);
            s.execute("LOCK TABLE alembic_version IN ACCESS EXCLUSIVE MODE"); // /current waits on this
            long update = api.enqueueText(ALICE, ALICE, "/current shop");
            setup.state().awaitQuery("SELECT state FROM migrabot_inbox WHERE update_id = " + update, "processing",
                    LONG, this::log);
            kill(first);
            target.rollback();

            bot();
            api.awaitReceived("sendMessage", c -> c.field("text").contains("is at"), LONG);
            setup.state().awaitQuery("SELECT state FROM migrabot_inbox WHERE update_id = " + update, "done",
                    LONG, this::log);
            sleep(1_000); // time for a second answer, if there were one
            assertThat(api.receivedMatching("sendMessage", c -> c.field("text").contains("is at"))).hasSize(1);
            assertThat(api.receivedMatching("sendMessage", c -> c.field("text").contains("is at")).get(0)
                    .field("text")).contains("a1");
        }
    }

    @Test
    void anOperationCutOffByAKillIsReportedAfterRestartAndNotRunAgain() throws Exception {
        Process first = bot();
        api.enqueueText(CAROL, CAROL, "/upgrade stage head");
        setup.state().awaitQuery("SELECT state FROM migrabot_journal WHERE operation = 'upgrade'", "running", LONG,
                this::log);
        api.awaitReceived("sendMessage", c -> c.field("text").contains("starting"), LONG);
        kill(first);

        bot();
        api.awaitReceived("sendMessage", c -> c.field("chat_id").equals("" + CAROL)
                && c.field("text").contains("was cut off: the migrabot instance running it stopped"), LONG);
        assertThat(setup.state().queryOne("SELECT state FROM migrabot_journal WHERE operation = 'upgrade'"))
                .isEqualTo("interrupted");
        assertThat(setup.state().queryOne("SELECT count(*) FROM migrabot_journal")).isEqualTo("1");
    }

    private static void sleep(long millis) {
        BotProcesses.sleep(millis);
    }
}
