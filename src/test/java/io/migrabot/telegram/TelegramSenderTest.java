package io.migrabot.telegram;

import io.migrabot.ErrorCode;
import io.migrabot.chat.ChatSender.Button;
import io.migrabot.chat.ChatSender.Command;
import io.migrabot.config.Secret;
import io.migrabot.testing.FaultProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What {@link TelegramSender} sends, as the fake Bot API receives it through telegrambots' client. */
class TelegramSenderTest {
    private FakeBotApi api;
    private TelegramSender sender;

    @BeforeEach
    void start() {
        api = FakeBotApi.start();
        sender = new TelegramSender(new TelegramEndpoint(new Secret(FakeBotApi.TOKEN), api.baseUrl()));
    }

    @AfterEach
    void stop() {
        sender.close();
        api.close();
    }

    @Test
    void sendTextArrivesAsHtmlWithAnInlineKeyboard() {
        int messageId = sender.sendText(42, "<b>upgrade shop</b> to <code>ae10</code>?", List.of(
                List.of(new Button("Approve", "approve:17"), new Button("Reject", "reject:17")),
                List.of(new Button("Details", "details:17"))));

        FakeRequest sent = api.awaitMessage();
        assertThat(sent.field("chat_id")).isEqualTo("42");
        assertThat(sent.field("text")).isEqualTo("<b>upgrade shop</b> to <code>ae10</code>?");
        assertThat(sent.field("parse_mode")).isEqualToIgnoringCase("HTML");
        assertThat(sent.json("reply_markup").toString()).isEqualTo("{\"inline_keyboard\":["
                + "[{\"text\":\"Approve\",\"callback_data\":\"approve:17\"},"
                + "{\"text\":\"Reject\",\"callback_data\":\"reject:17\"}],"
                + "[{\"text\":\"Details\",\"callback_data\":\"details:17\"}]]}");
        assertThat(messageId).isPositive();
    }

    @Test
    void sendTextWithoutButtonsHasNoKeyboard() {
        sender.sendText(42, "plain", List.of());

        assertThat(api.awaitMessage().fields()).doesNotContainKey("reply_markup");
    }

    @Test
    void editTextReplacesTheTextAndTheButtons() {
        sender.editText(-1001234, 77, "<i>approved</i> by alice", List.of(List.of(new Button("Run", "run:17"))));
        sender.editText(-1001234, 77, "done", List.of());

        FakeRequest withButtons = api.awaitEdit();
        assertThat(withButtons.field("chat_id")).isEqualTo("-1001234");
        assertThat(withButtons.field("message_id")).isEqualTo("77");
        assertThat(withButtons.field("text")).isEqualTo("<i>approved</i> by alice");
        assertThat(withButtons.field("parse_mode")).isEqualToIgnoringCase("HTML");
        assertThat(withButtons.json("reply_markup").toString())
                .isEqualTo("{\"inline_keyboard\":[[{\"text\":\"Run\",\"callback_data\":\"run:17\"}]]}");
        assertThat(api.awaitEdit().fields()).doesNotContainKey("reply_markup");
    }

    @Test
    void editingAMessageToWhatItAlreadySaysIsNotAFailure() {
        api.failNext("editMessageText", 1, FakeAnswer.badRequest("message is not modified: specified new "
                + "message content and reply markup are exactly the same as a current content and reply markup of "
                + "the message"));

        sender.editText(42, 77, "same", List.of());
        assertThat(api.count("editMessageText")).isEqualTo(1);
    }

    @Test
    void answerButtonCanShowAnAlert() {
        sender.answerButton("cb-9", "Only admins may approve", true);

        FakeRequest answer = api.awaitCallbackAnswer();
        assertThat(answer.field("callback_query_id")).isEqualTo("cb-9");
        assertThat(answer.field("text")).isEqualTo("Only admins may approve");
        assertThat(answer.field("show_alert")).isEqualTo("true");
    }

    @Test
    void sendDocumentKeepsTheNameTheBytesAndTheCaption() {
        byte[] content = randomBytes(200_000);
        content[0] = '\r';
        content[1] = '\n';
        content[2] = '-';
        content[3] = '-';

        sender.sendDocument(-1001234, "shop-2026-11-21T10-01.dump", content, "backup of <b>shop</b>");

        FakeRequest sent = api.awaitDocument();
        assertThat(sent.field("chat_id")).isEqualTo("-1001234");
        assertThat(sent.field("caption")).isEqualTo("backup of <b>shop</b>");
        assertThat(sent.field("parse_mode")).isEqualToIgnoringCase("HTML");
        assertThat(sent.file("document").fileName()).isEqualTo("shop-2026-11-21T10-01.dump");
        assertThat(sent.file("document").bytes()).isEqualTo(content);
    }

