package io.migrabot.app;

import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.migrabot.chat.ChatService;
import io.migrabot.config.HttpSettings;
import io.migrabot.monitor.BotMetrics;
import io.migrabot.monitor.Health;
import io.migrabot.monitor.HealthCheck.Status;
import io.migrabot.monitor.MonitorServer;
import io.migrabot.Units;
import io.migrabot.schedule.DriftScheduler;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The running bot's meters (its own and the JVM's) and health checks, and the HTTP endpoint that serves them when
 * {@code http} is configured. The application registers what it runs: {@link #watch} the checks every instance
 * has, the transport its own.
 */
final class Monitoring implements AutoCloseable {
    /** Each check's time to answer; health probes commonly give up after 5 s. */
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(3);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final BotMetrics metrics = new BotMetrics(registry);
    private final Health health = new Health(CHECK_TIMEOUT);
    private MonitorServer server;

    Monitoring() {
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    BotMetrics metrics() {
        return metrics;
    }

    Health health() {
        return health;
    }

    /**
     * Checks that the state database answers (saying its size) and that the drift scheduler runs.
     *
     * @param outage how long this instance has been without its session on the state database, if it is
     */
    void watch(ChatService service, Supplier<Optional<Duration>> outage) {
        health.register("state", () -> {
            Optional<Duration> away = outage.get();
            return away.isPresent() ? Status.failing("unreachable for " + Units.duration(away.get())
                    + "; reconnecting, and not polling Telegram meanwhile")
                    : Status.healthy("answers; " + Units.size(service.stateSize()));
        });
        DriftScheduler schedule = service.context().schedule();
        health.register("scheduler", () -> schedule.running() ? Status.healthy("running")
                : Status.failing("not running"));
    }

    /** Starts serving {@code /healthz} and {@code /metrics} where {@code http} says; nothing when it is empty. */
    void serve(Optional<HttpSettings> http) {
        server = http.map(settings -> MonitorServer.start(settings, health, registry)).orElse(null);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        health.close();
        registry.close();
    }
}
