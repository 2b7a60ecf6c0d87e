package io.migrabot.bench;

import io.migrabot.demo.DemoSession;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Benchmark (not a test) of {@code migrabot demo}: the time from launching it to its first prompt, then what each
 * step of its first screen takes, and leaving. Each run is a new demo, started by the command given (such as
 * {@code bin/migrabot demo}); the first run is a warm-up, shown but not counted (in a new temporary folder it also
 * unpacks the PostgreSQL binaries: the first start on a machine).
 *
 * <p>Usage: {@code DemoBench RUNS COMMAND...}
 */
public final class DemoBench {
    private static final String[] STEPS = {"first prompt", "/doctor shop", "/doctor billing", "/heads shop",
            "/graph shop", "/upgrade shop heads (request)", "\\as bob, 1 (approved, run)", "\\quit (all removed)"};

    private DemoBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = Integer.parseInt(args[0]);
        List<String> command = Arrays.asList(args).subList(1, args.length);
        List<long[]> timings = new ArrayList<>();
        for (int run = 0; run <= runs; run++) {
            long[] steps = session(command);
            BenchReport.print(head(), row(run == 0 ? "warm-up" : "run " + run, steps), true, run == 0, 0);
            if (run > 0) {
                timings.add(steps);
            }
        }
        long[][] byStep = new long[STEPS.length][runs];
        for (int r = 0; r < runs; r++) {
            for (int s = 0; s < STEPS.length; s++) {
                byStep[s][r] = timings.get(r)[s];
            }
        }
        for (String summary : new String[]{"median", "min", "max"}) {
            long[] row = new long[STEPS.length];
            for (int s = 0; s < STEPS.length; s++) {
                row[s] = switch (summary) {
                    case "median" -> BenchReport.percentile(byStep[s], 50);
                    case "min" -> Arrays.stream(byStep[s]).min().orElseThrow();
                    default -> Arrays.stream(byStep[s]).max().orElseThrow();
                };
            }
            BenchReport.print(head(), row("**" + summary + "**", row), true, false, 0);
        }
    }

    /** One demo, step by step as its first screen says; the nanoseconds each step took. */
    private static long[] session(List<String> command) throws Exception {
        long[] took = new long[STEPS.length];
        long started = System.nanoTime();
        try (DemoSession demo = DemoSession.launch(command, Map.of())) {
            demo.await("alice> ");
            took[0] = System.nanoTime() - started;
            took[1] = step(demo, "/doctor shop", "(type the number to choose)");
            took[2] = step(demo, "/doctor billing", "(type the number to choose)");
            took[3] = step(demo, "/heads shop", "update_mission_icon_size (head)");
            took[4] = step(demo, "/graph shop", ".png");
            took[5] = step(demo, "/upgrade shop heads", "[1] ✅ Approve");
            long approving = System.nanoTime();
            demo.type("\\as bob");
            step(demo, "1", "✅ upgrade done");
            took[6] = System.nanoTime() - approving;
            long leaving = System.nanoTime();
            demo.type("\\quit");
            demo.awaitExit();
            took[7] = System.nanoTime() - leaving;
        }
        return took;
    }

    private static long step(DemoSession demo, String typed, String answer) throws Exception {
        long started = System.nanoTime();
        demo.type(typed);
        demo.await(answer);
        return System.nanoTime() - started;
    }

    private static String[] head() {
        String[] head = new String[STEPS.length + 1];
        head[0] = "run";
        System.arraycopy(STEPS, 0, head, 1, STEPS.length);
        for (int i = 1; i < head.length; i++) {
            head[i] = head[i] + " (ms)";
        }
        return head;
    }

    private static String[] row(String name, long[] steps) {
        String[] row = new String[steps.length + 1];
        row[0] = name;
        for (int i = 0; i < steps.length; i++) {
            row[i + 1] = BenchReport.ms(steps[i]);
        }
        return row;
    }
}
