package io.migrabot.config;

import org.quartz.CronExpression;

import java.text.ParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

/**
 * Reads {@code targets.NAME.drift}: the cron, checked by the Quartz that will run it, and the alert chats, which
 * must be chats where the bot accepts presses of the alert's buttons.
 */
final class DriftScheduleReader {
    private static final Set<String> KEYS = Set.of("cron", "chats", "enabled");

    private DriftScheduleReader() {
    }

    static DriftSchedule read(ConfigNode node) {
        DriftSchedule defaults = DriftSchedule.DEFAULT;
        node.allowOnly(KEYS);
        ConfigNode cronNode = node.child("cron");
        String cron = cronNode.text().map(String::strip).orElse(defaults.cron());
        checkCron(cronNode, cron);
        List<Long> chats = new ArrayList<>();
        for (ConfigNode chat : node.child("chats").items("chat ids")) {
            Long id = chat.wholeNumber("a Telegram chat id such as -1001234567890");
            if (id != null) {
                chats.add(id);
            }
        }
        if (!node.child("chats").isMissing() && chats.isEmpty()) {
            node.child("chats").error("empty; list chat ids, or leave the key out to alert the group chats "
                    + "(chats:), or set enabled: false");
        }
        return new DriftSchedule(cron, chats, node.child("enabled").bool(defaults.enabled()));
    }

    static void checkCron(ConfigNode node, String cron) {
        try {
            CronExpression expression = new CronExpression(cron);
            expression.setTimeZone(TimeZone.getTimeZone(DriftSchedule.ZONE));
            if (expression.getNextValidTimeAfter(new Date()) == null) {
                node.error("never fires again; expected a schedule such as \"0 */15 * * * ?\"");
            }
        } catch (ParseException e) {
            node.error("not a Quartz cron expression (seconds minutes hours day-of-month month day-of-week, one of "
                    + "the two days '?', e.g. \"0 */15 * * * ?\"): " + e.getMessage() + ", got " + node.shown(cron));
        }
    }

    /**
     * An alert chat the bot would refuse presses in is a mistake: a group chat must be listed under
     * {@code chats}, a private chat must be a configured user's.
     */
    static void checkChats(ConfigNode node, DriftSchedule drift, BotSettings bot) {
        for (Long chat : drift.chats()) {
            if (!bot.chats().contains(chat) && bot.user(chat).isEmpty()) {
                node.error(chat + " is neither a group chat listed under 'chats' nor a configured user's private "
                        + "chat; the bot would refuse presses of the alert's buttons there");
            }
        }
    }
}
