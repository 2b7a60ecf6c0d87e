package io.migrabot.telegram;

import io.migrabot.testing.ChatSetup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Load benchmark for the chat bot (not a test): the bot runs as its own process ({@code migrabot run}, heap capped),
 * polling the fake Bot API, while simulated admins each send a read command ({@code /heads}, {@code /current},
 * {@code /history}), wait for the answer, and send the next. Latency is from the update being served by the fake
 * to the reply arriving at it; a reply is known by its text, so a second answer to an earlier command is counted
 * apart (unexpected-replies) rather than taken for the next one's. With a RATE, the admins together send at most
 * that many commands per second (each waits for its share of the interval); without, each sends the next as soon
 * as the answer arrives (saturation).
 * With STRANGERS_PER_MINUTE, messages from 1,000 strangers in turn flood the bot at that rate meanwhile.
 * Usage: {@code ChatLoadBench ADMINS WARMUP_SECONDS MEASURE_SECONDS HEAP_MB [RATE [STRANGERS_PER_MINUTE]]}.
 */
public final class ChatLoadBench {
    /** The commands the admins send in turn, each with a piece of text only its answer has. */
    private static final List<Command> COMMANDS = List.of(new Command("/heads shop", "head(s)"),
            new Command("/current shop", " is at "), new Command("/history shop", "revision(s)"));

    private record Command(String text, String answerMark) {
    }

    /** A message the bot sent to an admin's chat, when it arrived at the fake. */
    private record Reply(long arrivedNanos, String text) {
    }

