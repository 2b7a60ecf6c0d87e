package io.migrabot.telegram;

import io.migrabot.app.TelegramApplication;
import io.migrabot.testing.ChatSetup;
import io.migrabot.testing.FaultProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Predicate;

import static io.migrabot.testing.ChatSetup.ALICE;
import static io.migrabot.testing.ChatSetup.BOB;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot end to end with the Bot API failing for a while, through a TCP proxy in front of the fake: connections
 * refused, a network that stops moving, server errors and flood control on the answers. No command is lost, and
 * each is answered once when the Bot API is back.
 */
class BotApiOutageTest {
    /**
     * How long the Bot API is away: 5 s in the build; {@code -Dmigrabot.outage.seconds=180} for a run of several
     * minutes (the poller's back-off is capped at 30 s, the sender's retries at 10 minutes).
     */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.getLong("migrabot.outage.seconds", 5));
    private static final Duration LONG = Duration.ofSeconds(90).plus(OUTAGE);

    @TempDir
    Path directory;
    private FakeBotApi api;
    private FaultProxy proxy;
    private ChatSetup setup;
    private TelegramApplication bot;

    @BeforeEach
    void start() {
        api = FakeBotApi.start();
        proxy = FaultProxy.before(api.baseUrl());
        setup = ChatSetup.create(directory, proxy.uri(), "");
        bot = TelegramApplication.start(setup.config());
        api.awaitCall("getUpdates", LONG);
    }

    @AfterEach
    void stop() {
        bot.close();
        proxy.close();
        api.close();
        setup.close();
    }

    private static Predicate<FakeRequest> whoami(long chat) {
        return call -> String.valueOf(chat).equals(call.field("chat_id")) && call.field("text") != null
                && call.field("text").startsWith("You are");
    }

    /** Waits until {@code chat} got {@code count} answers, then a moment more for one too many. */
    private void awaitAnswers(long chat, int count) {
        long deadline = System.nanoTime() + LONG.toNanos();
        while (api.answered("sendMessage", whoami(chat)).size() < count) {
            assertThat(System.nanoTime()).as("%d answers to %d within %s; got %s", count, chat, LONG,
                    api.answered("sendMessage", whoami(chat))).isLessThan(deadline);
            BotProcesses.sleep(50);
        }
        BotProcesses.sleep(1_000);
        assertThat(api.answered("sendMessage", whoami(chat))).hasSize(count);
    }

    @Test
    void commandsSentWhileTheBotApiRefusesConnectionsAreAnsweredOnceItIsBack() {
        proxy.refuse();
        for (int i = 0; i < 3; i++) {
            api.enqueueText(ALICE, ALICE, "/whoami");
        }
        BotProcesses.sleep(OUTAGE.toMillis()); // polls are refused meanwhile, and back off
        assertThat(api.answered("sendMessage", whoami(ALICE))).isEmpty();
        proxy.heal();
        awaitAnswers(ALICE, 3);
    }

    @Test
    void commandsSentWhileTheNetworkStopsMovingAreAnsweredOnceItMovesAgain() {
        proxy.stall();
        api.enqueueText(ALICE, ALICE, "/whoami");
        BotProcesses.sleep(OUTAGE.toMillis());
        assertThat(api.answered("sendMessage", whoami(ALICE))).isEmpty();
        proxy.heal();
        awaitAnswers(ALICE, 1);
    }

    @Test
    void anAnswerRefusedWithServerErrorsAndFloodControlIsDeliveredOnce() {
        // server errors for about OUTAGE: the sender waits 1 s, doubling to 30 s, between attempts
        int errors = 0;
        for (long waited = 0, wait = 1; waited < OUTAGE.toSeconds() || errors < 2; waited += wait, wait = Math.min(
                wait * 2, 30)) {
            errors++;
        }
        api.failNext("sendMessage", errors, FakeAnswer.serverError());
        api.failNext("sendMessage", 1, FakeAnswer.tooManyRequests(2));
        api.enqueueText(BOB, BOB, "/whoami");
        awaitAnswers(BOB, 1);
        assertThat(api.receivedMatching("sendMessage", whoami(BOB))).as("the refused attempts and the one that "
                + "went through").hasSize(errors + 2);
    }

    @Test
    void anAnswerWhoseReplyIsLostIsSentAgainWhenTheBotApiIsBackSoItMayShowTwice() {
        api.listen(call -> {
            if (call.method().equals("sendMessage") && whoami(ALICE).test(call)
                    && api.receivedMatching("sendMessage", whoami(ALICE)).size() == 1) {
                proxy.refuse(); // the first attempt reached Telegram, but no answer comes back
                new Thread(() -> {
                    BotProcesses.sleep(3_000);
                    proxy.heal();
                }).start();
            }
        });
        api.enqueueText(ALICE, ALICE, "/whoami");
        long deadline = System.nanoTime() + LONG.toNanos();
        while (api.receivedMatching("sendMessage", whoami(ALICE)).size() < 2) {
            assertThat(System.nanoTime()).as("the answer is sent again").isLessThan(deadline);
            BotProcesses.sleep(50);
        }
    }
}
