package io.migrabot.chat;

/**
 * One thing a person did in a chat: sent a text message, or pressed a button under one of the bot's messages.
 * A transport fills it in and decides nothing; the id lets a consumer recognise an update it has seen before.
 *
 * @param updateId     an id no other update given to the consumer shares, increasing: the inbox's delivery number
 *                     for a Telegram update (Telegram's own ids repeat, see {@code Inbox}), the console's own
 *                     number for a console line
 * @param chatId       where it happened, and where an answer goes
 * @param userId       who did it
 * @param userName     their user name without the {@code @}, or their display name when they have none
 * @param chatType     what kind of chat it is
 * @param text         the message's text; {@code null} for a button press
 * @param callbackId   the button press to answer; {@code null} for a message
 * @param callbackData the pressed button's data; {@code null} for a message
 * @param messageId    the message a pressed button belongs to, or the person's own message
 */
public record IncomingUpdate(long updateId, long chatId, long userId, String userName, ChatKind chatType, String text,
                             String callbackId, String callbackData, Integer messageId) {
}
