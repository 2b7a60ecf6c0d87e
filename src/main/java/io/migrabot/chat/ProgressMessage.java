package io.migrabot.chat;

import io.migrabot.database.Blocker;
import io.migrabot.Units;
import io.migrabot.runner.Progress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Shows a running operation's progress by editing one status message, no more often than {@code interval}
 * (Telegram refuses rapid edits of one message). Steps in between are skipped, not queued; a failed edit is
 * logged and never stops the operation. While the migration waits for a lock, every edit names the sessions that
 * hold it, each with a button for an admin to cancel its query ({@link BlockerButtons}); a change of blockers and
 * a retry are shown at once.
 */
final class ProgressMessage implements Progress.Listener {
    private static final Logger log = LoggerFactory.getLogger(ProgressMessage.class);

    private final Replies replies;
    private final int messageId;
    private final String heading;
    private final String target;
    private final long intervalNanos;
    private long lastEdit;
    private String step = "⏳ starting…";
    private List<Blocker> blockers = List.of();
    private String retry = "";

    ProgressMessage(Replies replies, int messageId, String heading, String target, Duration interval) {
        this.replies = replies;
        this.messageId = messageId;
        this.heading = heading;
        this.target = target;
        this.intervalNanos = interval.toNanos();
        this.lastEdit = System.nanoTime();
    }

    @Override
    public synchronized void on(Progress p) {
        step = "⏳ step " + p.step() + " of " + p.total() + ": " + (p.upgrade() ? "upgrade " : "downgrade ")
                + Html.code(p.revision()) + " (" + Units.duration(p.elapsed()) + ")";
        retry = "";
        long now = System.nanoTime();
        if (now - lastEdit >= intervalNanos) {
            show(now);
        }
    }

    @Override
    public synchronized void blocked(List<Blocker> now) {
        blockers = List.copyOf(now);
        show(System.nanoTime());
    }

    @Override
    public synchronized void retrying(int attempt, int retries, Duration wait, String why) {
        retry = "🔁 gave up waiting for a lock; retry " + attempt + " of " + retries + " in "
                + Units.duration(wait) + ": " + Html.escape(why);
        show(System.nanoTime());
    }

    private void show(long now) {
        lastEdit = now;
        StringBuilder html = new StringBuilder(heading).append('\n').append(step);
        if (!retry.isEmpty()) {
            html.append('\n').append(retry);
        }
        List<List<ChatSender.Button>> buttons = new ArrayList<>();
        if (!blockers.isEmpty()) {
            html.append("\n🔒 waiting for a lock held by:");
            for (Blocker blocker : blockers) {
                html.append("\n• ").append(Html.escape(blocker.describe()));
                BlockerButtons.button(target, blocker.pid()).ifPresent(b -> buttons.add(List.of(b)));
            }
            html.append("\nAn admin may cancel that query (pg_cancel_backend: its session stays).");
        }
        try {
            replies.edit(messageId, html.toString(), buttons);
        } catch (RuntimeException e) {
            log.warn("Could not show progress in chat {}: {}", replies.chatId(), e.getMessage());
        }
    }
}
