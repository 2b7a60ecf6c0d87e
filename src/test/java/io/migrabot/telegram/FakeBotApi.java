package io.migrabot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Bot API server on 127.0.0.1 for tests: real HTTP, routes {@code /bot<TOKEN>/<method>} matched without regard to
 * case (telegrambots sends {@code /sendmessage}), long-polling {@code getUpdates}, the send methods the bot uses
 * (multipart uploads kept byte for byte), and a test API to queue updates, wait for what the bot sent, and make
 * the next calls of a method fail. Every wait is bounded; {@link #close()} ends pending polls and stops the server.
 */
final class FakeBotApi implements AutoCloseable {
    static final String TOKEN = "7000123456:AAH-fake_Token-for-migrabot-tests_0123456";
    static final Duration WAIT = Duration.ofSeconds(10);
    static final long BOT_ID = 7000123456L;
    private static final List<String> METHODS = List.of("getUpdates", "sendMessage", "editMessageText",
            "answerCallbackQuery", "sendDocument", "sendPhoto", "setMyCommands", "deleteWebhook", "getMe");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpServer server;
    private final ExecutorService executor;
    private final FakeUpdates updates = new FakeUpdates();
    private final AtomicInteger nextMessageId = new AtomicInteger(500);
    private final AtomicInteger nextCallbackId = new AtomicInteger(1);
    private final List<FakeRequest> received = new CopyOnWriteArrayList<>();
    private final Map<String, BlockingQueue<FakeRequest>> unclaimed = new ConcurrentHashMap<>();
    private final Map<String, Deque<FakeAnswer>> injected = new ConcurrentHashMap<>();
    private final List<java.util.function.Consumer<FakeRequest>> listeners = new CopyOnWriteArrayList<>();
    private final Map<FakeRequest, Integer> answeredIds = java.util.Collections.synchronizedMap(
            new java.util.IdentityHashMap<>());

    static {
        // the JDK server writes headers and body separately; with Nagle's algorithm on, each answer waits ~40 ms for
        // the client's delayed ACK, a delay no real Bot API server adds
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private FakeBotApi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "fake-bot-api");
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        server.createContext("/", this::exchange);
        server.start();
    }

    static FakeBotApi start() {
        try {
            return new FakeBotApi();
        } catch (IOException e) {
            throw new AssertionError("the fake Bot API did not start", e);
        }
    }

    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Queues a text message from user {@code userId} (user name {@code user<ID>}) in chat {@code chatId}. */
    long enqueueText(long userId, long chatId, String text) {
        int messageId = nextMessageId.getAndIncrement();
        return updates.add(id -> {
            ObjectNode update = FakeUpdates.object().put("update_id", id);
            update.set("message", message(messageId, chatId, user(userId)).put("text", text));
            return update;
        });
    }

    /** Queues a press of the button carrying {@code data} under message {@code messageId}; returns its callback id. */
    String enqueueButton(long userId, long chatId, int messageId, String data) {
        String callbackId = "cb-" + nextCallbackId.getAndIncrement();
        updates.add(id -> {
            ObjectNode press = FakeUpdates.object().put("id", callbackId).put("chat_instance", "1").put("data", data);
            press.set("from", user(userId));
            press.set("message", message(messageId, chatId, bot()).put("text", "a message with buttons"));
            ObjectNode update = FakeUpdates.object().put("update_id", id);
            update.set("callback_query", press);
            return update;
        });
        return callbackId;
    }

    /** Answers the next {@code times} calls of {@code method} with {@code answer}; a poll waiting now returns empty. */
    void failNext(String method, int times, FakeAnswer answer) {
        Deque<FakeAnswer> answers = injected.computeIfAbsent(canonical(method), m -> new ArrayDeque<>());
        synchronized (answers) {
            for (int i = 0; i < times; i++) {
                answers.add(answer);
            }
        }
        updates.wake();
    }

    /** The next call of {@code method} not awaited before, waiting up to {@code timeout}. */
    FakeRequest awaitCall(String method, Duration timeout) {
        try {
            FakeRequest call = queue(canonical(method)).poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (call == null) {
                throw new AssertionError("no " + method + " call within " + timeout + "; received " + methods());
            }
            return call;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + method, e);
        }
    }

    FakeRequest awaitMessage() {
        return awaitCall("sendMessage", WAIT);
    }

    FakeRequest awaitEdit() {
        return awaitCall("editMessageText", WAIT);
    }

    FakeRequest awaitDocument() {
        return awaitCall("sendDocument", WAIT);
    }

    FakeRequest awaitPhoto() {
        return awaitCall("sendPhoto", WAIT);
    }

    FakeRequest awaitCallbackAnswer() {
        return awaitCall("answerCallbackQuery", WAIT);
    }

    /** Calls {@code listener} with every request as it arrives, on the fake's threads. */
    void listen(java.util.function.Consumer<FakeRequest> listener) {
        listeners.add(listener);
    }

    /** When update {@code id} was first handed to a poller ({@link System#nanoTime()}), or null if not yet. */
    Long servedAt(long id) {
        return updates.servedAt(id);
    }

    /** Forgets the requests received so far (a long benchmark would otherwise keep them all). */
    void forget() {
        received.clear();
        unclaimed.clear();
        answeredIds.clear();
    }

    /** The message id the fake gave the message {@code sent} created. */
    int messageIdOf(FakeRequest sent) {
        Integer id = answeredIds.get(sent);
        if (id == null) {
            throw new AssertionError("the fake gave no message id to " + sent.method());
        }
        return id;
    }

    /** The first call of {@code method} received so far or within {@code timeout} that {@code test} accepts. */
    FakeRequest awaitReceived(String method, java.util.function.Predicate<FakeRequest> test, Duration timeout) {
        String name = canonical(method);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (FakeRequest call : received) {
                if (call.method().equals(name) && test.test(call)) {
                    return call;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no matching " + method + " call within " + timeout + "; received "
                        + received.stream().filter(c -> c.method().equals(name)).map(FakeRequest::fields).toList());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** The calls of {@code method} received so far that {@code test} accepts. */
    List<FakeRequest> receivedMatching(String method, java.util.function.Predicate<FakeRequest> test) {
        String name = canonical(method);
        return received.stream().filter(c -> c.method().equals(name) && test.test(c)).toList();
    }

    /** The calls of {@code method} received so far that {@code test} accepts and the fake answered with success. */
    List<FakeRequest> answered(String method, java.util.function.Predicate<FakeRequest> test) {
        return receivedMatching(method, test).stream().filter(answeredIds::containsKey).toList();
    }

    int count(String method) {
        String name = canonical(method);
        return (int) received.stream().filter(call -> call.method().equals(name)).count();
    }

    List<FakeRequest> received() {
        return List.copyOf(received);
    }

    List<String> methods() {
        return received.stream().map(FakeRequest::method).toList();
    }

    @Override
    public void close() {
        updates.close();
        server.stop(0);
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(5, TimeUnit.SECONDS)) {
                throw new AssertionError("the fake Bot API's threads did not stop");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void exchange(HttpExchange exchange) {
        try (exchange) {
            String[] path = exchange.getRequestURI().getPath().split("/");
            String method = path.length == 3 ? canonical(path[2]) : null;
            if (method == null || !METHODS.contains(method)) {
                respond(exchange, 404, "Not Found");
            } else if (!path[1].equals("bot" + TOKEN)) {
                respond(exchange, 401, "Unauthorized");
            } else {
                answer(exchange, method);
            }
        } catch (IOException e) {
            // the client gave up, a cancelled long poll say: nothing to answer
        }
    }

    private void answer(HttpExchange exchange, String method) throws IOException {
        FakeRequest call;
        try (InputStream body = exchange.getRequestBody()) {
            FakeRequestParser parsed = new FakeRequestParser(exchange.getRequestURI().getRawQuery(),
                    exchange.getRequestHeaders().getFirst("Content-Type"), body.readAllBytes());
            call = new FakeRequest(method, Map.copyOf(parsed.fields), Map.copyOf(parsed.files), System.nanoTime());
        } catch (IOException | RuntimeException e) {
            respond(exchange, 400, "Bad Request: the fake could not read the body: " + e.getMessage());
            return;
        }
        received.add(call);
        queue(method).add(call);
        listeners.forEach(listener -> listener.accept(call));
        FakeAnswer failure = nextInjected(method);
        if (failure != null) {
            send(exchange, failure.status(), failure.body());
            return;
        }
        try {
            send(exchange, 200, "{\"ok\":true,\"result\":" + MAPPER.writeValueAsString(result(call)) + "}");
        } catch (RuntimeException e) {
            respond(exchange, 400, "Bad Request: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Object result(FakeRequest call) throws InterruptedException {
        switch (call.method()) {
            case "getUpdates":
                ArrayNode batch = MAPPER.createArrayNode();
                batch.addAll(updates.poll(longField(call, "offset", 0), (int) longField(call, "limit", 100),
                        (int) longField(call, "timeout", 0)));
                return batch;
            case "sendMessage":
            case "editMessageText":
            case "sendDocument":
            case "sendPhoto":
                long chatId = Long.parseLong(call.field("chat_id"));
                int messageId = call.method().equals("editMessageText") ? Integer.parseInt(call.field("message_id"))
                        : nextMessageId.getAndIncrement();
                answeredIds.put(call, messageId);
                return message(messageId, chatId, bot());
            case "getMe":
                return bot().put("username", "migrabot_test_bot");
            default:
                return true;
        }
    }

    private static long longField(FakeRequest call, String name, long otherwise) {
        String value = call.field(name);
        return value == null || value.isEmpty() ? otherwise : Long.parseLong(value);
    }

    private FakeAnswer nextInjected(String method) {
        Deque<FakeAnswer> answers = injected.get(method);
        if (answers == null) {
            return null;
        }
        synchronized (answers) {
            return answers.poll();
        }
    }

    private BlockingQueue<FakeRequest> queue(String method) {
        return unclaimed.computeIfAbsent(method, m -> new LinkedBlockingQueue<>());
    }

    private static void respond(HttpExchange exchange, int status, String description) throws IOException {
        ObjectNode error = FakeUpdates.object().put("ok", false).put("error_code", status)
                .put("description", description);
        send(exchange, status, error.toString());
    }

    private static void send(HttpExchange exchange, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
    }

    /** The Bot API name of a method however it was spelled, or the spelling itself when the fake does not know it. */
    private static String canonical(String method) {
        return METHODS.stream().filter(known -> known.equalsIgnoreCase(method)).findFirst()
                .orElse(method.toLowerCase(Locale.ROOT));
    }

    private static ObjectNode message(int messageId, long chatId, JsonNode from) {
        ObjectNode message = FakeUpdates.object().put("message_id", messageId)
                .put("date", System.currentTimeMillis() / 1000);
        message.set("chat", FakeUpdates.object().put("id", chatId).put("type", chatId < 0 ? "supergroup" : "private"));
        message.set("from", from);
        return message;
    }

    private static ObjectNode user(long userId) {
        return FakeUpdates.object().put("id", userId).put("is_bot", false).put("first_name", "Test")
                .put("username", "user" + userId);
    }

    private static ObjectNode bot() {
        return FakeUpdates.object().put("id", BOT_ID).put("is_bot", true).put("first_name", "migrabot");
    }
}
