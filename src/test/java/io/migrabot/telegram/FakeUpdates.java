package io.migrabot.telegram;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;

/**
 * The fake's update queue with {@code getUpdates} semantics: a poll with {@code offset} acknowledges (drops) every
 * update below it, returns the unacknowledged ones at once, or waits for one until its timeout, a
 * {@link #wake()} or {@link #close()}.
 */
final class FakeUpdates {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final List<ObjectNode> pending = new ArrayList<>();
    private final java.util.Map<Long, Long> servedNanos = new java.util.HashMap<>();
    private long nextId = 1000;
    private int wakeups;
    private boolean closed;

    /** Queues the update {@code make} builds from its new update id; returns that id. */
    synchronized long add(LongFunction<ObjectNode> make) {
        long id = nextId++;
        pending.add(make.apply(id));
        notifyAll();
        return id;
    }

    synchronized List<ObjectNode> poll(long offset, int limit, int timeoutSeconds) throws InterruptedException {
        if (offset > 0) {
            pending.removeIf(update -> update.get("update_id").asLong() < offset);
        }
        int wakeup = wakeups;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        long left;
        while (pending.isEmpty() && !closed && wakeup == wakeups && (left = deadline - System.nanoTime()) > 0) {
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        List<ObjectNode> batch = new ArrayList<>();
        long now = System.nanoTime();
        for (ObjectNode update : pending.subList(0, Math.min(limit, pending.size()))) {
            batch.add(update.deepCopy());
            servedNanos.putIfAbsent(update.get("update_id").asLong(), now);
        }
        return batch;
    }

    /** When update {@code id} was first handed to a poller ({@link System#nanoTime()}), or null if not yet. */
    synchronized Long servedAt(long id) {
        return servedNanos.get(id);
    }

    /** Ends the polls waiting now with no updates. */
    synchronized void wake() {
        wakeups++;
        notifyAll();
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    static ObjectNode object() {
        return MAPPER.createObjectNode();
    }
}
