package io.migrabot.monitor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.HttpSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves {@code GET /healthz} (200 with every check's status as JSON, or 503 naming the failing checks) and
 * {@code GET /metrics} (Prometheus' text format) with the JDK's own HTTP server, on two threads of its own so a
 * slow check never holds up a scrape. Anything else is 404, or 405 for another method.
 */
public final class MonitorServer implements AutoCloseable {
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Logger log = LoggerFactory.getLogger(MonitorServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final Health health;
    private final PrometheusMeterRegistry registry;

    private MonitorServer(HttpServer server, ExecutorService executor, Health health,
                          PrometheusMeterRegistry registry) {
        this.server = server;
        this.executor = executor;
        this.health = health;
        this.registry = registry;
    }

    /**
     * Listens on {@code settings}' address and port (port 0: any free one, see {@link #address()}).
     *
     * @throws MigrabotException when the address cannot be listened on (port taken, address not this machine's)
     */
    public static MonitorServer start(HttpSettings settings, Health health, PrometheusMeterRegistry registry) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(settings.bind(), settings.port()), 16);
        } catch (IOException e) {
            throw new MigrabotException(ErrorCode.CONFIGURATION, "cannot serve health and metrics on " + settings
                    + " (http.bind, http.port): " + e.getMessage(), e);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "migrabot-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        MonitorServer monitor = new MonitorServer(server, executor, health, registry);
        server.createContext("/", monitor::handle);
        server.setExecutor(executor);
        server.start();
        log.info("Serving /healthz and /metrics on http://{}", settings);
        return monitor;
    }

    /** Where it listens. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            answer(exchange);
        }
    }

    private void answer(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            if (!path.equals("/healthz") && !path.equals("/metrics")) {
                send(exchange, 404, "text/plain; charset=utf-8", "not found; try /healthz or /metrics\n");
            } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
            } else if (path.equals("/healthz")) {
                Health.Report report = health.check();
                send(exchange, report.healthy() ? 200 : 503, "application/json", json(report));
            } else {
                send(exchange, 200, PROMETHEUS_TEXT, registry.scrape());
            }
        } catch (RuntimeException e) {
            log.error("Answering {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getPath(), e);
            if (exchange.getResponseCode() == -1) {
                send(exchange, 500, "text/plain; charset=utf-8", "internal error; the log has the details\n");
            }
        }
    }

    /** {@code {"status":"failing","failing":["state"],"checks":{"state":{"status":"failing","detail":...}}}}. */
    private static String json(Health.Report report) {
        ObjectNode body = JSON.createObjectNode();
        body.put("status", report.healthy() ? "ok" : "failing");
        if (!report.healthy()) {
            report.failing().forEach(body.putArray("failing")::add);
        }
        ObjectNode checks = body.putObject("checks");
        for (Health.Result result : report.results()) {
            checks.putObject(result.name()).put("status", result.status().healthy() ? "ok" : "failing")
                    .put("detail", result.status().detail());
        }
        return body.toString() + "\n";
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** Stops listening, lets an answer being written finish for up to a second, then ends its threads. */
    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }
}
