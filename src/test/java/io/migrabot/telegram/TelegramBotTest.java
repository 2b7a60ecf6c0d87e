package io.migrabot.telegram;

import io.migrabot.ErrorCode;
import io.migrabot.chat.ChatKind;
import io.migrabot.chat.IncomingUpdate;
import io.migrabot.chat.UpdateHandler;
import io.migrabot.config.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Updates from the fake Bot API through telegrambots' long polling to the handler. */
class TelegramBotTest {
    private FakeBotApi api;
    private final BlockingQueue<IncomingUpdate> handled = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> handlerThreads = new LinkedBlockingQueue<>();
    private TelegramBot bot;

    @BeforeEach
    void startApi() {
        api = FakeBotApi.start();
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        api.close();
    }

    @Test
    void aTextMessageReachesTheHandlerWithItsFields() {
        start(this::record);
        long updateId = api.enqueueText(7, 7, "/status <shop>");

        IncomingUpdate update = next();
        assertThat(update).usingRecursiveComparison().ignoringFields("messageId").isEqualTo(
                new IncomingUpdate(updateId, 7, 7, "user7", ChatKind.PRIVATE, "/status <shop>", null, null, null));
        assertThat(update.messageId()).isNotNull();
        assertThat(handlerThreads.poll()).startsWith("migrabot-telegram-poller");
    }

    @Test
    void aButtonPressReachesTheHandlerWithTheMessageItBelongsTo() {
        start(this::record);
        String callbackId = api.enqueueButton(7, -1001234, 42, "approve:17");

        IncomingUpdate update = next();
        assertThat(update.chatId()).isEqualTo(-1001234);
        assertThat(update.userId()).isEqualTo(7);
        assertThat(update.userName()).isEqualTo("user7");
        assertThat(update.chatType()).isEqualTo(ChatKind.SUPERGROUP);
        assertThat(update.text()).isNull();
        assertThat(update.callbackId()).isEqualTo(callbackId);
        assertThat(update.callbackData()).isEqualTo("approve:17");
        assertThat(update.messageId()).isEqualTo(42);
    }

    @Test
    void eachUpdateIsHandledOnceInOrderAndAcknowledgedByTheNextPoll() {
        start(this::record);
        long first = api.enqueueText(7, 7, "one");
        api.enqueueText(7, 7, "two");
        long third = api.enqueueText(8, 8, "three");

        assertThat(List.of(next().text(), next().text(), next().text())).containsExactly("one", "two", "three");
        api.enqueueText(7, 7, "four");
        assertThat(next().text()).isEqualTo("four");
        assertThat(handled).isEmpty();
        List<Long> offsets = api.received().stream().filter(call -> call.method().equals("getUpdates"))
                .map(call -> Long.parseLong(call.field("offset"))).toList();
        assertThat(offsets).isSorted().contains(third + 1).allMatch(offset -> offset == 1 || offset > first);
    }

    @Test
    void startDeletesTheWebhookThenPollsAndPublishesNothingElse() {
        start(this::record);
        FakeRequest poll = api.awaitCall("getUpdates", FakeBotApi.WAIT);

        assertThat(api.methods()).containsExactly("deleteWebhook", "getUpdates");
        assertThat(poll.field("timeout")).isEqualTo(String.valueOf(TelegramBot.POLL_SECONDS));
        assertThat(poll.field("allowed_updates"))
                .isEqualTo("[\"message\",\"callback_query\"]");
    }

    @Test
    void aFailingHandlerDoesNotStopTheUpdatesAfterIt() {
        start(update -> {
            if (update.text().equals("boom")) {
                throw new IllegalStateException("handler bug");
            }
            record(update);
        });
        try (LogCapture logs = new LogCapture()) {
            api.enqueueText(7, 7, "boom");
            api.enqueueText(7, 7, "after");

            assertThat(next().text()).isEqualTo("after");
            assertThat(logs.everything()).anySatisfy(line -> assertThat(line)
                    .contains("The update handler failed on update").contains("handler bug"));
        }
    }

    @Test
    void aWrongTokenFailsTheStartWithoutShowingTheToken() {
        String wrong = "1111:wrong-token-for-test";
        bot = new TelegramBot(new TelegramEndpoint(new Secret(wrong), api.baseUrl()), this::record);

        assertThatThrownBy(bot::start).isInstanceOfSatisfying(TelegramException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.TELEGRAM);
            assertThat(e.errorCode()).isEqualTo(401);
            assertThat(e.getMessage()).isEqualTo("Telegram refused deleteWebhook before polling (check the token, "
                    + "and that the URL is a Bot API server): Unauthorized (error 401)");
            for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t)).doesNotContain(wrong);
            }
        });
    }

    private void start(UpdateHandler handler) {
        bot = new TelegramBot(new TelegramEndpoint(new Secret(FakeBotApi.TOKEN), api.baseUrl()), handler);
        bot.start();
    }

    private void record(IncomingUpdate update) {
        handlerThreads.add(Thread.currentThread().getName());
        handled.add(update);
    }

    private IncomingUpdate next() {
        return next(handled, FakeBotApi.WAIT);
    }

    static IncomingUpdate next(BlockingQueue<IncomingUpdate> handled, Duration timeout) {
        try {
            IncomingUpdate update = handled.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            assertThat(update).as("an update handled within " + timeout).isNotNull();
            return update;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
