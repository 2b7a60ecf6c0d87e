package io.migrabot.bench;

import io.migrabot.config.DatabaseConnection;
import io.migrabot.config.RetentionPolicy;
import io.migrabot.config.Secret;
import io.migrabot.state.Retention;
import io.migrabot.state.StateDatabase;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Benchmark (asserts nothing) of the state database over a simulated year with the default retention: 1,000,000
 * Telegram updates (each stored in the inbox and audited), 100 deploys that change the scripts of a 200-revision
 * project (each a new version of 200 expected schemas in the cache), drift checks every 15 minutes on 20 targets
 * (each updating its target's drift state, an alert on two of them a day), ten operations and three approvals a
 * day. Time is simulated: each day's rows are written with that day's timestamps and the pruning runs at the
 * day's end by a clock set there. Expected schemas are random, incompressible text of {@code MODEL_KB} kilobytes
 * for the last revision (the first revision's is 1/200 of it); a real model is JSON, which compresses. Prints the
 * database's size every 30 days and at the end, and the pruning's time. Usage: {@code StateYearBench
 * SERVER_URL_PREFIX USER [MODEL_KB=16]}.
 */
public final class StateYearBench {
    private static final int DAYS = 365;
    private static final int UPDATES_PER_DAY = 1_000_000 / DAYS;
    private static final int DEPLOYS = 100;
    private static final int REVISIONS = 200;
    private static final int TARGETS = 20;
    private static final int CHECKS_PER_DAY = 96;
    private static final String PAYLOAD = "{\"updateId\": %d, \"chatId\": 1001, \"userId\": 1001, \"userName\": "
            + "\"alice\", \"chatType\": \"PRIVATE\", \"text\": \"/upgrade shop head\", \"callbackId\": null, "
            + "\"callbackData\": null, \"messageId\": 5123}";

    private StateYearBench() {
    }

    public static void main(String[] args) throws Exception {
        String server = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/";
        String user = args.length > 1 ? args[1] : "postgres";
        int modelKb = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        String name = "bench_year_" + UUID.randomUUID().toString().substring(0, 8);
        try (Connection admin = DriverManager.getConnection(server + "postgres", user, "");
             Statement s = admin.createStatement()) {
            s.execute("CREATE DATABASE " + name);
        }
        try {
            run(server + name, user, modelKb);
        } finally {
            try (Connection admin = DriverManager.getConnection(server + "postgres", user, "");
                 Statement s = admin.createStatement()) {
                s.execute("DROP DATABASE " + name + " WITH (FORCE)");
            }
        }
    }

    private static void run(String url, String user, int modelKb) throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS);
        List<Long> prunes = new ArrayList<>();
        long maxSize = 0;
        long deleted = 0;
        try (StateDatabase state = StateDatabase.open(new DatabaseConnection("state", url, user, new Secret("")),
                "bench");
             Connection c = DriverManager.getConnection(url, user, "");
             Statement s = c.createStatement()) {
            s.execute("INSERT INTO migrabot_drift (target, state, fingerprint, detail, checked_at, changed_at) "
                    + "SELECT 't' || n, 'healthy', 'f', '', now(), now() FROM generate_series(1, " + TARGETS + ") n");
            int deploy = 0;
            for (int day = 0; day < DAYS; day++) {
                Instant midnight = start.plus(Duration.ofDays(day));
                String at = "timestamptz '" + midnight + "'";
                s.execute(String.format(Locale.ROOT, "INSERT INTO migrabot_inbox (update_id, poller, payload, state, "
                        + "received_at, done_at) SELECT n, 1, format('%s', n)::jsonb, 'done', "
                        + "%s + (n %% %d) * interval '30 s', %s + (n %% %d) * interval '30 s' "
                        + "FROM generate_series(%d, %d) n",
                        PAYLOAD.replace("%d", "%s"), at, UPDATES_PER_DAY, at, UPDATES_PER_DAY, day * UPDATES_PER_DAY,
                        (day + 1) * UPDATES_PER_DAY - 1));
                s.execute("INSERT INTO migrabot_audit (at, user_id, user_name, chat_id, command, target, arguments, "
                        + "decision, outcome, duration_ms) SELECT " + at + " + n * interval '30 s', 1001, 'alice', "
                        + "1001, 'upgrade', 'shop', 'head', 'allowed', 'ok', 42 FROM generate_series(1, "
                        + UPDATES_PER_DAY + ") n");
                s.execute("INSERT INTO migrabot_journal (target, operation, arguments, user_id, chat_id, started_at, "
                        + "finished_at, state, detail) SELECT 'shop', 'upgrade', 'head', 1001, 1001, " + at
                        + ", " + at + " + interval '1 minute', 'done', 'ran 3 revision(s)' "
                        + "FROM generate_series(1, 10)");
                s.execute("INSERT INTO migrabot_approval (id, created_at, expires_at, target, operation, arguments, "
                        + "requested_by, chat_id, required, state, decided_at) SELECT 'a' || " + day + " || '-' || n, "
                        + at + ", " + at + " + interval '1 day', 'shop', 'upgrade', '{}', 1001, 1001, 1, 'done', "
                        + at + " FROM generate_series(1, 3) n");
                for (int check = 0; check < CHECKS_PER_DAY; check++) {
                    s.execute("UPDATE migrabot_drift SET checked_at = " + at + " + interval '15 minutes' * " + check);
                }
                s.execute("INSERT INTO migrabot_drift_alert (id, target, posted_at, summary) SELECT 'd' || " + day
                        + " || '-' || n, 't' || n, " + at + ", 'drift: 1 finding' FROM generate_series(1, 2) n");
                s.execute("UPDATE migrabot_drift SET alert_id = 'd' || " + day + " || '-' || substr(target, 2) "
                        + "WHERE target IN ('t1', 't2')");
                if (deploy < DEPLOYS && day >= deploy * DAYS / DEPLOYS) {
                    s.execute("INSERT INTO migrabot_schema_cache (scripts, state, model, built_at) SELECT 'v" + deploy
                            + "', 'r' || n, (SELECT string_agg(md5(random()::text || n || k), '') FROM "
                            + "generate_series(1, greatest(1, " + modelKb * 32 + " * n / " + REVISIONS + ")) k), " + at
                            + " FROM generate_series(1, " + REVISIONS + ") n");
                    deploy++;
                }
                // every drift check reads the expected schemas of the scripts deployed now
                s.execute("INSERT INTO migrabot_schema_cache_use (scripts, used_at) VALUES ('v" + (deploy - 1) + "', "
                        + at + " + interval '23 hours') ON CONFLICT (scripts) DO UPDATE "
                        + "SET used_at = excluded.used_at");

                Clock endOfDay = Clock.fixed(midnight.plus(Duration.ofHours(23)).plusSeconds(59 * 60),
                        ZoneOffset.UTC);
                long began = System.nanoTime();
                deleted += new Retention(state, RetentionPolicy.DEFAULT, endOfDay).prune().total();
                prunes.add(System.nanoTime() - began);
                long size = new Retention(state, RetentionPolicy.DEFAULT, endOfDay).size();
                maxSize = Math.max(maxSize, size);
                if ((day + 1) % 30 == 0 || day == DAYS - 1) {
                    System.out.printf(Locale.ROOT, "day %3d: %,d bytes (%.1f MiB), %d deploys%n", day + 1, size,
                            size / 1048576.0, deploy);
                }
            }
            long[] times = prunes.stream().mapToLong(Long::longValue).toArray();
            System.out.printf(Locale.ROOT, "largest size: %.1f MiB; rows deleted: %,d%n", maxSize / 1048576.0,
                    deleted);
            System.out.printf(Locale.ROOT, "daily pruning: median %s ms, p99 %s ms, max %s ms, total %.1f s%n",
                    BenchReport.ms(BenchReport.percentile(times, 50)),
                    BenchReport.ms(BenchReport.percentile(times, 99)),
                    BenchReport.ms(BenchReport.percentile(times, 100)), java.util.Arrays.stream(times).sum() / 1e9);
            for (String table : List.of("migrabot_inbox", "migrabot_audit", "migrabot_journal", "migrabot_approval",
                    "migrabot_drift_alert", "migrabot_schema_cache")) {
                try (var rs = s.executeQuery("SELECT count(*), pg_total_relation_size('" + table + "') FROM "
                        + table)) {
                    rs.next();
                    System.out.printf(Locale.ROOT, "%-22s %,9d rows %8.1f MiB%n", table, rs.getLong(1),
                            rs.getLong(2) / 1048576.0);
                }
            }
        }
    }
}