    @Test
    void sendPhotoKeepsThePngBytes() {
        byte[] png = randomBytes(50_000);
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, png, 0, 8);

        sender.sendPhoto(42, "revision-graph.png", png, null);

        FakeRequest sent = api.awaitPhoto();
        assertThat(sent.file("photo").fileName()).isEqualTo("revision-graph.png");
        assertThat(sent.file("photo").bytes()).isEqualTo(png);
        assertThat(sent.fields()).doesNotContainKeys("caption", "parse_mode");
    }

    @Test
    void setCommandsPublishesNamesAndDescriptions() {
        sender.setCommands(List.of(new Command("status", "Show every target's revision"),
                new Command("upgrade", "Upgrade a target")));

        assertThat(api.awaitCall("setMyCommands", FakeBotApi.WAIT).json("commands").toString()).isEqualTo("["
                + "{\"command\":\"status\",\"description\":\"Show every target's revision\"},"
                + "{\"command\":\"upgrade\",\"description\":\"Upgrade a target\"}]");
    }

    @Test
    void aRefusedSendIsATelegramExceptionWithTelegramsReason() {
        api.failNext("sendMessage", 1, FakeAnswer.badRequest("chat not found"));

        assertThatThrownBy(() -> sender.sendText(404, "hello", List.of()))
                .isInstanceOfSatisfying(TelegramException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.TELEGRAM);
                    assertThat(e.errorCode()).isEqualTo(400);
                    assertThat(e.retryAfter()).isZero();
                })
                .hasMessage("Telegram refused sendMessage to chat 404: Bad Request: chat not found (error 400)");
    }

    @Test
    void floodControlOnASendIsWaitedOutAndTheSendTriedAgain() {
        api.failNext("sendMessage", 1, FakeAnswer.tooManyRequests(2));

        assertThat(sender.sendText(42, "first", List.of())).isPositive();
        FakeRequest refused = api.awaitMessage();
        FakeRequest sent = api.awaitMessage();
        assertThat(sent.field("text")).isEqualTo("first");
        assertThat(Duration.ofNanos(sent.arrivedNanos() - refused.arrivedNanos()))
                .isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void serverErrorsAndAnUnreachableBotApiAreTriedAgainWithGrowingWaitsUntilTheSendGoesThrough() throws Exception {
        try (FaultProxy proxy = FaultProxy.before(api.baseUrl());
             TelegramSender patient = new TelegramSender(new TelegramEndpoint(new Secret(FakeBotApi.TOKEN),
                     proxy.uri()))) {
            api.failNext("sendMessage", 2, FakeAnswer.serverError());
            proxy.refuse();
            CompletableFuture<Integer> sending = CompletableFuture.supplyAsync(() -> patient.sendText(42, "hello",
                    List.of()));
            Thread.sleep(2_500); // refused for a while: attempts after 1 s and 2 s
            assertThat(sending).isNotDone();
            proxy.heal();

            assertThat(sending.get(60, TimeUnit.SECONDS)).isPositive();
            List<FakeRequest> calls = List.of(api.awaitMessage(), api.awaitMessage(), api.awaitMessage());
            assertThat(calls).extracting(c -> c.field("text")).containsOnly("hello");
            assertThat(Duration.ofNanos(calls.get(2).arrivedNanos() - calls.get(1).arrivedNanos()))
                    .as("the back-off doubles").isGreaterThan(Duration.ofNanos(calls.get(1).arrivedNanos()
                            - calls.get(0).arrivedNanos()));
        }
    }

    @Test
    void aRefusalThatWouldRepeatIsNotTriedAgainAndPatienceEnds() {
        api.failNext("sendMessage", 1, FakeAnswer.badRequest("chat not found"));
        assertThatThrownBy(() -> sender.sendText(404, "hello", List.of())).isInstanceOf(TelegramException.class);
        assertThat(api.count("sendMessage")).isEqualTo(1);

        FakeBotApi gone = FakeBotApi.start();
        gone.close();
        try (TelegramSender impatient = new TelegramSender(new TelegramEndpoint(new Secret(FakeBotApi.TOKEN),
                gone.baseUrl()), Duration.ofSeconds(2))) {
            assertThatThrownBy(() -> impatient.sendText(1, "x", List.of()))
                    .isInstanceOfSatisfying(TelegramException.class, e -> assertThat(e.worthRetrying()).isTrue())
                    .hasMessageContaining("could not be reached for sendMessage to chat 1");
        }
    }

    private static byte[] randomBytes(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }
}
