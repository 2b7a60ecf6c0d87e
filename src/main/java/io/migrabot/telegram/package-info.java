/**
 * The Telegram transport over telegrambots 10.2: {@link io.migrabot.telegram.TelegramBot} long-polls the Bot API and
 * hands each update to an {@link io.migrabot.chat.UpdateHandler}; {@link io.migrabot.telegram.TelegramSender}
 * implements {@link io.migrabot.chat.ChatSender}. It translates between Telegram's objects and the chat package's
 * and decides nothing. It owns every thread and HTTP client it gives the library, so closing it ends them, and it
 * keeps the bot token (which Telegram puts in every URL) out of logs and exception messages.
 */
package io.migrabot.telegram;
