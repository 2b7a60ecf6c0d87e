package io.migrabot.telegram;

import io.migrabot.app.TelegramApplication;
import io.migrabot.testing.ChatSetup;
import io.migrabot.testing.FaultProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import static io.migrabot.testing.ChatSetup.ALICE;
import static io.migrabot.testing.ChatSetup.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot end to end with its state database going away for a while, through a TCP proxy in front of it: every
 * connection cut and new ones refused, then let through again. The instance stays up and says so in
 * {@code /healthz}; commands sent meanwhile are answered once it is back, and a change that was running finishes,
 * is not started twice, and its end reaches the journal and the audit log.
 */
class StateOutageTest {
    /**
     * How long the state database stays away: 5 s in the build; {@code -Dmigrabot.outage.seconds=180} for a run of
     * several minutes (reconnecting backs off from 1 s to 30 s).
     */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("migrabot.outage.seconds", 5));
    private static final Duration LONG = Duration.ofSeconds(90).plus(OUTAGE);

    @TempDir
    Path directory;
    private FakeBotApi api;
    private ChatSetup setup;
    private FaultProxy state;
    private TelegramApplication bot;
    private int httpPort;

    @BeforeEach
    void start() throws IOException {
        api = FakeBotApi.start();
        try (ServerSocket free = new ServerSocket(0)) {
            httpPort = free.getLocalPort();
        }
        setup = ChatSetup.withStateBehindProxy(directory, api.baseUrl(),
                "http: {port: " + httpPort + ", bind: 127.0.0.1}");
        Files.writeString(directory.resolve("migrations/004_slow.sql"), """
                -- revision: d4
                -- down_revision: c3
                -- message: a slow one
                -- migrate:up
                SELECT pg_sleep(6);
                CREATE TABLE slow (id int);
                -- migrate:down
                DROP TABLE slow;
                """);
        state = setup.stateProxy();
        bot = TelegramApplication.start(setup.config());
        api.awaitCall("getUpdates", LONG);
    }

    @AfterEach
    void stop() {
        bot.close();
        api.close();
        setup.close();
    }

    private static Predicate<FakeRequest> whoami(long chat) {
        return call -> String.valueOf(chat).equals(call.field("chat_id")) && call.field("text") != null
                && call.field("text").startsWith("You are");
    }

    private String health() throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort
                + "/healthz")).build(), HttpResponse.BodyHandlers.ofString()).body();
    }

    private void awaitHealth(String contains) throws Exception {
        long deadline = System.nanoTime() + LONG.toNanos();
        String last = "";
        while (!(last = health()).contains(contains)) {
            assertThat(System.nanoTime()).as("/healthz says %s; last %s", contains, last).isLessThan(deadline);
            BotProcesses.sleep(200);
        }
    }

    private void awaitAnswers(Predicate<FakeRequest> test, int count) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (api.answered("sendMessage", test).size() < count) {
            assertThat(System.nanoTime()).as("%d answers within %s", count, LONG).isLessThan(deadline);
            BotProcesses.sleep(50);
        }
        BotProcesses.sleep(1_000); // time for one too many
        assertThat(api.answered("sendMessage", test)).hasSize(count);
    }

    private void goAway() {
        state.refuse();
        state.cut();
    }

    @Test
    void commandsSentWhileTheStateDatabaseIsAwayAreAnsweredOnceAfterIt() throws Exception {
        api.enqueueText(ALICE, ALICE, "/whoami");
        awaitAnswers(whoami(ALICE), 1);

        goAway();
        awaitHealth("unreachable for");
        for (int i = 0; i < 3; i++) {
            api.enqueueText(BOB, BOB, "/whoami");
        }
        BotProcesses.sleep(OUTAGE.toMillis());
        assertThat(api.answered("sendMessage", whoami(BOB))).as("nothing is taken that cannot be stored").isEmpty();
        assertThat(bot.leading()).isFalse();

        state.heal();
        awaitAnswers(whoami(BOB), 3);
        assertThat(bot.leading()).isTrue();
        awaitHealth("\"state\":{\"status\":\"ok\"");
        assertThat(setup.state().queryOne("SELECT count(*) FROM migrabot_inbox WHERE state = 'done'"))
                .isEqualTo("4");
    }

    @Test
    void aChangeRunningWhenTheStateDatabaseGoesAwayEndsOnceAndIsRecordedWhenItIsBack() throws Exception {
        long update = api.enqueueText(ALICE, ALICE, "/upgrade stage heads");
        setup.state().awaitQuery("SELECT count(*) FROM migrabot_journal WHERE state = 'running'", "1", LONG,
                () -> "");
        BotProcesses.sleep(1_000); // into the slow revision
        goAway();
        FakeRequest outcome = api.awaitReceived("editMessageText", c -> c.field("text") != null
                && c.field("text").contains("✅"), LONG);
        assertThat(outcome.field("text")).contains("d4");
        assertThat(setup.state().queryOne("SELECT state FROM migrabot_journal")).as("not written while away")
                .isEqualTo("running");

        state.heal();
        setup.state().awaitQuery("SELECT state FROM migrabot_journal", "done", LONG, () -> "");
        setup.state().awaitQuery("SELECT count(*) FROM migrabot_audit WHERE decision = 'executed' "
                + "AND command = 'upgrade'", "1", LONG, () -> "");
        setup.state().awaitQuery("SELECT state FROM migrabot_inbox WHERE update_id = " + update, "done", LONG,
                () -> "");
        BotProcesses.sleep(3_000); // time for a second start, if there were one
        assertThat(setup.state().queryOne("SELECT count(*) FROM migrabot_journal")).isEqualTo("1");
        assertThat(setup.staging().queryOne("SELECT version_num FROM alembic_version")).isEqualTo("d4");
        assertThat(api.receivedMatching("editMessageText", c -> c.field("text") != null
                && c.field("text").contains("✅"))).hasSize(1);

        api.enqueueText(BOB, BOB, "/whoami");
        awaitAnswers(whoami(BOB), 1);
    }
}
