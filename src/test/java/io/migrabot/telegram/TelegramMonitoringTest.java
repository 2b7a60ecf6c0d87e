package io.migrabot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.migrabot.app.TelegramApplication;
import io.migrabot.testing.ChatSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

import static io.migrabot.testing.ChatSetup.ALICE;
import static org.assertj.core.api.Assertions.assertThat;

/** migrabot run with http configured: its health and metrics while it polls the fake Bot API and answers. */
class TelegramMonitoringTest {
    @TempDir
    Path directory;
    private FakeBotApi api;
    private ChatSetup setup;
    private TelegramApplication bot;
    private int port;

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        api.close();
        setup.close();
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aRunningBotIsHealthyAndCountsTheCommandsItAnswers() throws Exception {
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        api = FakeBotApi.start();
        setup = ChatSetup.create(directory, api.baseUrl(), "http: {port: " + port + "}");
        bot = TelegramApplication.start(setup.config());

        HttpResponse<String> health = get("/healthz");
        assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
        JsonNode checks = new ObjectMapper().readTree(health.body()).get("checks");
        assertThat(checks.fieldNames()).toIterable().containsExactlyInAnyOrder("state", "scheduler", "telegram");
        assertThat(health.body()).doesNotContain(ChatSetup.TOKEN);
        assertThat(checks.get("state").toString()).containsPattern("answers; [0-9.]+ MiB");

        api.enqueueText(ALICE, ALICE, "/heads shop");
        api.awaitReceived("sendMessage", call -> call.field("text") != null && call.field("text").contains("c3"),
                Duration.ofSeconds(60));
        // the command is counted as it is audited, just after its answer went out
        String counted = "migrabot_commands_seconds_count{command=\"heads\",outcome=\"ok\"} 1";
        String metrics = get("/metrics").body();
        for (long deadline = System.nanoTime() + 10_000_000_000L; !metrics.contains(counted)
                && System.nanoTime() < deadline; metrics = get("/metrics").body()) {
            Thread.sleep(50);
        }
        assertThat(metrics).contains(counted).doesNotContain(ChatSetup.TOKEN)
                .containsPattern("migrabot_state_size_bytes [1-9][0-9.E]+");
    }
}
