package io.migrabot.bench;

import io.migrabot.config.BackupPolicy;
import io.migrabot.config.DatabaseConnection;
import io.migrabot.config.Environment;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.Secret;
import io.migrabot.config.TargetConfig;
import io.migrabot.doctor.Diagnosis;
import io.migrabot.operation.Doctor;
import io.migrabot.operation.ExpectedSchemas;
import io.migrabot.operation.Target;
import io.migrabot.runner.Progress;
import io.migrabot.shadow.PostgresShadows;
import io.migrabot.state.SchemaCacheTable;
import io.migrabot.state.StateDatabase;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Benchmark (asserts nothing about time) of a scheduled drift check: {@link Doctor#examine} of a target whose
 * database has 1,000 tables of 10 columns with indexes, made by 10 native revisions of 100 tables each, with the
 * expected schema already in the state database's cache, and one hand-made change to find. Times warm checks in
 * one JVM, as the bot runs them. Usage: {@code DriftBench SERVER_URL_PREFIX USER [RUNS]}, e.g.
 * {@code jdbc:postgresql://127.0.0.1:5432/ postgres 10}.
 */
public final class DriftBench {
    private DriftBench() {
    }

    public static void main(String[] args) throws Exception {
        String server = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/";
        String user = args.length > 1 ? args[1] : "postgres";
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 10;
        Path dir = Files.createTempDirectory("drift-bench");
        List<String> ids = new ArrayList<>();
        for (int r = 0; r < 10; r++) {
            StringBuilder sql = new StringBuilder();
            for (int t = r * 100; t < (r + 1) * 100; t++) {
                sql.append("CREATE TABLE t_").append(t).append(" (id serial PRIMARY KEY");
                for (int c = 1; c < 10; c++) {
                    sql.append(", c").append(c).append(c % 3 == 0 ? " integer" : " text");
                }
                sql.append(");\nCREATE INDEX t_").append(t).append("_c1 ON t_").append(t).append(" (c1);\n");
            }
            String id = String.format(Locale.ROOT, "r%02d", r);
            Files.writeString(dir.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: "
                    + (ids.isEmpty() ? "" : ids.get(ids.size() - 1)) + "\n-- migrate:up\n" + sql);
            ids.add(id);
        }
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, "");
             Statement s = admin.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS bench_drift WITH (FORCE)");
            s.execute("DROP DATABASE IF EXISTS bench_drift_state WITH (FORCE)");
            s.execute("CREATE DATABASE bench_drift");
            s.execute("CREATE DATABASE bench_drift_state");
        }
        TargetConfig config = new TargetConfig("bench", server + "bench_drift", user, new Secret(""),
                Environment.PRODUCTION, new MigrationsSource.Sql(dir), "alembic_version", null,
                new BackupPolicy(dir.resolve("backups"), Set.of(), 1, Duration.ofDays(1), null));
        try (StateDatabase state = StateDatabase.open(new DatabaseConnection("state", server + "bench_drift_state",
                user, new Secret("")), "bench")) {
            Target target = Target.open(config);
            ExpectedSchemas expected = new ExpectedSchemas(new SchemaCacheTable(state), new PostgresShadows());
            new io.migrabot.operation.Upgrade(target, new io.migrabot.backup.BackupService(
                    java.time.Clock.systemUTC())).run("head", "bench", Progress.Listener.NONE,
                    new io.migrabot.runner.Cancellation());
            try (Connection c = DriverManager.getConnection(server + "bench_drift", user, "");
                 Statement s = c.createStatement()) {
                s.execute("ALTER TABLE t_500 ADD COLUMN hand_made text");
            }
            long first = System.nanoTime();
            expected.at(target, List.of(ids.get(ids.size() - 1)));
            System.out.printf(Locale.ROOT, "expected schema built in a shadow and cached: %.1f s%n",
                    (System.nanoTime() - first) / 1e9);
            Doctor doctor = new Doctor(expected);
            List<Double> times = new ArrayList<>();
            Diagnosis diagnosis = null;
            for (int i = 0; i < runs + 3; i++) {
                long start = System.nanoTime();
                diagnosis = doctor.examine(config, () -> Target.open(config));
                if (i >= 3) {
                    times.add((System.nanoTime() - start) / 1e6);
                }
            }
            Collections.sort(times);
            System.out.printf(Locale.ROOT, "drift check of 1,000 tables, expected schema cached: median %.0f ms, "
                            + "min %.0f ms, max %.0f ms over %d warm runs; findings: %s%n", times.get(times.size() / 2),
                    times.get(0), times.get(times.size() - 1), runs, diagnosis.findings().stream()
                            .map(f -> f.kind() + " " + f.evidence().stream().filter(e -> e.contains("hand_made"))
                                    .findFirst().orElse("")).toList());
        } finally {
            try (Connection admin = DriverManager.getConnection(server + "postgres", user, "");
                 Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE IF EXISTS bench_drift WITH (FORCE)");
                s.execute("DROP DATABASE IF EXISTS bench_drift_state WITH (FORCE)");
            }
        }
    }
}
