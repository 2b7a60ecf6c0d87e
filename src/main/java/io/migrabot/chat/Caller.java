package io.migrabot.chat;

import io.migrabot.config.UserConfig;

/**
 * Who is asking, from where: a configured user in an allowed chat, and the update that carried the request.
 *
 * @param updateId  the update, so a redelivered one cannot start an operation twice
 * @param messageId the person's message, or the message a pressed button is under
 */
public record Caller(UserConfig user, long chatId, long updateId, Integer messageId) {

    /** How the caller is named in locks, backups and the journal: name and id. */
    public String who() {
        return user.name() + " (" + user.id() + ")";
    }
}
