package io.migrabot.telegram;

import ch.qos.logback.classic.Level;
import io.migrabot.chat.IncomingUpdate;
import io.migrabot.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeout;

/**
 * Closing ends everything the bot and the sender started, within 10 s, wherever the poller is: waiting in a long
 * poll, asleep in a flood-control wait, or behind a handler that does not finish.
 */
class TelegramShutdownTest {
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(10);

    private FakeBotApi api;
    private LogCapture logs;
    private Set<Thread> before;
    private final BlockingQueue<IncomingUpdate> handled = new LinkedBlockingQueue<>();

    @BeforeEach
    void start() {
        api = FakeBotApi.start();
        logs = new LogCapture();
        before = nonDaemonThreads();
    }

    @AfterEach
    void stop() {
        api.close();
        logs.close();
    }

    @Test
    void closingDuringALongPollIsQuickQuietAndLeavesNoThreads() {
        TelegramBot bot = new TelegramBot(endpoint(), handled::add);
        TelegramSender sender = new TelegramSender(endpoint());
        bot.start();
        api.enqueueText(7, 7, "hi");
        TelegramBotTest.next(handled, FakeBotApi.WAIT);
        sender.sendText(7, "hello", List.of());
        api.awaitCall("getUpdates", FakeBotApi.WAIT);
        api.awaitCall("getUpdates", FakeBotApi.WAIT);

        assertTimeout(CLOSE_LIMIT, bot::close);
        assertTimeout(CLOSE_LIMIT, sender::close);

        assertNoThreadsLeft();
        assertThat(logs.count(Level.ERROR, "")).isZero();
        assertThat(logs.count(Level.WARN, "")).isZero();
    }

    @Test
    void closingDuringAFloodControlWaitIsQuick() {
        api.failNext("getUpdates", 1, FakeAnswer.tooManyRequests(60));
        TelegramBot bot = new TelegramBot(endpoint(), handled::add);
        bot.start();
        api.awaitCall("getUpdates", FakeBotApi.WAIT);

        assertTimeout(CLOSE_LIMIT, bot::close);

        assertNoThreadsLeft();
    }

    @Test
    void closingInterruptsAHandlerThatDoesNotFinishAndLeavesItsUpdatesUnacknowledged() {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        TelegramBot bot = new TelegramBot(endpoint(), update -> {
            entered.countDown();
            try {
                new CountDownLatch(1).await();
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
        });
        bot.start();
        long first = api.enqueueText(7, 7, "a long job");
        await(entered);

        assertTimeout(CLOSE_LIMIT, bot::close);

        assertThat(interrupted.getCount()).isZero();
        assertNoThreadsLeft();
        assertThat(logs.count(Level.WARN, "The update handler was interrupted on closing")).isEqualTo(1);
        assertThat(api.received()).filteredOn(call -> call.method().equals("getUpdates"))
                .allMatch(call -> Long.parseLong(call.field("offset")) <= first);
    }

    @Test
    void aBotNeverStartedClosesWithNothingToStop() {
        TelegramBot bot = new TelegramBot(endpoint(), handled::add);

        assertTimeout(CLOSE_LIMIT, bot::close);
        bot.close();

        assertNoThreadsLeft();
        assertThat(api.received()).isEmpty();
    }

    private TelegramEndpoint endpoint() {
        return new TelegramEndpoint(new Secret(FakeBotApi.TOKEN), api.baseUrl());
    }

    private void assertNoThreadsLeft() {
        Set<Thread> left = nonDaemonThreads();
        left.removeAll(before);
        assertThat(left).as("non-daemon threads started since the test began").isEmpty();
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
                .noneMatch(name -> name.startsWith("migrabot-telegram"));
    }


    private static Set<Thread> nonDaemonThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).filter(thread -> !thread.isDaemon())
                .collect(Collectors.toSet());
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(FakeBotApi.WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
