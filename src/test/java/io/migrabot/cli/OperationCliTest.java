package io.migrabot.cli;

import io.migrabot.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The one-shot command line for operations, as a person uses it on an ad hoc target. */
class OperationCliTest {
    @TempDir
    Path dir;
    private Postgres.Database db;
    private Path sql;

    @BeforeEach
    void setUp() throws Exception {
        db = Postgres.create("cli");
        sql = Files.createDirectories(dir.resolve("sql"));
        Files.writeString(sql.resolve("1.sql"), "-- revision: r1\n-- down_revision:\n-- migrate:up\n"
                + "CREATE TABLE a (id int);\n-- migrate:down\nDROP TABLE a;\n");
        Files.writeString(sql.resolve("2.sql"), "-- revision: r2\n-- down_revision: r1\n-- migrate:up\n"
                + "CREATE TABLE b (id int);\n-- migrate:down\nDROP TABLE b;\n");
    }

    @AfterEach
    void drop() {
        db.close();
    }

    private AlembicCli.Output run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--dir", sql.toString(), "--url", db.url(), "--user", db.user(), "--backup-dir",
                dir.resolve("backups").toString()));
        return AlembicCli.migrabot(all);
    }

    @Test
    void upgradeCurrentDowngradeAndBackupsOnAnAdHocTarget() {
        AlembicCli.Output up = run("upgrade", "head");
        assertThat(up.exitCode()).as(up.stderr()).isZero();
        assertThat(up.stdout()).containsPattern("backup adhoc-\\d{8}-\\d{6}: .*\\.dump, .*, sha256 [0-9a-f]{12}, "
                + "verified").containsPattern("adhoc: upgrade from <base> to r2, ran r1, r2 in \\d+\\.\\ds");
        assertThat(up.stderr()).containsPattern("\\[1/2\\] upgrade r1 \\(").containsPattern("\\[2/2\\] upgrade r2 \\(");

        assertThat(run("current").stdout()).isEqualTo("r2 (head)\n");
        assertThat(run("upgrade", "head").stdout()).contains("adhoc: nothing to do, already at r2");

        AlembicCli.Output down = run("downgrade", "-1");
        assertThat(down.stdout()).contains("adhoc: downgrade from r2 to r1, ran r2");
        AlembicCli.Output backups = run("backups");
        assertThat(backups.stdout().lines()).hasSize(2).allMatch(l -> l.startsWith("adhoc-"));
    }

    @Test
    void doctorPrintsFindingsAndFailsThePipelineOnAnError() throws Exception {
        AlembicCli.Output behind = run("doctor");
        assertThat(behind.exitCode()).as(behind.stderr()).isZero(); // behind is a warning
        assertThat(behind.stdout()).contains("WARNING: 2 revision(s) pending from base",
                "fix: migrabot upgrade head (with this command's target options)");
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("CREATE TABLE alembic_version (version_num varchar(32) PRIMARY KEY)");
            s.execute("INSERT INTO alembic_version VALUES ('f00d')");
        }
        AlembicCli.Output json = run("doctor", "--json");
        assertThat(json.exitCode()).isEqualTo(1);
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.stdout());
        assertThat(root.path("errors").asBoolean()).isTrue();
        assertThat(root.path("findings").get(0).path("kind").asText()).isEqualTo("unknown_stamp");
        assertThat(root.path("findings").get(0).path("evidence").toString())
                .contains("the live schema is exactly what revision");
    }

    @Test
    void doctorFailsOnAWarningWhenAskedTo() {
        assertThat(run("doctor", "--fail-on", "warning").exitCode()).isEqualTo(1); // 2 revisions pending
        assertThat(run("doctor", "--fail-on", "error").exitCode()).isZero();
        AlembicCli.Output wrong = run("doctor", "--fail-on", "info");
        assertThat(wrong.exitCode()).isEqualTo(2);
        assertThat(wrong.stderr()).contains("--fail-on takes error or warning, not 'info'");
        assertThat(run("upgrade", "head").exitCode()).isZero();
        assertThat(run("doctor", "--fail-on", "warning").exitCode()).isZero();
    }

    @Test
    void planRatesPendingRevisionsAndFailsThePipelineOnAHighRisk() throws Exception {
        AlembicCli.Output quiet = run("plan", "upgrade", "head");
        assertThat(quiet.exitCode()).as(quiet.stderr()).isZero();
        assertThat(quiet.stdout()).startsWith("upgrade adhoc to head from base: 2 revision(s), risk low\nr1: low\n");
        assertThat(run("upgrade", "head").exitCode()).isZero();
        try (var c = db.connect(); var s = c.createStatement()) {
            s.execute("INSERT INTO a SELECT generate_series(1, 150000)");
            s.execute("ANALYZE a");
        }
        Files.writeString(sql.resolve("3.sql"), "-- revision: r3\n-- down_revision: r2\n-- migrate:up\n"
                + "ALTER TABLE a ALTER COLUMN id TYPE bigint;\n");
        AlembicCli.Output high = run("plan", "upgrade", "head");
        assertThat(high.exitCode()).isEqualTo(1);
        assertThat(high.stdout()).contains("risk high", "r3: high", "  rewrites public.a (≈150.0k rows, ");
        AlembicCli.Output json = run("plan", "upgrade", "head", "--json");
        var root = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.stdout());
        assertThat(root.path("risk").asText()).isEqualTo("high");
        assertThat(root.path("revisions").get(0).path("findings").get(0).asText()).startsWith("rewrites public.a");
        assertThat(root.path("fingerprint").asText()).hasSize(64);
        assertThat(run("plan", "upgrade", "nowhere").stderr()).contains("Can't locate revision identified by "
                + "'nowhere'");
    }

    @Test
    void sqlPreviewPrintsStatementsOnly() {
        AlembicCli.Output preview = run("sql", ":head");
        assertThat(preview.exitCode()).isZero();
        assertThat(preview.stdout()).contains("CREATE TABLE a (id int);").contains("-- Running upgrade r2");
        assertThat(run("current").stdout()).isEmpty();
    }

    @Test
    void anUnreachableDatabaseIsOneLineWithoutSecrets() {
        AlembicCli.Output out = AlembicCli.migrabot(List.of("current", "--dir", sql.toString(), "--url",
                "jdbc:postgresql://127.0.0.1:1/nowhere", "--user", "x"));
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stderr().lines()).singleElement().asString()
                .startsWith("migrabot: target adhoc (jdbc:postgresql://127.0.0.1:1/nowhere) cannot be reached");
    }

    @Test
    void targetMistakesAreUsageErrors() {
        assertThat(AlembicCli.migrabot(List.of("current", "--dir", sql.toString())).stderr())
                .contains("say which database: --target NAME");
        assertThat(AlembicCli.migrabot(List.of("current", "--dir", sql.toString(), "--url",
                "jdbc:postgresql://h/db?password=secret")).stderr())
                .contains("--url holds a password").doesNotContain("password=secret");
        AlembicCli.Output missing = AlembicCli.migrabot(List.of("current", "--target", "shop", "--config",
                dir.resolve("none.yml").toString()));
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.stderr()).contains("does not exist; copy config/migrabot.example.yml");
    }
}
