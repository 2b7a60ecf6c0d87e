package io.migrabot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.migrabot.chat.ChatSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.telegram.telegrambots.client.okhttp.OkHttpTelegramClient;
import org.telegram.telegrambots.meta.api.methods.AnswerCallbackQuery;
import org.telegram.telegrambots.meta.api.methods.ParseMode;
import org.telegram.telegrambots.meta.api.methods.commands.SetMyCommands;
import org.telegram.telegrambots.meta.api.methods.send.SendDocument;
import org.telegram.telegrambots.meta.api.methods.send.SendMessage;
import org.telegram.telegrambots.meta.api.methods.send.SendPhoto;
import org.telegram.telegrambots.meta.api.methods.updatingmessages.EditMessageText;
import org.telegram.telegrambots.meta.api.objects.InputFile;
import org.telegram.telegrambots.meta.api.objects.commands.BotCommand;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.InlineKeyboardMarkup;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardButton;
import org.telegram.telegrambots.meta.api.objects.replykeyboard.buttons.InlineKeyboardRow;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@link ChatSender} over telegrambots' {@link OkHttpTelegramClient}: HTML parse mode, {@link Button}s as an inline
 * keyboard, files as multipart uploads. A call that may succeed later ({@link TelegramException#worthRetrying()}:
 * Telegram unreachable, a 5xx, flood control) is tried again, after 1 s doubling up to 30 s or after the
 * {@code retry_after} Telegram asked for, for up to {@link #PATIENCE}; then, or at once for any other refusal, it
 * throws {@link TelegramException}. So an answer is delivered when the Bot API is back within minutes, and the
 * thread sending it (an inbox worker, an operation showing its progress) waits meanwhile. A message whose answer
 * was lost on the way back (a timeout after Telegram got it) may be shown twice. Flood control also makes every
 * other call from this sender wait until the time has passed. Editing a message to what it already says is not a
 * failure. Owns its HTTP client's threads: {@link #close()} ends them.
 */
public final class TelegramSender implements ChatSender, AutoCloseable {
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(5);
    /** How long a call is tried again while Telegram cannot take it. */
    public static final Duration PATIENCE = Duration.ofMinutes(10);
    private static final long MAX_BACK_OFF_MS = 30_000;
    private static final Logger log = LoggerFactory.getLogger(TelegramSender.class);

    private final TelegramEndpoint endpoint;
    private final TelegramHttp http;
    private final OkHttpTelegramClient client;
    private final Duration patience;
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile long quietUntilNanos = System.nanoTime();

    public TelegramSender(TelegramEndpoint endpoint) {
        this(endpoint, PATIENCE);
    }

    /** @param patience how long a call that may succeed later is tried again */
    TelegramSender(TelegramEndpoint endpoint, Duration patience) {
        this.endpoint = endpoint;
        this.patience = patience;
        this.http = new TelegramHttp("migrabot-telegram-send-http", Duration.ofSeconds(60), Duration.ofMinutes(3));
        this.client = new OkHttpTelegramClient(new ObjectMapper(), http.client(), endpoint.token().reveal(),
                endpoint.telegramUrl());
    }

    @Override
    public int sendText(long chatId, String html, List<List<Button>> buttons) {
        SendMessage send = SendMessage.builder().chatId(chatId).text(html).parseMode(ParseMode.HTML)
                .replyMarkup(keyboard(buttons)).build();
        return call("sendMessage to chat " + chatId, () -> client.execute(send)).getMessageId();
    }

    @Override
    public void editText(long chatId, int messageId, String html, List<List<Button>> buttons) {
        EditMessageText edit = EditMessageText.builder().chatId(chatId).messageId(messageId).text(html)
                .parseMode(ParseMode.HTML).replyMarkup(keyboard(buttons)).build();
        try {
            call("editMessageText of message " + messageId + " in chat " + chatId, () -> client.execute(edit));
        } catch (TelegramException e) {
            if (e.errorCode() != 400 || !e.getMessage().contains("message is not modified")) {
                throw e;
            }
        }
    }

    @Override
    public void answerButton(String callbackId, String text, boolean alert) {
        AnswerCallbackQuery answer = AnswerCallbackQuery.builder().callbackQueryId(callbackId).text(text)
                .showAlert(alert).build();
        call("answerCallbackQuery", () -> client.execute(answer));
    }

    @Override
    public void sendDocument(long chatId, String fileName, byte[] content, String caption) {
        // built for each attempt: an attempt reads the file's stream to its end
        call("sendDocument " + fileName + " to chat " + chatId, () -> client.execute(SendDocument.builder()
                .chatId(chatId).document(new InputFile(new ByteArrayInputStream(content), fileName)).caption(caption)
                .parseMode(caption == null ? null : ParseMode.HTML).build()));
    }

    @Override
    public void sendPhoto(long chatId, String fileName, byte[] png, String caption) {
        call("sendPhoto " + fileName + " to chat " + chatId, () -> client.execute(SendPhoto.builder().chatId(chatId)
                .photo(new InputFile(new ByteArrayInputStream(png), fileName)).caption(caption)
                .parseMode(caption == null ? null : ParseMode.HTML).build()));
    }

    @Override
    public void setCommands(List<Command> commands) {
        SetMyCommands set = new SetMyCommands(commands.stream()
                .map(command -> new BotCommand(command.name(), command.description())).toList());
        call("setMyCommands", () -> client.execute(set));
    }

    /** Cancels calls in flight and ends the HTTP client's threads. */
    @Override
    public void close() {
        closing.countDown();
        http.close(System.nanoTime() + CLOSE_DEADLINE.toNanos());
    }

    private static InlineKeyboardMarkup keyboard(List<List<Button>> buttons) {
        if (buttons.isEmpty()) {
            return null;
        }
        return new InlineKeyboardMarkup(buttons.stream().map(row -> new InlineKeyboardRow(row.stream()
                .map(button -> InlineKeyboardButton.builder().text(button.text()).callbackData(button.data()).build())
                .toList())).toList());
    }

    private <T> T call(String doing, ApiCall<T> call) {
        long giveUp = System.nanoTime() + patience.toNanos();
        for (int attempt = 1; ; attempt++) {
            awaitQuiet(doing);
            TelegramException failure;
            try {
                return call.run();
            } catch (TelegramApiException e) {
                failure = TelegramException.of(doing, e, endpoint);
            }
            long now = System.nanoTime();
            if (!failure.retryAfter().isZero()) {
                quietUntilNanos = Math.max(quietUntilNanos, now + failure.retryAfter().toNanos());
            }
            long wait = failure.retryAfter().isZero()
                    ? TimeUnit.MILLISECONDS.toNanos(Math.min(MAX_BACK_OFF_MS, 1000L << Math.min(attempt - 1, 5)))
                    : failure.retryAfter().toNanos();
            if (!failure.worthRetrying() || now + wait > giveUp || closing.getCount() == 0) {
                if (attempt > 1) {
                    log.error("Gave up on {} after {} attempts: {}", doing, attempt, failure.getMessage());
                }
                throw failure;
            }
            if (attempt == 1) {
                log.warn("{}; trying again for up to {} s", failure.getMessage(), patience.toSeconds());
            }
            if (failure.retryAfter().isZero()) {
                sleep(doing, wait, failure);
            }
        }
    }

    /** Waits before the next attempt; {@link #close()} ends the wait and the call. */
    private void sleep(String doing, long nanos, TelegramException failure) {
        try {
            if (closing.await(nanos, TimeUnit.NANOSECONDS)) {
                throw failure;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TelegramException(doing + " was not sent: interrupted while waiting to try again after: "
                    + failure.getMessage(), 0, Duration.ZERO, failure);
        }
    }

    /** Waits out flood control Telegram asked for on an earlier call. */
    private void awaitQuiet(String doing) {
        long wait;
        while ((wait = quietUntilNanos - System.nanoTime()) > 0) {
            try {
                // ends with the sender too: a long retry_after must not hold a stopping bot's threads
                if (closing.await(wait, TimeUnit.NANOSECONDS)) {
                    throw new TelegramException(doing + " was not sent: migrabot stopped while waiting out "
                            + "Telegram's flood control", 0, Duration.ZERO, null);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TelegramException(doing + " was not sent: interrupted while waiting out Telegram's flood "
                        + "control", 0, Duration.ZERO, null);
            }
        }
    }

    @FunctionalInterface
    private interface ApiCall<T> {
        T run() throws TelegramApiException;
    }
}
