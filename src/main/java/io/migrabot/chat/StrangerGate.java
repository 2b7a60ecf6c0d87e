package io.migrabot.chat;

import io.migrabot.state.Audit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;

/**
 * Keeps strangers' updates off the inbox, so a flood of them costs the poller a map update each rather than a
 * database write, and admins' commands do not queue behind them. A stranger's messages are counted in memory per
 * stranger per minute and written to the audit log every second ({@link Audit#strangers}); the first of each
 * minute is answered ("a private bot"), at most {@link #ANSWERS_PER_SECOND} a second in all, from a thread of its
 * own; answers beyond a short queue are dropped. Nothing of a stranger's needs the inbox's guarantees: it runs
 * nothing.
 */
public final class StrangerGate implements AutoCloseable {
    static final int ANSWERS_PER_SECOND = 10;
    private static final Logger log = LoggerFactory.getLogger(StrangerGate.class);

    private final LongPredicate known;
    private final Audit audit;
    private final ChatSender sender;
    private final Map<Audit.StrangerKey, Tally> tallies = new ConcurrentHashMap<>();
    private final BlockingQueue<IncomingUpdate> answers = new ArrayBlockingQueue<>(ANSWERS_PER_SECOND * 10);
    private final ScheduledExecutorService flushing = daemon("migrabot-strangers-audit");
    private final ScheduledExecutorService answering = daemon("migrabot-strangers-answer");

    /** @param known whether a user id is a configured user's */
    public StrangerGate(LongPredicate known, Audit audit, ChatSender sender) {
        this.known = known;
        this.audit = audit;
        this.sender = sender;
        flushing.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
        answering.scheduleWithFixedDelay(this::answer, 100, 1000 / ANSWERS_PER_SECOND, TimeUnit.MILLISECONDS);
    }

    /** A stranger's messages in one minute: the first (for the audit's command), how many, how many written. */
    private record Tally(IncomingUpdate first, AtomicInteger count, AtomicInteger written) {
    }

    /** Takes the update when it is a stranger's (true); leaves a configured user's to the caller (false). */
    public boolean offer(IncomingUpdate update) {
        if (known.test(update.userId())) {
            return false;
        }
        Audit.StrangerKey key = new Audit.StrangerKey(update.userId(), Instant.now().truncatedTo(ChronoUnit.MINUTES));
        Tally tally = tallies.computeIfAbsent(key, k -> new Tally(update, new AtomicInteger(),
                new AtomicInteger()));
        if (tally.count().getAndIncrement() == 0 && !answers.offer(update)) {
            log.debug("Too many strangers to answer; update {} is not answered", update.updateId());
        }
        return true;
    }

    /**
     * Writes the counts gathered since the last flush; a past minute's tally is forgotten once written, the current
     * one's is kept so its stranger is not answered again this minute.
     */
    private void flush() {
        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES);
        List<Audit.Strangers> batch = new ArrayList<>();
        for (Map.Entry<Audit.StrangerKey, Tally> entry : tallies.entrySet()) {
            boolean past = entry.getKey().minute().isBefore(minute);
            if (past) {
                tallies.remove(entry.getKey());
            }
            Tally tally = entry.getValue();
            int count = tally.count().get();
            int more = count - tally.written().getAndSet(count);
            if (more > 0) {
                IncomingUpdate first = tally.first();
                batch.add(new Audit.Strangers(entry.getKey(), first.userName(), first.chatId(),
                        first.text() == null ? "button" : Conversation.firstWord(first.text()), more));
            }
        }
        try {
            audit.strangers(batch);
        } catch (RuntimeException e) {
            log.warn("Could not audit {} stranger(s): {}", batch.size(), e.getMessage());
        }
    }

    private void answer() {
        IncomingUpdate update = answers.poll();
        if (update != null) {
            try {
                Conversation.answerStranger(sender, update);
            } catch (RuntimeException e) {
                log.info("Could not answer stranger {}: {}", update.userId(), e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        answering.shutdownNow();
        flushing.shutdown();
        try {
            flushing.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        flush();
    }

    private static ScheduledExecutorService daemon(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, name);
            thread.setDaemon(true);
            return thread;
        });
    }
}
