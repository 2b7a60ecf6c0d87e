package io.migrabot.telegram;

import io.migrabot.chat.ChatKind;
import io.migrabot.chat.IncomingUpdate;
import org.telegram.telegrambots.meta.api.objects.CallbackQuery;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.api.objects.User;
import org.telegram.telegrambots.meta.api.objects.message.MaybeInaccessibleMessage;
import org.telegram.telegrambots.meta.api.objects.message.Message;

import java.util.Optional;

/**
 * Turns Telegram's {@link Update} into an {@link IncomingUpdate}. Only the two kinds the bot asks for are
 * translated: a message with text, and a button press under a message in a chat; anything else (a sticker, a
 * press under an inline-mode message, which has no chat) has no translation.
 */
final class UpdateTranslator {
    private UpdateTranslator() {
    }

    static Optional<IncomingUpdate> translate(Update update) {
        if (update.hasMessage() && update.getMessage().hasText() && update.getMessage().getFrom() != null) {
            Message message = update.getMessage();
            User from = message.getFrom();
            return Optional.of(new IncomingUpdate(update.getUpdateId(), message.getChatId(), from.getId(),
                    name(from), ChatKind.telegram(message.getChat().getType()), message.getText(), null, null, message.getMessageId()));
        }
        if (update.hasCallbackQuery() && update.getCallbackQuery().getMessage() != null) {
            CallbackQuery press = update.getCallbackQuery();
            MaybeInaccessibleMessage message = press.getMessage();
            return Optional.of(new IncomingUpdate(update.getUpdateId(), message.getChatId(), press.getFrom().getId(),
                    name(press.getFrom()), ChatKind.telegram(message.getChat().getType()), null, press.getId(), press.getData(),
                    message.getMessageId()));
        }
        return Optional.empty();
    }

    /** The user name, or for someone without one the name Telegram shows. */
    private static String name(User user) {
        if (user.getUserName() != null && !user.getUserName().isEmpty()) {
            return user.getUserName();
        }
        return user.getLastName() == null ? user.getFirstName() : user.getFirstName() + " " + user.getLastName();
    }
}
