package io.migrabot.monitor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bot's own meters, named in one place. Tags take only values from a small set (command and operation names,
 * configured targets, outcomes), never what a person typed, so the number of series stays bounded. In Prometheus'
 * format: {@code migrabot_commands_seconds}, {@code migrabot_operations_seconds} (each with {@code _count},
 * {@code _sum}, {@code _max} and {@code _bucket}), {@code migrabot_drift_checks_total},
 * {@code migrabot_drift_findings} and {@code migrabot_state_size_bytes}.
 */
public final class BotMetrics {
    private static final Duration[] COMMAND_BUCKETS = seconds(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30);
    private static final Duration[] OPERATION_BUCKETS = seconds(1, 5, 15, 60, 300, 900, 3600);

    /** How a chat command ended, as its {@code outcome} tag says. */
    public enum CommandOutcome {
        /** It ran and answered. */
        OK,
        /** Wrong arguments: answered with the usage. */
        USAGE,
        /** A failure the person was told about in one line (a database down, a revision not found). */
        ERROR,
        /** A bug: answered with an incident id. */
        INTERNAL_ERROR,
        /** The person's role is too low for it. */
        REFUSED;

        String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private final MeterRegistry registry;
    private final ConcurrentMap<String, AtomicInteger> findings = new ConcurrentHashMap<>();
    private final AtomicLong stateSize = new AtomicLong();

    public BotMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("migrabot.state.size", stateSize, AtomicLong::get).baseUnit("bytes")
                .description("The state database's size on disk, as last measured (every 5 minutes)")
                .register(registry);
    }

    /** The state database's size on disk just measured. */
    public void stateSize(long bytes) {
        stateSize.set(bytes);
    }

    /** A chat command, from its arrival to its answer (an operation it started is counted on its own). */
    public void command(String name, CommandOutcome outcome, Duration took) {
        Timer.builder("migrabot.commands").description("Chat commands by name and outcome")
                .tag("command", name).tag("outcome", outcome.tag())
                .serviceLevelObjectives(COMMAND_BUCKETS).register(registry).record(took);
    }

    /** A changing operation run from chat (upgrade, downgrade, stamp, merge, backup, restore). */
    public void operation(String kind, String target, boolean ok, Duration took) {
        Timer.builder("migrabot.operations").description("Operations run from chat by kind, target and outcome")
                .tag("kind", kind).tag("target", target).tag("outcome", ok ? "ok" : "failed")
                .serviceLevelObjectives(OPERATION_BUCKETS).register(registry).record(took);
    }

    /**
     * A scheduled drift check of {@code target} ended with {@code result} ({@code healthy}, {@code drift} or
     * {@code failed}), finding {@code findingCount} problems; a check that could not look (a database down) has no
     * count, and the findings gauge keeps what the last check that did look found.
     */
    public void driftCheck(String target, String result, OptionalInt findingCount) {
        Counter.builder("migrabot.drift.checks").description("Scheduled drift checks by target and result")
                .tag("target", target).tag("result", result).register(registry).increment();
        findingCount.ifPresent(count -> findings.computeIfAbsent(target, this::findingsGauge).set(count));
    }

    /** The gauge's value; kept here because a gauge holds its value only weakly. */
    private AtomicInteger findingsGauge(String target) {
        AtomicInteger value = new AtomicInteger();
        Gauge.builder("migrabot.drift.findings", value, AtomicInteger::get)
                .description("Findings of the last drift check this instance ran that could look, per target")
                .tag("target", target).register(registry);
        return value;
    }

    private static Duration[] seconds(double... values) {
        Duration[] out = new Duration[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = Duration.ofNanos((long) (values[i] * 1e9));
        }
        return out;
    }
}
