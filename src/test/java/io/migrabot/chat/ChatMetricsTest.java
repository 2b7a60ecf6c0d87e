package io.migrabot.chat;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.migrabot.config.HttpSettings;
import io.migrabot.monitor.BotMetrics;
import io.migrabot.monitor.Health;
import io.migrabot.monitor.MonitorServer;
import io.migrabot.testing.ChatSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;

import static io.migrabot.testing.ChatSetup.ALICE;
import static io.migrabot.testing.ChatSetup.CAROL;
import static io.migrabot.testing.ChatSetup.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

/** Commands and operations run through the conversation, counted, and read back from /metrics over HTTP. */
class ChatMetricsTest {
    @TempDir
    static Path directory;
    private static ChatSetup setup;
    private static ChatService service;
    private static MonitorServer server;
    private static final Health health = new Health(Duration.ofSeconds(1));
    private static final RecordingSender sender = new RecordingSender();
    private static final AtomicLong updates = new AtomicLong(1);

    @BeforeAll
    static void start() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        setup = ChatSetup.create(directory, URI.create("http://127.0.0.1:9"), "");
        service = ChatService.open(setup.config(), sender, new BotMetrics(registry));
        server = MonitorServer.start(new HttpSettings("127.0.0.1", 0), health, registry);
    }

    @AfterAll
    static void stop() {
        server.close();
        health.close();
        service.close();
        setup.close();
    }

    private static void say(long user, String text) {
        service.conversation().handle(new IncomingUpdate(updates.incrementAndGet(), user, user, "u" + user, ChatKind.PRIVATE,
                text, null, null, 1));
    }

    /** The value of the series {@code name} whose labels include every one of {@code labels}, 0 when none. */
    private static double scraped(String name, String... labels) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + server.address().getPort() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body().lines().filter(l -> l.startsWith(name + "{"))
                .filter(l -> Arrays.stream(labels).allMatch(l::contains))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
    }

    @Test
    void commandsAreCountedByNameAndOutcomeWithTheirLatency() throws Exception {
        say(ALICE, "/heads shop");
        say(ALICE, "/heads shop");
        say(ALICE, "/show shop");
        say(DAVE, "/upgrade stage head");
        say(ALICE, "/frobnicate");
        assertThat(scraped("migrabot_commands_seconds_count", "command=\"heads\"", "outcome=\"ok\"")).isEqualTo(2);
        assertThat(scraped("migrabot_commands_seconds_sum", "command=\"heads\"", "outcome=\"ok\"")).isPositive();
        assertThat(scraped("migrabot_commands_seconds_count", "command=\"show\"", "outcome=\"usage\"")).isEqualTo(1);
        assertThat(scraped("migrabot_commands_seconds_count", "command=\"upgrade\"", "outcome=\"refused\""))
                .isEqualTo(1);
        assertThat(scraped("migrabot_commands_seconds_bucket", "command=\"heads\"", "le=\"+Inf\"")).isEqualTo(2);
        assertThat(scraped("migrabot_commands_seconds_count", "frobnicate")).as("not a command").isZero();
    }

    @Test
    void anOperationIsCountedByKindTargetAndOutcome() throws Exception {
        say(CAROL, "/upgrade stage head");
        sender.await(s -> s.kind().equals("edit") && s.text().contains("done"), 60);
        assertThat(scraped("migrabot_operations_seconds_count", "kind=\"upgrade\"", "target=\"stage\"",
                "outcome=\"ok\"")).isEqualTo(1);
        assertThat(scraped("migrabot_operations_seconds_sum", "kind=\"upgrade\"")).as("c3 sleeps 0.6 s")
                .isGreaterThan(0.5);
    }
}
