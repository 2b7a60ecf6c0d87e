package io.migrabot.telegram;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Makes the threads of one executor and remembers the live ones, so that closing can wait until each has really
 * ended rather than trusting that an executor's termination means its threads are gone. The threads are not
 * daemons: a running bot keeps the process alive, and only closing it lets the process end.
 */
final class OwnedThreads implements ThreadFactory {
    private final String name;
    private final AtomicInteger count = new AtomicInteger();
    private final Set<Thread> live = ConcurrentHashMap.newKeySet();

    OwnedThreads(String name) {
        this.name = name;
    }

    @Override
    public Thread newThread(Runnable task) {
        Thread thread = new Thread(() -> {
            try {
                task.run();
            } finally {
                live.remove(Thread.currentThread());
            }
        }, name + "-" + count.incrementAndGet());
        thread.setDaemon(false);
        live.add(thread);
        return thread;
    }

    /** Waits until every thread made here has ended or {@code deadlineNanos} passes; returns those still alive. */
    Set<Thread> join(long deadlineNanos) {
        for (Thread thread : live) {
            long left = deadlineNanos - System.nanoTime();
            try {
                if (left > 0) {
                    thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        live.removeIf(thread -> !thread.isAlive());
        return Set.copyOf(live);
    }
}
