package io.migrabot.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.migrabot.chat.ChatSender;
import io.migrabot.chat.ChatService;
import io.migrabot.config.HttpSettings;
import io.migrabot.monitor.HealthCheck.Status;
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
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The application's own checks, on a real state database and scheduler, read over HTTP. */
class MonitoringTest {
    /** Chats nobody reads: these tests only watch the service (a drift check may still alert while they run). */
    private static final ChatSender NOBODY = new ChatSender() {
        @Override
        public int sendText(long chatId, String html, List<List<Button>> buttons) {
            return 1;
        }

        @Override
        public void editText(long chatId, int messageId, String html, List<List<Button>> buttons) {
        }

        @Override
        public void answerButton(String callbackId, String text, boolean alert) {
        }

        @Override
        public void sendDocument(long chatId, String fileName, byte[] content, String caption) {
        }

        @Override
        public void sendPhoto(long chatId, String fileName, byte[] png, String caption) {
        }

        @Override
        public void setCommands(List<Command> commands) {
        }
    };

    @TempDir
    Path directory;
    private ChatSetup setup;
    private ChatService service;
    private final Monitoring monitoring = new Monitoring();
    private int port;

    @AfterEach
    void stop() {
        monitoring.close();
        if (service != null) {
            service.close();
        }
        if (setup != null) {
            setup.close();
        }
    }

    private void start() throws IOException {
        setup = ChatSetup.create(directory, URI.create("http://127.0.0.1:9"), "");
        service = ChatService.open(setup.config(), NOBODY, monitoring.metrics());
        monitoring.watch(service, Optional::empty);
        monitoring.health().register("telegram", () -> Status.healthy("standby: another instance polls"));
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        monitoring.serve(Optional.of(new HttpSettings("127.0.0.1", port)));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSchedulerThatDoesNotRunIsNamedAndOnceItRunsAllIsWell() throws Exception {
        start();
        HttpResponse<String> before = get("/healthz");
        assertThat(before.statusCode()).isEqualTo(503);
        JsonNode body = new ObjectMapper().readTree(before.body());
        assertThat(body.get("failing")).extracting(JsonNode::asText).containsExactly("scheduler");
        assertThat(body.at("/checks/state/detail").asText()).matches("answers; [0-9.]+ MiB");
        assertThat(body.at("/checks/telegram/detail").asText()).isEqualTo("standby: another instance polls");

        service.startDriftChecks();
        HttpResponse<String> after = get("/healthz");
        assertThat(after.statusCode()).as(after.body()).isEqualTo(200);
        assertThat(after.body()).doesNotContain(setup.state().name(), "jdbc:");
    }

    @Test
    void aStateDatabaseThatIsGoneFailsTheStateCheck() throws Exception {
        start();
        service.startDriftChecks();
        setup.state().close();
        HttpResponse<String> response = get("/healthz");
        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(new ObjectMapper().readTree(response.body()).get("failing")).extracting(JsonNode::asText)
                .contains("state");
    }

    @Test
    void jvmMetricsAreServedBesideTheBots() throws Exception {
        start();
        assertThat(get("/metrics").body()).contains("jvm_memory_used_bytes", "process_uptime_seconds");
    }
}
