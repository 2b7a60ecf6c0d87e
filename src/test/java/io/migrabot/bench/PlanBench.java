package io.migrabot.bench;

import io.migrabot.config.MigrationsSource;
import io.migrabot.config.TargetConfig;
import io.migrabot.impact.ImpactReport;
import io.migrabot.operation.Impact;
import io.migrabot.operation.Target;
import io.migrabot.shadow.PostgresShadows;
import io.migrabot.testing.Targets;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Benchmark, not a test: what a plan adds to a chat request in the bot's long-running JVM. One process plans the same
 * upgrade REQUESTS times, a pause apart (as requests come), with one set of shadows as the bot keeps one; each
 * {@code Impact.plan} is timed. The first request builds and keeps the shadow; the later ones take the spare copy the
 * one before left. Usage (bench/plan.sh runs it on its project): {@code java -cp ... io.migrabot.bench.PlanBench
 * SQL_DIR JDBC_URL USER [REQUESTS=6] [PAUSE_S=5]}.
 */
public final class PlanBench {
    private PlanBench() {
    }

    public static void main(String[] args) throws Exception {
        Path sql = Path.of(args[0]);
        int requests = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        long pause = (args.length > 4 ? Long.parseLong(args[4]) : 5) * 1000;
        TargetConfig plain = Targets.config("adhoc", args[1], args[2], "");
        TargetConfig config = new TargetConfig(plain.name(), plain.url(), plain.user(), plain.password(),
                plain.environment(), new MigrationsSource.Sql(sql), "alembic_version", null, plain.backup());
        List<Long> times = new ArrayList<>();
        Target target = Target.open(config); // the bot keeps its targets, and reads their scripts again on change
        try (PostgresShadows shadows = new PostgresShadows()) {
            for (int i = 0; i < requests; i++) {
                long start = System.nanoTime();
                ImpactReport report = new Impact(target, shadows).plan("upgrade", "head");
                times.add((System.nanoTime() - start) / 1_000_000);
                if (report.unknown().isPresent() || report.revisions().isEmpty()) {
                    throw new IllegalStateException("the plan measured nothing: " + report.unknown());
                }
                Thread.sleep(pause);
            }
        }
        System.out.println("in one JVM, " + requests + " requests " + pause / 1000 + " s apart: first plan "
                + times.get(0) + " ms; later plans (the spare taken) " + times.subList(1, times.size()) + " ms");
    }
}
