package io.migrabot.operation;

import io.migrabot.Main;
import io.migrabot.database.TargetDatabase;
import io.migrabot.testing.ReadOnly;
import io.migrabot.testing.Sqlite;
import io.migrabot.testing.Targets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SQLite targets given bad input and contention: a missing file (never created), a file that is not a database,
 * read-only files and folders, a path with spaces and quotes, another process holding the database or the
 * operation lock, and two processes racing to upgrade one file.
 */
class SqliteTargetTest {
    @TempDir
    Path dir;
    private Path sql;

    @BeforeEach
    void revisions() throws Exception {
        sql = Files.createDirectories(dir.resolve("sql"));
        revision("r1", "", "CREATE TABLE users (id integer PRIMARY KEY, name text);");
        revision("r2", "r1", "CREATE TABLE orders (id integer PRIMARY KEY, user_id integer REFERENCES users (id));");
    }

    private void revision(String id, String parent, String up) throws Exception {
        Files.writeString(sql.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + parent
                + "\n-- migrate:up\n" + up + "\n-- migrate:down\nSELECT 1;\n");
    }

    private record Run(int code, String out, String err) {
    }

    private Run migrabot(String url, String... args) {
        List<String> command = new ArrayList<>(List.of(args));
        command.addAll(List.of("--dir", sql.toString(), "--url", url));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(command.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void aMissingFileIsAnErrorAndIsNeverCreated() {
        Path file = dir.resolve("data/bot_database.db");
        for (String[] args : List.of(new String[]{"current"}, new String[]{"upgrade", "head"},
                new String[]{"stamp", "r1"})) {
            Run run = migrabot(Sqlite.url(file), args);
            assertThat(run.code()).as(String.join(" ", args)).isEqualTo(1);
            assertThat(run.err()).contains("the database file " + file + " does not exist",
                    "migrabot never creates a database by opening it").doesNotContain("Exception");
        }
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void aFileThatIsNotADatabaseIsNamedSoAndLeftAlone() throws Exception {
        Path file = dir.resolve("notes.db");
        String text = "these are notes, not a database\n".repeat(40);
        Files.writeString(file, text);
        Run run = migrabot(Sqlite.url(file), "upgrade", "head");
        assertThat(run.code()).isEqualTo(1);
        assertThat(run.err()).contains(file + " is not a SQLite database").doesNotContain("Exception");
        assertThat(Files.readString(file)).isEqualTo(text);
    }

    @Test
    void aReadOnlyFileIsReadButNotWritten() throws Exception {
        Path file = Sqlite.create(dir.resolve("bot.db"), "CREATE TABLE alembic_version (version_num VARCHAR(32) "
                + "NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
                "INSERT INTO alembic_version VALUES ('r1')", "CREATE TABLE users (id integer PRIMARY KEY, name text)");
        migrabot(Sqlite.url(file), "current"); // the lock file exists before the folder is locked down
        try (ReadOnly ignored = ReadOnly.make(file)) {
            assertThat(migrabot(Sqlite.url(file), "current").out()).contains("r1");
            Run run = migrabot(Sqlite.url(file), "upgrade", "head");
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).contains("cannot be written", file + " or its folder is read-only",
                    "nothing was changed").doesNotContain("Exception");
        }
        assertThat(Sqlite.rows(file, "SELECT version_num FROM alembic_version")).containsExactly("r1");
    }

    @Test
    void aReadOnlyFolderIsReportedBeforeAnythingRuns() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("data"));
        Path file = Sqlite.create(folder.resolve("bot.db"));
        try (ReadOnly ignored = ReadOnly.make(folder)) {
            Run run = migrabot(Sqlite.url(file), "upgrade", "head");
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).contains("the operation lock " + file + ".migrabot-lock cannot be taken",
                    "make the folder writable").doesNotContain("Exception");
        }
        assertThat(Sqlite.tables(file)).isEmpty();
    }

    @Test
    void aPathWithSpacesAndQuotesWorks() {
        Path file = Sqlite.create(dir.resolve("bot's \"main\" data/bot database.db"));
        Run run = migrabot(Sqlite.url(file), "upgrade", "head");
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Sqlite.rows(file, "SELECT version_num FROM alembic_version")).containsExactly("r2");
        assertThat(file.resolveSibling("bot database.db.migrabot-lock")).exists();
    }

    @Test
    void theUrlsBusyTimeoutIsTheOneConnectionsWaitAndFiveSecondsWithoutIt() {
        Path file = Sqlite.create(dir.resolve("bot.db"), "CREATE TABLE sessions (id integer)");
        for (String url : List.of(Sqlite.url(file) + "?busy_timeout=250", Sqlite.url(file) + "?BUSY_TIMEOUT=250",
                Sqlite.url(file))) {
            try (TargetDatabase database = TargetDatabase.of(Targets.config("bot", url, "", ""))) {
                int waits = database.withHandle("reading the wait", h -> h.createQuery("PRAGMA busy_timeout")
                        .mapTo(Integer.class).one());
                assertThat(waits).as(url).isEqualTo(url.endsWith("250") ? 250 : 5_000);
            }
        }
    }

    @Test
    void aWriterHoldingTheDatabaseBeyondTheTimeoutIsReportedAndNothingChanges() throws Exception {
        Path file = Sqlite.create(dir.resolve("bot.db"), "CREATE TABLE sessions (id integer)");
        try (Connection application = DriverManager.getConnection(Sqlite.url(file));
             Statement s = application.createStatement()) {
            s.execute("BEGIN IMMEDIATE");
            s.execute("INSERT INTO sessions VALUES (1)");
            Run run = migrabot(Sqlite.url(file) + "?busy_timeout=200", "upgrade", "head");
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).contains("busy: another process (the application?) held " + file
                    + " locked for longer than its busy_timeout", "?busy_timeout=MILLISECONDS")
                    .doesNotContain("Exception");
            s.execute("COMMIT");
        }
        assertThat(Sqlite.tables(file)).containsExactly("sessions");
    }

    @Test
    void aWriterThatFinishesWithinTheTimeoutIsWaitedFor() throws Exception {
        Path file = Sqlite.create(dir.resolve("bot.db"), "CREATE TABLE sessions (id integer)");
        Connection application = DriverManager.getConnection(Sqlite.url(file));
        Statement s = application.createStatement();
        s.execute("BEGIN IMMEDIATE");
        s.execute("INSERT INTO sessions VALUES (1)");
        CompletableFuture<Void> commit = CompletableFuture.runAsync(() -> {
            try (application; s) {
                Thread.sleep(300);
                s.execute("COMMIT");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Run run = migrabot(Sqlite.url(file), "upgrade", "head");
        commit.get(30, TimeUnit.SECONDS);
        assertThat(run.code()).as(run.err()).isZero();
        assertThat(Sqlite.rows(file, "SELECT count(*) FROM sessions")).containsExactly("1");
        assertThat(Sqlite.rows(file, "SELECT version_num FROM alembic_version")).containsExactly("r2");
    }

    @Test
    void anOperationLockHeldByAnotherProcessIsRefusedWithWhoAndSince() throws Exception {
        Path file = Sqlite.create(dir.resolve("bot.db"));
        Path lock = dir.resolve("bot.db.migrabot-lock");
        Process holder = new ProcessBuilder("/usr/bin/python3", "-c", "import fcntl, sys\n"
                + "f = open(sys.argv[1], 'a+')\nfcntl.lockf(f, fcntl.LOCK_EX)\nf.seek(0)\nf.truncate()\n"
                + "f.write('upgrade by carol|2026-12-03T10:15:00Z\\n')\nf.flush()\nprint('held', flush=True)\n"
                + "sys.stdin.read()\n", lock.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                    StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("held");
            Run run = migrabot(Sqlite.url(file), "upgrade", "head");
            assertThat(run.code()).isEqualTo(1);
            assertThat(run.err()).contains("busy: upgrade by carol since 2026-12-03 10:15 UTC is running on target "
                    + "adhoc; try again when it has finished");
            assertThat(Sqlite.tables(file)).isEmpty();
        } finally {
            holder.getOutputStream().close();
            assertThat(holder.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(migrabot(Sqlite.url(file), "upgrade", "head").code()).isZero();
    }

    @Test
    void aRunKilledMidwayLeavesEachRevisionWholeOrNotAtAllAndTheNextRunCompletes() throws Exception {
        // each revision writes 400,000 rows (more than SQLite's page cache holds, so an open transaction has
        // already written to the file and left originals in its journal when the process is killed)
        for (int i = 3; i <= 10; i++) {
            revision("r" + i, "r" + (i - 1), "CREATE TABLE big_" + i + " AS WITH RECURSIVE n(x) AS (SELECT 1 "
                    + "UNION ALL SELECT x + 1 FROM n WHERE x < 400000) SELECT x FROM n;");
        }
        Path file = Sqlite.create(dir.resolve("bot.db"));
        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "io.migrabot.Main", "upgrade", "head", "--dir",
                sql.toString(), "--url", Sqlite.url(file)).redirectErrorStream(true).start();
        try (BufferedReader output = new BufferedReader(new InputStreamReader(run.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = output.readLine()) != null && !line.contains("upgrade r4 ")) {
                // read up to the line that says r4 was committed
            }
            assertThat(line).as("the run reported r4").isNotNull();
            run.destroyForcibly(); // SIGKILL: no shutdown hook, no rollback by the process
            assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        }

        String recorded = Sqlite.rows(file, "SELECT version_num FROM alembic_version").first();
        int last = Integer.parseInt(recorded.substring(1));
        assertThat(last).as("recorded %s", recorded).isBetween(4, 10);
        for (int i = 3; i <= 10; i++) {
            List<String> tables = Sqlite.column(file, "SELECT name FROM sqlite_schema WHERE name = 'big_" + i + "'");
            if (i <= last) {
                assertThat(Sqlite.rows(file, "SELECT count(*) FROM big_" + i)).containsExactly("400000");
            } else {
                assertThat(tables).as("big_%d, after the recorded %s", i, recorded).isEmpty();
            }
        }
        assertThat(Sqlite.column(file, "PRAGMA integrity_check")).containsExactly("ok");

        Run again = migrabot(Sqlite.url(file), "upgrade", "head");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(Sqlite.rows(file, "SELECT version_num FROM alembic_version")).containsExactly("r10");
        assertThat(Sqlite.rows(file, "SELECT count(*) FROM big_10")).containsExactly("400000");
    }

    @Test
    void twoProcessesRacingForOneFileRunEachRevisionOnce() throws Exception {
        revision("r3", "r2", "CREATE TABLE numbers AS WITH RECURSIVE n(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM n "
                + "WHERE x < 1000000) SELECT x FROM n;");
        Path file = Sqlite.create(dir.resolve("bot.db"));
        List<Process> racers = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            racers.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), "io.migrabot.Main", "upgrade", "head", "--dir",
                    sql.toString(), "--url", Sqlite.url(file)).redirectErrorStream(true).start());
        }
        List<String> outcomes = new ArrayList<>();
        for (Process racer : racers) {
            String output = new String(racer.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(racer.waitFor(120, TimeUnit.SECONDS)).isTrue();
            outcomes.add(racer.exitValue() + ": " + output);
        }
        assertThat(outcomes).as("each racer upgraded, found nothing to do, or was told the target is busy")
                .allMatch(o -> o.startsWith("0: ") || o.startsWith("1: ") && o.contains("busy: upgrade by "))
                .anyMatch(o -> o.startsWith("0: ") && o.contains("ran r1, r2, r3"));
        assertThat(Sqlite.rows(file, "SELECT version_num FROM alembic_version")).containsExactly("r3");
        assertThat(Sqlite.rows(file, "SELECT count(*) FROM numbers")).containsExactly("1000000");
    }
}
