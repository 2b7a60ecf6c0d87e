package io.migrabot.telegram;

import ch.qos.logback.classic.Level;
import io.migrabot.chat.IncomingUpdate;
import io.migrabot.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The poller's error policy against the fake Bot API: flood control, server errors, a second poller; and its health
 * check. Waits are bounded; timings are only asserted as "not before".
 */
class TelegramPollingTest {
    private FakeBotApi api;
    private LogCapture logs;
    private final BlockingQueue<IncomingUpdate> handled = new LinkedBlockingQueue<>();
    private TelegramBot bot;

    @BeforeEach
    void start() {
        api = FakeBotApi.start();
        logs = new LogCapture();
        bot = new TelegramBot(new TelegramEndpoint(new Secret(FakeBotApi.TOKEN), api.baseUrl()), handled::add);
    }

    @AfterEach
    void stop() {
        bot.close();
        api.close();
        logs.close();
    }

    @Test
    void retryAfterOnGetUpdatesDelaysTheNextPoll() {
        api.failNext("getUpdates", 1, FakeAnswer.tooManyRequests(2));
        bot.start();

        FakeRequest refused = api.awaitCall("getUpdates", FakeBotApi.WAIT);
        FakeRequest next = api.awaitCall("getUpdates", FakeBotApi.WAIT);
        assertThat(Duration.ofNanos(next.arrivedNanos() - refused.arrivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        api.enqueueText(7, 7, "after the wait");
        assertThat(TelegramBotTest.next(handled, FakeBotApi.WAIT).text()).isEqualTo("after the wait");
        assertThat(logs.count(Level.WARN, "wait 2 s before polling again")).isEqualTo(1);
    }

    @Test
    void serverErrorsBackOffAndPollingResumesWithin30Seconds() {
        api.failNext("getUpdates", 3, FakeAnswer.serverError());
        bot.start();
        List<FakeRequest> failed = List.of(api.awaitCall("getUpdates", FakeBotApi.WAIT),
                api.awaitCall("getUpdates", FakeBotApi.WAIT), api.awaitCall("getUpdates", FakeBotApi.WAIT));

        api.enqueueText(7, 7, "still there?");
        assertThat(TelegramBotTest.next(handled, Duration.ofSeconds(30)).text()).isEqualTo("still there?");
        for (int i = 1; i < failed.size(); i++) {
            assertThat(Duration.ofNanos(failed.get(i).arrivedNanos() - failed.get(i - 1).arrivedNanos()))
                    .as("the wait before poll %d (the shortest back-off is 375 ms)", i + 1)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
    }

    @Test
    void theHealthCheckSaysWhenAPollWasLastAnswered() {
        assertThat(bot.polls().check().detail()).isEqualTo("not polling; no answer yet");
        api.failNext("getUpdates", 1, FakeAnswer.serverError());
        bot.start();
        api.awaitCall("getUpdates", FakeBotApi.WAIT);
        api.enqueueText(7, 7, "hello");
        assertThat(TelegramBotTest.next(handled, Duration.ofSeconds(30)).text()).isEqualTo("hello");
        assertThat(bot.polls().check().healthy()).isTrue();
        assertThat(bot.polls().check().detail()).startsWith("last poll answered");
    }

    @Test
    void aConflictIsLoggedOnceAndPollingContinues() {
        bot.start();
        api.awaitCall("getUpdates", FakeBotApi.WAIT);
        api.failNext("getUpdates", 3, FakeAnswer.conflict());
        for (int i = 0; i < 3; i++) {
            api.awaitCall("getUpdates", FakeBotApi.WAIT);
        }

        api.enqueueText(7, 7, "after the conflict");
        // the message arriving after three refused polls is what shows polling went on
        assertThat(TelegramBotTest.next(handled, Duration.ofSeconds(30)).text()).isEqualTo("after the conflict");
        assertThat(logs.count(Level.ERROR, "another process is polling this bot token; stop it")).isEqualTo(1);
    }

    @Test
    void theTokenAppearsInNoLogLineNorExceptionMessage() {
        api.failNext("getUpdates", 1, FakeAnswer.serverError());
        api.failNext("getUpdates", 1, FakeAnswer.conflict());
        api.failNext("getUpdates", 1, FakeAnswer.tooManyRequests(1));
        bot.start();
        api.enqueueText(7, 7, "hello");
        TelegramBotTest.next(handled, Duration.ofSeconds(30));
        List<Throwable> failures = new ArrayList<>();
        try (TelegramSender sender = new TelegramSender(new TelegramEndpoint(new Secret(FakeBotApi.TOKEN),
                api.baseUrl()))) {
            api.failNext("sendMessage", 1, FakeAnswer.badRequest("chat not found"));
            failures.add(failure(() -> sender.sendText(1, "x", List.of())));
        }
        FakeBotApi gone = FakeBotApi.start();
        gone.close();
        try (TelegramSender sender = new TelegramSender(new TelegramEndpoint(new Secret(FakeBotApi.TOKEN),
                gone.baseUrl()), Duration.ZERO)) {
            failures.add(failure(() -> sender.sendText(1, "x", List.of())));
        }
        bot.close();

        assertThat(logs.everything()).isNotEmpty()
                .allSatisfy(line -> assertThat(line).doesNotContain(FakeBotApi.TOKEN));
        assertThat(failures).hasSize(2).allSatisfy(failure -> {
            assertThat(failure).isInstanceOf(TelegramException.class);
            for (Throwable t = failure; t != null; t = t.getCause()) {
                assertThat(t.toString()).doesNotContain(FakeBotApi.TOKEN);
            }
        });
        assertThat(failures.get(1)).hasMessageContaining("could not be reached for sendMessage to chat 1");
    }

    private static Throwable failure(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("the call did not fail");
    }
}
