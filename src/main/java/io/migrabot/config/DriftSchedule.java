package io.migrabot.config;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * When a target's drift is checked and where alerts go.
 *
 * @param cron    a Quartz cron expression (seconds first), read in UTC
 * @param chats   the chats alerts go to; empty for the bot's group chats ({@code chats:})
 * @param enabled false to check the target only when asked (/doctor)
 */
public record DriftSchedule(String cron, List<Long> chats, boolean enabled) {
    /** Every quarter of an hour, to the group chats. */
    public static final DriftSchedule DEFAULT = new DriftSchedule("0 */15 * * * ?", List.of(), true);
    /** Crons are read in UTC, as the bot shows every time, whatever the server's zone. */
    public static final ZoneId ZONE = ZoneOffset.UTC;

    public DriftSchedule {
        chats = List.copyOf(chats);
    }

    /** Whether checks run: enabled, and somewhere to alert. */
    public boolean runs(BotSettings bot) {
        return enabled && !alertChats(bot).isEmpty();
    }

    /** The chats alerts go to: the listed ones, else the bot's group chats; empty when there is none. */
    public List<Long> alertChats(BotSettings bot) {
        return chats.isEmpty() ? bot.chats().stream().sorted().toList() : chats;
    }
}
