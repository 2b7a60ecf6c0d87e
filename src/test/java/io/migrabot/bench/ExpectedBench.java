package io.migrabot.bench;

import io.migrabot.backup.BackupService;
import io.migrabot.config.BackupPolicy;
import io.migrabot.config.Environment;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.Secret;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.SchemaIntrospector;
import io.migrabot.operation.ExpectedSchemas;
import io.migrabot.operation.Target;
import io.migrabot.operation.Upgrade;
import io.migrabot.revision.Walks;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.schema.SchemaDiff;
import io.migrabot.schema.SchemaModel;
import io.migrabot.schema.TableExclusion;
import io.migrabot.shadow.PostgresShadows;
import io.migrabot.shadow.Shadow;
import io.migrabot.shadow.Shadows;
import io.migrabot.state.SchemaCacheTable;
import io.migrabot.state.StateDatabase;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Benchmark (not a test: it asserts nothing about time) of what the doctor does to find the revision to stamp a
 * database with: build the expected schema of every revision of a generated native project, first in shadow
 * databases and then from the state database's cache, and pick the revision at the smallest
 * {@link SchemaDiff#distance()} from a live database that was upgraded to one revision and then lost its version
 * table. {@code bench/expected.sh} runs it in fresh JVMs:
 *
 * <pre>
 * java -cp target/migrabot.jar:target/test-classes io.migrabot.bench.ExpectedBench [options]
 *   --server URL       JDBC URL prefix up to the database name (default jdbc:postgresql://127.0.0.1:5432/)
 *   --user NAME        a user who may create databases (default postgres; password from PGPASSWORD)
 *   --revisions N      revisions to generate (default 200)
 *   --stamp N          the revision the live database is upgraded to (default 137)
 *   --cached-runs N    builds from the cache to time (default 10)
 *   --markdown         the table row only (with --header, the header too)
 * </pre>
 *
 * The project: revision i creates a table (i % 3 == 1), adds a column to the newest table of its line
 * (i % 3 == 2) or indexes it (i % 3 == 0); two forks of two five-revision branches, at 60 and 150, merge at 70 and
 * 160 (so the walks replay shared ancestors twice more), the rest is linear.
 */
public final class ExpectedBench {
    private static final TableExclusion EXCLUDED = TableExclusion.of("alembic_version", "migrabot_*");

    public static void main(String[] args) throws Exception {
        String server = "jdbc:postgresql://127.0.0.1:5432/";
        String user = "postgres";
        int revisions = 200;
        int stamp = 137;
        int cachedRuns = 10;
        boolean markdown = false;
        boolean header = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--server" -> server = args[++i];
                case "--user" -> user = args[++i];
                case "--revisions" -> revisions = Integer.parseInt(args[++i]);
                case "--stamp" -> stamp = Integer.parseInt(args[++i]);
                case "--cached-runs" -> cachedRuns = Integer.parseInt(args[++i]);
                case "--markdown" -> markdown = true;
                case "--header" -> header = true;
                default -> {
                    System.err.println("unknown option " + args[i]);
                    System.exit(2);
                }
            }
        }
        String password = System.getenv().getOrDefault("PGPASSWORD", "");
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String live = "bench_expected_live_" + suffix;
        String stateName = "bench_expected_state_" + suffix;
        Path dir = Files.createTempDirectory("migrabot-expected-bench");
        try {
            admin(server, user, password, "CREATE DATABASE " + live);
            admin(server, user, password, "CREATE DATABASE " + stateName);
            generate(dir, revisions);
            Result result = measure(server, user, password, live, stateName, dir, id(stamp), cachedRuns);
            print(result, id(stamp), markdown, header);
        } finally {
            admin(server, user, password, "DROP DATABASE IF EXISTS " + live + " WITH (FORCE)");
            admin(server, user, password, "DROP DATABASE IF EXISTS " + stateName + " WITH (FORCE)");
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private record Result(int revisions, long coldNs, int shadows, int walks, int steps, long cachedFirstNs,
                          long[] cachedNs, int cachedShadows, long matchNs, String found, int distance,
                          int secondDistance) {
    }

    private static Result measure(String server, String user, String password, String live, String stateName,
                                  Path dir, String stamp, int cachedRuns) {
        TargetConfig config = config(server + live, user, password, dir);
        Target target = Target.open(config);
        new Upgrade(target, new BackupService(Clock.systemUTC())).run(stamp, "bench", Progress.Listener.NONE,
                new Cancellation());
        target.database().withHandle("unstamping", h -> h.execute("DROP TABLE alembic_version"));

        try (StateDatabase state = StateDatabase.open(config(server + stateName, user, password, dir).connection(),
                "bench")) {
            CountingShadows shadows = new CountingShadows();
            long start = System.nanoTime();
            Map<String, SchemaModel> all = new ExpectedSchemas(new SchemaCacheTable(state), shadows)
                    .all(target, Progress.Listener.NONE);
            long coldNs = System.nanoTime() - start;
            List<Walks.Walk> walks = new Walks(target.scripts().graph()).covering(all.keySet());

            CountingShadows none = new CountingShadows();
            long[] cached = new long[cachedRuns + 1];
            for (int i = 0; i < cached.length; i++) {
                long t = System.nanoTime();
                Map<String, SchemaModel> again = new ExpectedSchemas(new SchemaCacheTable(state), none)
                        .all(target, Progress.Listener.NONE);
                cached[i] = System.nanoTime() - t;
                if (!again.equals(all)) {
                    throw new IllegalStateException("the cache returned other models");
                }
            }

            start = System.nanoTime();
            SchemaModel actual = new SchemaIntrospector(target.database()).read(EXCLUDED);
            String best = null;
            int bestDistance = Integer.MAX_VALUE;
            int second = Integer.MAX_VALUE;
            for (Map.Entry<String, SchemaModel> e : all.entrySet()) {
                int distance = SchemaDiff.between(e.getValue(), actual).distance();
                if (distance < bestDistance) {
                    second = bestDistance;
                    bestDistance = distance;
                    best = e.getKey();
                } else if (distance < second) {
                    second = distance;
                }
            }
            long matchNs = System.nanoTime() - start;
            return new Result(all.size(), coldNs, shadows.count.get(), walks.size(),
                    walks.stream().mapToInt(w -> w.steps().size()).sum(), cached[0],
                    Arrays.copyOfRange(cached, 1, cached.length), none.count.get(), matchNs, best, bestDistance,
                    second);
        } finally {
            target.database().close();
        }
    }

    private static void print(Result r, String stamp, boolean markdown, boolean header) {
        long[] sorted = r.cachedNs().clone();
        Arrays.sort(sorted);
        String[] columns = {"revisions", "first build s (goal < 60)", "shadows / walks / steps",
                "from cache ms: first, median (min-max) (goal < 1000)", "shadows from cache", "match ms",
                "found (distance; next best)", "load avg now"};
        String[] row = {
                String.valueOf(r.revisions()),
                String.format(Locale.ROOT, "%.1f", r.coldNs() / 1e9),
                r.shadows() + " / " + r.walks() + " / " + r.steps(),
                ms(r.cachedFirstNs()) + ", " + ms(sorted[sorted.length / 2]) + " (" + ms(sorted[0]) + "-"
                        + ms(sorted[sorted.length - 1]) + ")",
                String.valueOf(r.cachedShadows()),
                ms(r.matchNs()),
                r.found() + (r.found().equals(stamp) ? "" : " WRONG, expected " + stamp) + " (" + r.distance()
                        + "; " + r.secondDistance() + ")",
                loadAverage(),
        };
        BenchReport.print(columns, row, markdown, header, 55);
    }

    private static String ms(long ns) {
        return String.format(Locale.ROOT, "%.0f", ns / 1e6);
    }

    private static String loadAverage() {
        try {
            return String.join(" ", Arrays.copyOf(Files.readString(Path.of("/proc/loadavg")).split(" "), 3));
        } catch (IOException e) {
            return "?";
        }
    }

    private static TargetConfig config(String url, String user, String password, Path dir) {
        return new TargetConfig("bench", url, user, new Secret(password), Environment.DEVELOPMENT,
                new MigrationsSource.Sql(dir), "alembic_version", null,
                new BackupPolicy(dir.resolve("backups"), Set.of(), 1, Duration.ofDays(1), null));
    }

    private static String id(int i) {
        return String.format(Locale.ROOT, "r%03d", i);
    }

    /** The parents of revision i: two forks of two branches each, merged ten revisions later. */
    private static List<Integer> parents(int i) {
        for (int fork : List.of(60, 150)) {
            if (i == fork + 5) {
                return List.of(fork - 1); // the second branch starts from the same revision as the first
            }
            if (i == fork + 10) {
                return List.of(fork + 4, fork + 9);
            }
        }
        return i == 1 ? List.of() : List.of(i - 1);
    }

    /** The newest table on revision i's line (through first parents). */
    private static int table(int i) {
        int r = i;
        while (r % 3 != 1) {
            r = parents(r).get(0);
        }
        return r;
    }

    private static void generate(Path dir, int revisions) throws IOException {
        for (int i = 1; i <= revisions; i++) {
            int t = table(i);
            String up = switch (i % 3) {
                case 1 -> "CREATE TABLE t_" + i + " (id bigserial PRIMARY KEY, name text NOT NULL, "
                        + "created_at timestamptz NOT NULL DEFAULT now());";
                case 2 -> "ALTER TABLE t_" + t + " ADD COLUMN c_" + i + " integer NOT NULL DEFAULT " + i + ";";
                default -> "CREATE INDEX t_" + t + "_" + i + " ON t_" + t + " (created_at, id);";
            };
            List<String> parents = parents(i).stream().map(ExpectedBench::id).toList();
            Files.writeString(dir.resolve(id(i) + ".sql"), "-- revision: " + id(i) + "\n-- down_revision: "
                    + String.join(", ", parents) + "\n-- migrate:up\n" + up + "\n");
        }
    }

    private static void admin(String server, String user, String password, String sql) {
        try (Connection c = DriverManager.getConnection(server + "postgres", user, password);
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Real shadows, counted. */
    private static final class CountingShadows implements Shadows {
        private final Shadows real = new PostgresShadows();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Shadow create(TargetConfig target) {
            count.incrementAndGet();
            return real.create(target);
        }

        @Override
        public int serverVersion(TargetConfig target) {
            return real.serverVersion(target);
        }
    }
}
