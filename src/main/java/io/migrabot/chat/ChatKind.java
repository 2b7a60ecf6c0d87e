package io.migrabot.chat;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where an update happened, which decides who may talk there: a private chat or the local console is one person
 * with the bot; a group is many. Kept as Telegram's key in the inbox.
 */
public enum ChatKind {
    PRIVATE("private"), GROUP("group"), SUPERGROUP("supergroup"), CHANNEL("channel"),
    /** The local terminal console: only ever made by the console transport. */
    CONSOLE("console"),
    /** A kind this migrabot does not know; answered nowhere. */
    OTHER("other");

    private final String key;

    ChatKind(String key) {
        this.key = key;
    }

    @JsonValue
    public String key() {
        return key;
    }

    /** The kind stored under {@code key}; {@link #OTHER} for anything else. */
    @JsonCreator
    public static ChatKind of(String key) {
        for (ChatKind kind : values()) {
            if (kind.key.equals(key)) {
                return kind;
            }
        }
        return OTHER;
    }

    /**
     * The kind of a chat Telegram names; never {@link #CONSOLE}, so nothing from outside passes for the local
     * terminal.
     */
    public static ChatKind telegram(String type) {
        ChatKind kind = of(type);
        return kind == CONSOLE ? OTHER : kind;
    }

    /** One person with the bot: a private chat or the console. */
    public boolean oneToOne() {
        return this == PRIVATE || this == CONSOLE;
    }

    /** A group chat, which the configuration must list. */
    public boolean group() {
        return this == GROUP || this == SUPERGROUP;
    }
}
