package io.migrabot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.migrabot.chat.ChatSender;
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
import java.util.concurrent.TimeUnit;

/**
 * {@link ChatSender} over telegrambots' {@link OkHttpTelegramClient}: HTML parse mode, {@link Button}s as an inline
 * keyboard, files as multipart uploads. A refused or failed call throws {@link TelegramException} and is not
 * retried; when Telegram's flood control answers 429 with {@code retry_after}, the call throws and the next call
 * from this sender waits until that time has passed. Editing a message to what it already says is not a failure.
 * Owns its HTTP client's threads: {@link #close()} ends them.
 */
public final class TelegramSender implements ChatSender, AutoCloseable {
    private static final Duration CLOSE_DEADLINE = Duration.ofSeconds(5);

    private final TelegramEndpoint endpoint;
    private final TelegramHttp http;
    private final OkHttpTelegramClient client;
    private volatile long quietUntilNanos = System.nanoTime();

    public TelegramSender(TelegramEndpoint endpoint) {
        this.endpoint = endpoint;
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
        SendDocument send = SendDocument.builder().chatId(chatId)
                .document(new InputFile(new ByteArrayInputStream(content), fileName)).caption(caption)
                .parseMode(caption == null ? null : ParseMode.HTML).build();
        call("sendDocument " + fileName + " to chat " + chatId, () -> client.execute(send));
    }

    @Override
    public void sendPhoto(long chatId, String fileName, byte[] png, String caption) {
        SendPhoto send = SendPhoto.builder().chatId(chatId)
                .photo(new InputFile(new ByteArrayInputStream(png), fileName)).caption(caption)
                .parseMode(caption == null ? null : ParseMode.HTML).build();
        call("sendPhoto " + fileName + " to chat " + chatId, () -> client.execute(send));
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
        awaitQuiet(doing);
        try {
            return call.run();
        } catch (TelegramApiException e) {
            TelegramException failure = TelegramException.of(doing, e, endpoint);
            if (!failure.retryAfter().isZero()) {
                quietUntilNanos = Math.max(quietUntilNanos, System.nanoTime() + failure.retryAfter().toNanos());
            }
            throw failure;
        }
    }

    /** Waits out flood control Telegram asked for on an earlier call. */
    private void awaitQuiet(String doing) {
        long wait;
        while ((wait = quietUntilNanos - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
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
