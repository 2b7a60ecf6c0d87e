package io.migrabot.monitor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The checks the application registered, by name, run together on each request. Each check has {@code timeout}
 * to answer (a state database that is down can keep a pool waiting far longer than a health probe does); one that
 * throws or is late is failing. A check's change between healthy and failing is logged once, with the exception's
 * message, which the answer itself never carries.
 */
public final class Health implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Health.class);

    /** What one check said. */
    public record Result(String name, HealthCheck.Status status) {
    }

    /** What all checks said, in the order they were registered. */
    public record Report(List<Result> results) {
        public boolean healthy() {
            return results.stream().allMatch(r -> r.status().healthy());
        }

        public List<String> failing() {
            return results.stream().filter(r -> !r.status().healthy()).map(Result::name).toList();
        }
    }

    private final Duration timeout;
    private final Map<String, HealthCheck> checks = new LinkedHashMap<>();
    private final Map<String, Boolean> lastHealthy = new ConcurrentHashMap<>();
    private final ExecutorService executor;

    public Health(Duration timeout) {
        this.timeout = timeout;
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "migrabot-health-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Adds a check; names are what {@code /healthz} shows, one check each. */
    public synchronized void register(String name, HealthCheck check) {
        if (checks.putIfAbsent(name, check) != null) {
            throw new IllegalArgumentException("a health check named " + name + " is already registered");
        }
    }

    /** Runs every check at once and waits at most the timeout for all of them. */
    public Report check() {
        Map<String, HealthCheck> now;
        synchronized (this) {
            now = new LinkedHashMap<>(checks);
        }
        List<Callable<HealthCheck.Status>> tasks = new ArrayList<>();
        now.values().forEach(check -> tasks.add(check::check));
        List<Future<HealthCheck.Status>> answers;
        try {
            answers = executor.invokeAll(tasks, timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            answers = List.of();
        }
        List<Result> results = new ArrayList<>();
        int i = 0;
        for (String name : now.keySet()) {
            HealthCheck.Status status = i < answers.size() ? status(name, answers.get(i))
                    : HealthCheck.Status.failing("not checked: interrupted");
            results.add(new Result(name, status));
            i++;
        }
        return new Report(results);
    }

    private HealthCheck.Status status(String name, Future<HealthCheck.Status> answer) {
        HealthCheck.Status status;
        String why;
        try {
            status = answer.get();
            why = status.detail();
        } catch (CancellationException e) {
            status = HealthCheck.Status.failing("no answer within " + timeout.toMillis() + " ms");
            why = status.detail();
        } catch (ExecutionException e) {
            status = HealthCheck.Status.failing("failed; the log says why");
            why = String.valueOf(e.getCause().getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = HealthCheck.Status.failing("not checked: interrupted");
            why = status.detail();
        }
        Boolean before = lastHealthy.put(name, status.healthy());
        if (before == null ? !status.healthy() : before != status.healthy()) {
            if (status.healthy()) {
                log.info("Health check {} passes again: {}", name, why);
            } else {
                log.warn("Health check {} fails: {}", name, why);
            }
        }
        return status;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
