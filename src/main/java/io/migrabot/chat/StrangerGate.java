package io.migrabot.chat;

import io.migrabot.state.Audit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongPredicate;

/**
 * Keeps strangers' updates off the inbox, so a flood of them costs the poller a map update each rather than a
 * database write, and admins' commands do not queue behind them. A stranger's messages are counted in memory per
 * stranger per minute and written to the audit log every second ({@link Audit#strangers}); the first of each
 * minute is answered ("a private bot"), at most {@link #ANSWERS_PER_SECOND} a second in all, from a thread of its
 * own; answers beyond a short queue are dropped. Nothing of a stranger's needs the inbox's guarantees: it runs
 * nothing.
 *
 * <p>Memory is bounded whatever comes: at most {@link #MAX_TALLIES} strangers-minutes are counted one by one;
 * messages from further strangers are counted together per minute ({@link Audit#OTHERS}) and not answered. Counts
 * the audit log did not take (the state database away) stay for the next flush, within the same bound.
 */
public final class StrangerGate implements AutoCloseable {
    static final int ANSWERS_PER_SECOND = 10;
    /** Strangers-minutes counted one by one, written or not: about 300 bytes each. */
    static final int MAX_TALLIES = 10_000;
    private static final Logger log = LoggerFactory.getLogger(StrangerGate.class);

    private final LongPredicate known;
    private final Consumer<List<Audit.Strangers>> audit;
    private final ChatSender sender;
    private final Clock clock;
    private final Map<Audit.StrangerKey, Tally> tallies = new ConcurrentHashMap<>();
    private final BlockingQueue<IncomingUpdate> answers = new ArrayBlockingQueue<>(ANSWERS_PER_SECOND * 10);
    private final ScheduledExecutorService flushing = daemon("migrabot-strangers-audit");
    private final ScheduledExecutorService answering = daemon("migrabot-strangers-answer");
    private boolean failing;

    /**
     * @param known whether a user id is a configured user's
     * @param audit writes counts to the audit log, all or none ({@link Audit#strangers}); throws when it cannot
     */
    public StrangerGate(LongPredicate known, Consumer<List<Audit.Strangers>> audit, ChatSender sender, Clock clock) {
        this.known = known;
        this.audit = audit;
        this.sender = sender;
        this.clock = clock;
        flushing.scheduleWithFixedDelay(this::flush, 1, 1, TimeUnit.SECONDS);
        answering.scheduleWithFixedDelay(this::answer, 100, 1000 / ANSWERS_PER_SECOND, TimeUnit.MILLISECONDS);
    }

    /**
     * A stranger's (or, past the bound, strangers') messages in one minute: what the first was, how many came (the
     * poller adds, under the map's lock for the key) and how many the audit log has (the flush's alone).
     */
    private static final class Tally {
        final String userName;
        final Long chatId;
        final String command;
        final AtomicInteger count = new AtomicInteger();
        int written;

        Tally(String userName, Long chatId, String command) {
            this.userName = userName;
            this.chatId = chatId;
            this.command = command;
        }
    }

    /** Takes the update when it is a stranger's (true); leaves a configured user's to the caller (false). */
    public boolean offer(IncomingUpdate update) {
        if (known.test(update.userId())) {
            return false;
        }
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        Audit.StrangerKey key = new Audit.StrangerKey(update.userId(), minute);
        boolean counted = tallies.size() < MAX_TALLIES || tallies.containsKey(key);
        Tally tally = tallies.compute(counted ? key : new Audit.StrangerKey(Audit.OTHERS, minute), (k, t) -> {
            Tally sum = t != null ? t : counted ? new Tally(update.userName(), update.chatId(),
                    update.text() == null ? "button" : Conversation.firstWord(update.text()))
                    : new Tally("others", null, "(any)");
            sum.count.incrementAndGet();
            return sum;
        });
        if (counted && tally.count.get() == 1 && !answers.offer(update)) {
            log.debug("Too many strangers to answer; update {} is not answered", update.updateId());
        }
        return true;
    }

    /**
     * Writes the counts the audit log does not have yet, in one statement; only once it has them are they marked
     * written, and a past minute's tally forgotten (the current one's is kept so its stranger is not answered
     * again this minute). Synchronized: the scheduler's flush and the one on closing never overlap.
     */
    synchronized void flush() {
        List<Audit.Strangers> batch = new ArrayList<>();
        Map<Tally, Integer> counts = new IdentityHashMap<>();
        for (Map.Entry<Audit.StrangerKey, Tally> entry : tallies.entrySet()) {
            Tally tally = entry.getValue();
            int count = tally.count.get();
            if (count > tally.written) {
                batch.add(new Audit.Strangers(entry.getKey(), tally.userName, tally.chatId, tally.command,
                        count - tally.written));
                counts.put(tally, count);
            }
        }
        try {
            audit.accept(batch);
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("Could not audit {} stranger(s); their counts are kept and tried again every second: {}",
                        batch.size(), e.getMessage());
            }
            failing = true;
            return;
        }
        if (failing) {
            log.info("Audited the {} stranger(s) counted while the audit log could not be written", batch.size());
            failing = false;
        }
        counts.forEach((tally, count) -> tally.written = count);
        Instant minute = clock.instant().truncatedTo(ChronoUnit.MINUTES);
        for (Audit.StrangerKey key : tallies.keySet()) {
            if (key.minute().isBefore(minute)) {
                tallies.computeIfPresent(key, (k, t) -> t.count.get() == t.written ? null : t);
            }
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
