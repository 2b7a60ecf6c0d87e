package io.migrabot.telegram;

import io.migrabot.testing.ChatSetup;
import io.migrabot.testing.RestartablePostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.migrabot.testing.ChatSetup.ALICE;
import static io.migrabot.testing.ChatSetup.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code migrabot run} as a process of its own, its state database on a PostgreSQL server of the test's own, which
 * the test stops and starts again (what {@code pg_ctl restart} does): the process stays up, commands sent while
 * the server was down are answered once after it is back, and the scheduled drift checks run again.
 */
class StateRestartTest {
    /**
     * How long the state database stays away: 5 s in the build; {@code -Dmigrabot.outage.seconds=180} for a run of
     * several minutes (reconnecting backs off from 1 s to 30 s).
     */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("migrabot.outage.seconds", 5));
    private static final Duration LONG = Duration.ofSeconds(90).plus(OUTAGE);
    private static final Pattern DRIFT_CHECK = Pattern.compile("Drift check of (\\S+) for (\\d{4}-\\S+Z): ");

    @TempDir
    Path directory;
    private RestartablePostgres server;
    private FakeBotApi api;
    private ChatSetup setup;
    private BotProcesses processes;

    @BeforeEach
    void start() {
        server = RestartablePostgres.start();
        api = FakeBotApi.start();
        setup = ChatSetup.withStateOn(directory, api.baseUrl(), server.server(), "*/2 * * * * ?");
        processes = new BotProcesses(directory);
    }

    @AfterEach
    void stop() throws InterruptedException {
        processes.close();
        api.close();
        setup.close();
        server.close();
    }

    private static Predicate<FakeRequest> whoami(long chat) {
        return call -> String.valueOf(chat).equals(call.field("chat_id")) && call.field("text") != null
                && call.field("text").startsWith("You are");
    }

    private void awaitAnswers(Process bot, Predicate<FakeRequest> test, int count) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (api.answered("sendMessage", test).size() < count) {
            assertThat(bot.isAlive()).as("the bot runs; its log: %s", processes.log("bot")).isTrue();
            assertThat(System.nanoTime()).as("%d answers within %s; log: %s", count, LONG, processes.log("bot"))
                    .isLessThan(deadline);
            BotProcesses.sleep(50);
        }
        BotProcesses.sleep(1_000); // time for one too many
        assertThat(api.answered("sendMessage", test)).as("log: %s", processes.log("bot") + inbox()).hasSize(count);
    }

    private String inbox() {
        try {
            return setup.state().queryOne("SELECT string_agg(delivery || ':' || update_id || ':' || poller || ':' "
                    + "|| state || ':' || received_at, E'\\n') FROM migrabot_inbox");
        } catch (java.sql.SQLException e) {
            return e.toString();
        }
    }

    @Test
    void aRestartOfTheStateDatabasesServerIsRiddenOutAndCommandsSentMeanwhileAreAnsweredOnce() {
        Process bot = processes.startLeading("bot", setup.configFile(), api);
        api.enqueueText(ALICE, ALICE, "/whoami");
        awaitAnswers(bot, whoami(ALICE), 1);

        server.stop();
        for (int i = 0; i < 3; i++) {
            api.enqueueText(BOB, BOB, "/whoami");
        }
        BotProcesses.sleep(OUTAGE.toMillis());
        assertThat(bot.isAlive()).as("the bot runs on; its log: %s", processes.log("bot")).isTrue();
        assertThat(api.answered("sendMessage", whoami(BOB))).isEmpty();

        server.up();
        Instant back = Instant.now();
        awaitAnswers(bot, whoami(BOB), 3);
        assertThat(processes.log("bot")).contains("is back on the state database");

        long deadline = System.nanoTime() + LONG.toNanos();
        while (!checkedAfter(processes.log("bot"), back).containsAll(List.of("shop", "stage"))) {
            assertThat(System.nanoTime()).as("drift checks run again after the restart; log: %s",
                    processes.log("bot")).isLessThan(deadline);
            BotProcesses.sleep(200);
        }
    }

    /** The targets of the drift checks the log records for slots after {@code after}. */
    private static List<String> checkedAfter(String log, Instant after) {
        List<String> targets = new ArrayList<>();
        Matcher m = DRIFT_CHECK.matcher(log);
        while (m.find()) {
            if (Instant.parse(m.group(2)).isAfter(after)) {
                targets.add(m.group(1));
            }
        }
        return targets;
    }
}
