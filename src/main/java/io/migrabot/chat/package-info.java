/**
 * The bot's conversation, independent of any chat transport: what arrives ({@link io.migrabot.chat.IncomingUpdate},
 * handed to an {@link io.migrabot.chat.UpdateHandler}) and what can be sent back ({@link io.migrabot.chat.ChatSender}).
 * Telegram, a console or a test implement these; nothing here imports a transport.
 */
package io.migrabot.chat;
