package io.migrabot.bench;

import io.migrabot.Main;
import io.migrabot.backup.BackupService;
import io.migrabot.config.BackupPolicy;
import io.migrabot.config.TargetConfig;
import io.migrabot.database.TargetDatabase;
import io.migrabot.testing.Sqlite;
import io.migrabot.testing.Targets;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Benchmark for SQLite targets (issue 15), not a test. In interleaved rounds, each on fresh files:
 * <ul>
 *   <li>applying N generated revisions (each a CREATE TABLE and a CREATE INDEX) to an empty file: the {@code sqlite3}
 *   command-line tool running the same statements, version-table changes included, in one transaction (the floor);
 *   {@code migrabot upgrade head} as a whole process through {@code bin/migrabot} (JVM start included, with the
 *   launcher's Java and class cache, which the first round records); the same operation in this warm
 *   JVM; and, for what the driver itself costs, the floor's statements through sqlite-jdbc in this JVM;</li>
 *   <li>a backup of a file of about 60 MB (two tables, an index): {@code sqlite3 FILE ".backup COPY"} against
 *   {@code migrabot backup} as a process and in this JVM (copy, integrity_check, SHA-256, record).</li>
 * </ul>
 * Each way is timed with the disk idle (a {@code sync} first, untimed) and its files are removed after the round.
 * Prints medians and the medians of the per-round ratios. WARMUP upgrades and backups in this JVM come first,
 * untimed, as a long-running bot's JVM has had them. Usage (after {@code mvn -DskipTests package}, from the
 * repository): {@code java -cp target/migrabot.jar:target/test-classes io.migrabot.bench.SqliteBench [N=1000]
 * [ROUNDS=5] [WARMUP=0]}.
 */
public final class SqliteBench {
    private SqliteBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 0;
        Path work = Files.createTempDirectory("migrabot-sqlite-bench-");
        Path sql = Files.createDirectories(work.resolve("sql"));
        Path script = work.resolve("all.sql");
        generate(n, sql, script);
        String launcher = Path.of("bin/migrabot").toAbsolutePath().toString();

        for (int i = 0; i < warmup; i++) {
            Path warm = empty(work, "warmup", i);
            Path driver = empty(work, "warmup-driver", i);
            inProcess("upgrade", "head", "--dir", sql.toString(), "--url", Sqlite.url(warm));
            oneTransaction(driver, script);
            delete(warm, driver);
        }
        long[][] upgrade = new long[4][rounds];
        for (int round = 0; round < rounds; round++) {
            Path floor = empty(work, "floor", round);
            upgrade[0][round] = settled(() -> run(List.of("sh", "-c", "sqlite3 \"$0\" < \"$1\"", floor.toString(),
                    script.toString())));
            Path process = empty(work, "process", round);
            upgrade[1][round] = settled(() -> run(List.of(launcher, "upgrade", "head", "--dir",
                    sql.toString(), "--url", Sqlite.url(process))));
            Path warm = empty(work, "warm", round);
            upgrade[2][round] = settled(() -> inProcess("upgrade", "head", "--dir", sql.toString(), "--url",
                    Sqlite.url(warm)));
            Path driver = empty(work, "driver", round);
            upgrade[3][round] = settled(() -> oneTransaction(driver, script));
            check(floor, warm, process, driver);
            for (Path file : List.of(floor, process, warm, driver)) {
                Files.delete(file);
            }
        }

        Path big = empty(work, "big", 0);
        run(List.of("sqlite3", big.toString(), "CREATE TABLE users (id integer PRIMARY KEY, name text NOT NULL, "
                + "email text); CREATE TABLE events (id integer PRIMARY KEY, user_id integer, payload text); "
                + "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 200000) "
                + "INSERT INTO users SELECT x, 'user ' || x, 'user' || x || '@example.com' FROM n; "
                + "WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n WHERE x < 400000) "
                + "INSERT INTO events SELECT x, x % 200000, hex(randomblob(60)) FROM n; "
                + "CREATE INDEX events_user ON events (user_id);"));
        TargetConfig base = Targets.config("big", Sqlite.url(big), "", "");
        BackupService backups = new BackupService(Clock.systemUTC());
        for (int i = 0; i < warmup; i++) {
            Path folder = work.resolve("backups-warmup-" + i);
            backups.take(withBackups(base, folder), TargetDatabase.of(base), List.of(), "bench");
            delete(folder);
        }
        long[][] backup = new long[3][rounds];
        for (int round = 0; round < rounds; round++) {
            Path copy = work.resolve("copy-" + round + ".db");
            backup[0][round] = settled(() -> run(List.of("sqlite3", big.toString(), ".backup '" + copy + "'")));
            Path folder = work.resolve("backups-process-" + round);
            backup[1][round] = settled(() -> run(List.of(launcher, "backup", "--dir",
                    sql.toString(), "--url", Sqlite.url(big), "--backup-dir", folder.toString())));
            Path warm = work.resolve("backups-warm-" + round);
            TargetConfig target = withBackups(base, warm);
            backup[2][round] = settled(() -> backups.take(target, TargetDatabase.of(target), List.of(), "bench"));
            delete(copy, folder, warm);
        }

