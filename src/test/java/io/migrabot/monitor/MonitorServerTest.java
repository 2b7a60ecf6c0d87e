package io.migrabot.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.migrabot.MigrabotException;
import io.migrabot.config.HttpSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

import static io.migrabot.monitor.HealthCheck.Status.failing;
import static io.migrabot.monitor.HealthCheck.Status.healthy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** /healthz and /metrics through a real HTTP client, with checks made up for each test. */
class MonitorServerTest {
    private final HttpClient client = HttpClient.newHttpClient();
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Health health = new Health(Duration.ofMillis(500));
    private MonitorServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        health.close();
    }

    private HttpResponse<String> send(String method, String path) throws IOException, InterruptedException {
        if (server == null) {
            server = MonitorServer.start(new HttpSettings("127.0.0.1", 0), health, registry);
        }
        URI uri = URI.create("http://127.0.0.1:" + server.address().getPort() + path);
        return client.send(HttpRequest.newBuilder(uri).method(method, HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        assertThat(response.headers().firstValue("Content-Type")).contains("application/json");
        return new ObjectMapper().readTree(response.body());
    }

    @Test
    void passingChecksAnswer200WithEachCheckByName() throws Exception {
        health.register("telegram", () -> healthy("last poll answered 3 s ago"));
        health.register("state", () -> healthy("answers"));
        HttpResponse<String> response = send("GET", "/healthz");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.has("failing")).isFalse();
        assertThat(body.get("checks").fieldNames()).toIterable().containsExactly("telegram", "state");
        assertThat(body.at("/checks/telegram/detail").asText()).isEqualTo("last poll answered 3 s ago");
    }

    @Test
    void aFailingCheckAnswers503NamingItWithoutTheExceptionsText() throws Exception {
        AtomicBoolean down = new AtomicBoolean(true);
        health.register("telegram", () -> healthy("last poll answered 3 s ago"));
        health.register("state", () -> {
            if (down.get()) {
                throw new IllegalStateException("connection to db.internal:5432 as admin/hunter2 refused");
            }
            return healthy("answers");
        });
        health.register("scheduler", () -> failing("not running"));
        HttpResponse<String> response = send("GET", "/healthz");
        assertThat(response.statusCode()).isEqualTo(503);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("failing");
        assertThat(body.get("failing")).extracting(JsonNode::asText).containsExactly("state", "scheduler");
        assertThat(body.at("/checks/state/status").asText()).isEqualTo("failing");
        assertThat(body.at("/checks/telegram/status").asText()).isEqualTo("ok");
        assertThat(response.body()).doesNotContain("hunter2", "db.internal", "Exception");
    }

    @Test
    void aCheckThatDoesNotAnswerInTimeIsFailing() throws Exception {
        health.register("state", () -> {
            LockSupport.parkNanos(Duration.ofSeconds(10).toNanos()); // a pool waiting for a database that is down
            return healthy("answers");
        });
        long started = System.nanoTime();
        HttpResponse<String> response = send("GET", "/healthz");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(json(response).at("/checks/state/detail").asText()).isEqualTo("no answer within 500 ms");
    }

    @Test
    void metricsAreServedInPrometheusTextFormat() throws Exception {
        Counter.builder("migrabot.test.things").tag("kind", "a").register(registry).increment(3);
        HttpResponse<String> response = send("GET", "/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).contains("text/plain; version=0.0.4; charset=utf-8");
        assertThat(response.body()).contains("# TYPE migrabot_test_things_total counter",
                "migrabot_test_things_total{kind=\"a\"} 3.0");
    }

    @Test
    void otherPathsAreNotFoundAndOtherMethodsNotAllowed() throws Exception {
        assertThat(send("GET", "/").statusCode()).isEqualTo(404);
        assertThat(send("GET", "/healthz/extra").statusCode()).isEqualTo(404);
        HttpResponse<String> post = send("POST", "/metrics");
        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        HttpResponse<String> head = send("HEAD", "/healthz");
        assertThat(head.statusCode()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
    }

    @Test
    void anAddressThatCannotBeListenedOnNamesTheKeys() throws Exception {
        send("GET", "/healthz");
        HttpSettings taken = new HttpSettings("127.0.0.1", server.address().getPort());
        assertThatThrownBy(() -> MonitorServer.start(taken, health, registry))
                .isInstanceOf(MigrabotException.class)
                .hasMessageStartingWith("cannot serve health and metrics on 127.0.0.1:" + taken.port()
                        + " (http.bind, http.port): ");
    }
}
