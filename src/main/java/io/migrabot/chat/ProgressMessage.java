package io.migrabot.chat;

import io.migrabot.operation.Units;
import io.migrabot.runner.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;

/**
 * Shows a running operation's progress by editing one status message, no more often than {@code interval}
 * (Telegram refuses rapid edits of one message). Steps in between are skipped, not queued; a failed edit is
 * logged and never stops the operation.
 */
final class ProgressMessage implements Progress.Listener {
    private static final Logger log = LoggerFactory.getLogger(ProgressMessage.class);

    private final Replies replies;
    private final int messageId;
    private final String heading;
    private final long intervalNanos;
    private long lastEdit;

    ProgressMessage(Replies replies, int messageId, String heading, Duration interval) {
        this.replies = replies;
        this.messageId = messageId;
        this.heading = heading;
        this.intervalNanos = interval.toNanos();
        this.lastEdit = System.nanoTime();
    }

    @Override
    public void on(Progress p) {
        long now = System.nanoTime();
        if (now - lastEdit < intervalNanos) {
            return;
        }
        lastEdit = now;
        try {
            replies.edit(messageId, heading + "\n⏳ step " + p.step() + " of " + p.total() + ": "
                    + (p.upgrade() ? "upgrade " : "downgrade ") + Html.code(p.revision()) + " ("
                    + Units.duration(p.elapsed()) + ")", List.of());
        } catch (RuntimeException e) {
            log.warn("Could not show progress in chat {}: {}", replies.chatId(), e.getMessage());
        }
    }
}
