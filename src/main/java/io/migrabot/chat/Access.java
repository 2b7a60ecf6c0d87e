package io.migrabot.chat;

import io.migrabot.config.BotSettings;
import io.migrabot.config.MigrabotConfig;
import io.migrabot.config.TargetConfig;
import io.migrabot.config.UserConfig;

import java.util.List;
import java.util.Optional;

/**
 * Who may talk to the bot, where, and which targets each person sees. A person not in the configuration, or in a
 * chat that is not allowed, is refused before anything else happens; a target a person's role does not reach is,
 * for that person, a target that does not exist.
 */
public final class Access {
    private final MigrabotConfig config;
    private final BotSettings bot;

    public Access(MigrabotConfig config) {
        this.config = config;
        this.bot = config.bot();
    }

    public Optional<UserConfig> user(long userId) {
        return bot.user(userId);
    }

    /**
     * Private chats with the person themselves, the group chats the configuration lists, and the local console
     * (whoever runs it can read the configuration anyway).
     */
    public boolean chatAllowed(IncomingUpdate update) {
        if (update.chatType() == ChatKind.CONSOLE) {
            return true;
        }
        if (update.chatType() == ChatKind.PRIVATE) {
            return update.chatId() == update.userId();
        }
        return update.chatType().group() && bot.chats().contains(update.chatId());
    }

    /** The targets {@code user} can see, in configuration order. */
    public List<TargetConfig> targets(UserConfig user) {
        return config.targets().values().stream().filter(user::reaches).toList();
    }

    /** The target named so, if this person can see it. */
    public Optional<TargetConfig> target(UserConfig user, String name) {
        return config.target(name).filter(user::reaches);
    }
}