        System.out.printf("- %s; sqlite3 %s; sqlite-jdbc %s; load average at end %s; files in %s%n",
                System.getProperty("java.vm.name") + " " + System.getProperty("java.version"),
                run(List.of("sqlite3", "--version")).split(" ")[0], org.sqlite.SQLiteJDBCLoader.getVersion(),
                Files.readString(Path.of("/proc/loadavg")).strip(), work);
        System.out.printf("- %d revisions, %d interleaved rounds; backup of %.1f MB%n%n", n, rounds,
                Files.size(big) / 1e6);
        System.out.println("| what | median | × the floor (median of rounds' ratios) | rounds |");
        System.out.println("|---|---|---|---|");
        row("`sqlite3` CLI, the same statements in one transaction (floor)", upgrade[0], upgrade[0]);
        row("`migrabot upgrade head`, a whole process (JVM start included)", upgrade[1], upgrade[0]);
        row("the same upgrade in a warm JVM (`Main.run`)", upgrade[2], upgrade[0]);
        row("(the driver's floor) sqlite-jdbc in this JVM, the floor's statements in one transaction", upgrade[3],
                upgrade[0]);
        row("`sqlite3 FILE .backup` (floor)", backup[0], backup[0]);
        row("`migrabot backup`, a whole process: copy, integrity_check, SHA-256, record", backup[1], backup[0]);
        row("the same backup in a warm JVM (`BackupService.take`)", backup[2], backup[0]);
    }

    private static TargetConfig withBackups(TargetConfig base, Path folder) {
        return Targets.withBackup(base, new BackupPolicy(folder, Set.of(), 100, Duration.ofDays(1), null));
    }

    /** N revisions in native SQL, and the script the floor runs: the same statements in one transaction. */
    private static void generate(int n, Path sql, Path script) throws IOException {
        StringBuilder all = new StringBuilder("BEGIN;\nCREATE TABLE IF NOT EXISTS alembic_version (\n\tversion_num "
                + "VARCHAR(32) NOT NULL, \n\tCONSTRAINT alembic_version_pkc PRIMARY KEY (version_num)\n);\n");
        String previous = "";
        for (int i = 1; i <= n; i++) {
            String id = String.format("r%05d", i);
            String up = "CREATE TABLE t_" + i + " (id integer PRIMARY KEY, name text NOT NULL, created_at text);\n"
                    + "CREATE INDEX t_" + i + "_name ON t_" + i + " (name);\n";
            Files.writeString(sql.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + previous
                    + "\n-- migrate:up\n" + up + "-- migrate:down\nDROP TABLE t_" + i + ";\n");
            all.append(up).append(previous.isEmpty() ? "INSERT INTO \"alembic_version\" (version_num) VALUES ('"
                    + id + "');\n" : "UPDATE \"alembic_version\" SET version_num='" + id + "' WHERE version_num = '"
                    + previous + "';\n");
            previous = id;
        }
        Files.writeString(script, all.append("COMMIT;\n"));
    }

    /** The floor's script through the JDBC driver, statement by statement on one connection. */
    private static void oneTransaction(Path file, Path script) throws Exception {
        try (java.sql.Connection c = java.sql.DriverManager.getConnection(Sqlite.url(file));
             java.sql.Statement s = c.createStatement()) {
            for (String statement : Files.readString(script).split(";\n")) {
                if (!statement.isBlank()) {
                    s.execute(statement);
                }
            }
        }
    }

    private static Path empty(Path work, String what, int round) throws IOException {
        return Files.createFile(work.resolve(what + "-" + round + ".db"));
    }

    /** Each way must have made the same tables and recorded the same head. */
    private static void check(Path... files) {
        String expected = null;
        for (Path file : files) {
            String state = Sqlite.rows(file, "SELECT count(*) FROM sqlite_schema") + " "
                    + Sqlite.rows(file, "SELECT version_num FROM alembic_version");
            if (expected != null && !expected.equals(state)) {
                throw new IllegalStateException(file + " is " + state + ", not " + expected);
            }
            expected = state;
        }
    }

    private static void row(String what, long[] ns, long[] floor) {
        double[] ratios = new double[ns.length];
        for (int i = 0; i < ns.length; i++) {
            ratios[i] = (double) ns[i] / floor[i];
        }
        Arrays.sort(ratios);
        List<String> each = new ArrayList<>();
        for (long t : ns) {
            each.add(String.valueOf(t / 1_000_000));
        }
        System.out.printf("| %s | %d ms | %.2f× | %s ms |%n", what, median(ns) / 1_000_000, ratios[ratios.length / 2],
                String.join(" / ", each));
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private interface Body {
        void run() throws Exception;
    }

    /**
     * Times {@code body} with the disk idle: earlier writes are flushed first, untimed, so that no way pays for the
     * one before it (each way syncs its own file).
     */
    private static long settled(Body body) throws Exception {
        run(List.of("sync"));
        return time(body);
    }

    /** Removes files and folders of files, so that each round writes where the last one did. */
    private static void delete(Path... paths) throws IOException {
        for (Path path : paths) {
            if (Files.isDirectory(path)) {
                try (var files = Files.list(path)) {
                    for (Path file : files.toList()) {
                        Files.delete(file);
                    }
                }
            }
            Files.delete(path);
        }
    }

    private static long time(Body body) throws Exception {
        long start = System.nanoTime();
        body.run();
        return System.nanoTime() - start;
    }

    private static void inProcess(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        if (Main.run(args, new PrintWriter(out), new PrintWriter(err)) != 0) {
            throw new IllegalStateException(String.join(" ", args) + ": " + out + err);
        }
    }

    private static String run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + ": " + output);
        }
        return output;
    }
}