    private ChatLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int admins = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 15;
        int measure = args.length > 2 ? Integer.parseInt(args[2]) : 30;
        int heapMb = args.length > 3 ? Integer.parseInt(args[3]) : 256;
        double rate = args.length > 4 ? Double.parseDouble(args[4]) : 0;
        int strangersPerMinute = args.length > 5 ? Integer.parseInt(args[5]) : 0;
        Path directory = Files.createTempDirectory("chat-bench");
        try (FakeBotApi api = FakeBotApi.start();
             ChatSetup setup = ChatSetup.withAdmins(directory, api.baseUrl(), admins)) {
            try (Connection c = setup.shop().connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)");
                s.execute("INSERT INTO alembic_version VALUES ('c3')");
            }
            Map<Long, BlockingQueue<Reply>> replies = new ConcurrentHashMap<>();
            api.listen(call -> {
                if (call.method().equals("sendMessage")) {
                    BlockingQueue<Reply> queue = replies.get(Long.parseLong(call.field("chat_id")));
                    if (queue != null) {
                        queue.offer(new Reply(call.arrivedNanos(), call.field("text")));
                    }
                }
            });
            Process bot = start(setup, directory, heapMb, api);
            Thread flood = flood(api, strangersPerMinute);
            try {
                run(api, replies, admins, warmup, false, rate);
                api.forget();
                Result result = run(api, replies, admins, measure, true, rate);
                System.out.println((rate > 0 ? "offered=" + (int) rate + "/s " : "saturation ")
                        + (strangersPerMinute > 0 ? "strangers=" + strangersPerMinute + "/min " : "")
                        + result.describe(admins, measure, heapMb, memory(bot.pid())));
            } finally {
                flood.interrupt();
                bot.destroy();
                bot.waitFor(20, TimeUnit.SECONDS);
            }
        }
    }

    /** Sends messages from 1,000 strangers in turn, {@code perMinute} in all each minute, until interrupted. */
    private static Thread flood(FakeBotApi api, int perMinute) {
        Thread flood = new Thread(() -> {
            long interval = perMinute > 0 ? 60_000_000_000L / perMinute : 0;
            long next = System.nanoTime();
            for (int i = 0; perMinute > 0 && !Thread.currentThread().isInterrupted(); i++) {
                long stranger = 900_000 + i % 1_000;
                api.enqueueText(stranger, stranger, "/start");
                next += interval;
                if (!sleepUntil(next)) {
                    return;
                }
            }
        }, "stranger-flood");
        flood.setDaemon(true);
        flood.start();
        return flood;
    }

    private static Process start(ChatSetup setup, Path directory, int heapMb, FakeBotApi api) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx" + heapMb + "m"));
        String extra = System.getenv("BENCH_BOT_OPTS"); // e.g. -XX:StartFlightRecording=filename=/tmp/bot.jfr
        if (extra != null && !extra.isBlank()) {
            command.addAll(List.of(extra.strip().split("\\s+")));
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.migrabot.Main", "run", "--config",
                setup.configFile().toString()));
        Process bot = new ProcessBuilder(command)
                .redirectErrorStream(true).redirectOutput(directory.resolve("bot.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (api.count("getUpdates") == 0) {
            if (!bot.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the bot did not start: " + Files.readString(directory.resolve(
                        "bot.log")));
            }
            Thread.sleep(20);
        }
        return bot;
    }

    /**
     * Latencies in nanoseconds of the commands completed in the window; commands with no answer within 30 s; messages
     * to an admin that answer none of its commands waited for (a second answer to an earlier one, say).
     */
    private record Result(List<Long> latencies, long errors, long unexpected) {
        String describe(int admins, int seconds, int heapMb, String memory) {
            List<Long> sorted = new ArrayList<>(latencies);
            Collections.sort(sorted);
            return String.format(Locale.ROOT, "admins=%d window=%ds commands=%d throughput=%.0f/s p50=%.1fms "
                            + "p90=%.1fms p99=%.1fms max=%.1fms timeouts=%d unexpected-replies=%d heap-cap=%dMB %s",
                    admins, seconds, sorted.size(), sorted.size() / (double) seconds, ms(sorted, 0.50),
                    ms(sorted, 0.90), ms(sorted, 0.99), sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1) / 1e6,
                    errors, unexpected, heapMb, memory);
        }

        private static double ms(List<Long> sorted, double quantile) {
            return sorted.isEmpty() ? 0 : sorted.get((int) Math.min(sorted.size() - 1,
                    Math.ceil(quantile * sorted.size()) - 1)) / 1e6;
        }
    }

    private static Result run(FakeBotApi api, Map<Long, BlockingQueue<Reply>> replies, int admins, int seconds,
                              boolean record, double rate) throws InterruptedException {
        long intervalNanos = rate > 0 ? (long) (admins * 1e9 / rate) : 0;
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean running = new AtomicBoolean(true);
        long[] errors = new long[admins];
        long[] unexpected = new long[admins];
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < admins; i++) {
            long user = ChatSetup.FIRST_EXTRA_ADMIN + i;
            int index = i;
            BlockingQueue<Reply> queue = replies.computeIfAbsent(user, u -> new ArrayBlockingQueue<>(16));
            Thread thread = new Thread(() -> {
                int n = index;
                long next = System.nanoTime() + intervalNanos * index / admins; // spread the admins' starts
                while (running.get()) {
                    if (!sleepUntil(next)) {
                        return;
                    }
                    next = Math.max(next + intervalNanos, System.nanoTime());
                    Command command = COMMANDS.get(n++ % COMMANDS.size());
                    long update = api.enqueueText(user, user, command.text());
                    long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    try {
                        Reply reply;
                        while ((reply = queue.poll(giveUp - System.nanoTime(), TimeUnit.NANOSECONDS)) != null
                                && !reply.text().contains(command.answerMark())) {
                            unexpected[index]++;
                        }
                        Long served = api.servedAt(update);
                        if (reply == null || served == null) {
                            errors[index]++;
                        } else if (record && running.get()) {
                            latencies.add(reply.arrivedNanos() - served);
                        }
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "admin-" + i);
            threads.add(thread);
            thread.start();
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread thread : threads) {
            thread.join(60_000);
        }
        return new Result(latencies, java.util.Arrays.stream(errors).sum(), java.util.Arrays.stream(unexpected).sum());
    }

    /** Sleeps until {@link System#nanoTime()} reaches {@code when}; false when interrupted. */
    private static boolean sleepUntil(long when) {
        long wait = when - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                return false;
            }
        }
        return true;
    }

    /** The bot process's heap in use and resident set, as the JVM and the kernel report them. */
    private static String memory(long pid) {
        String heap = "heap-used=?";
        try {
            Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    String.valueOf(pid), "GC.heap_info").redirectErrorStream(true).start();
            String out = new String(jcmd.getInputStream().readAllBytes());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("total (\\d+)K, used (\\d+)K").matcher(out);
            if (m.find()) {
                heap = "heap-committed=" + Long.parseLong(m.group(1)) / 1024 + "MB heap-used="
                        + Long.parseLong(m.group(2)) / 1024 + "MB";
            }
            String status = Files.readString(Path.of("/proc/" + pid + "/status"));
            java.util.regex.Matcher rss = java.util.regex.Pattern.compile("VmRSS:\\s+(\\d+) kB").matcher(status);
            return heap + (rss.find() ? " rss=" + Long.parseLong(rss.group(1)) / 1024 + "MB" : "");
        } catch (IOException e) {
            return heap;
        }
    }
}
