package io.migrabot.chat;

import io.migrabot.testing.AlembicProject;
import io.migrabot.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runbooks' situations recreated on a real database, for a native SQL project and for a real Alembic project
 * with the same history, from finding to fix: /doctor finds it, its fix button goes through approval by a second
 * admin, and /doctor is clean afterwards.
 */
class DoctorScenarioTest {
    private static final long ALICE = 1001;
    private static final long BOB = 1002;
    private static final List<String> SQL = List.of(
            "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL)",
            "CREATE TABLE orders (id serial PRIMARY KEY, user_id int REFERENCES users)",
            "ALTER TABLE users ADD COLUMN nick text");
    private static final List<String> UNDO = List.of("DROP TABLE users", "DROP TABLE orders",
            "ALTER TABLE users DROP COLUMN nick");

    /** The two kinds of migrations source, each holding the history a1 → b2 → c3 made of {@link #SQL}. */
    enum Kind {
        SQL_FILES, ALEMBIC
    }

    @TempDir
    Path directory;
    private final AtomicLong updates = new AtomicLong(1);
    private final RecordingSender sender = new RecordingSender();
    private Postgres.Database state;
    private Postgres.Database app;
    private ChatService service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        for (Postgres.Database db : new Postgres.Database[]{app, state}) {
            if (db != null) {
                db.close();
            }
        }
    }

    private void start(Kind kind) throws IOException {
        state = Postgres.create("doctor_state");
        app = Postgres.create("doctor_app");
        String migrations;
        if (kind == Kind.SQL_FILES) {
            Path dir = Files.createDirectories(directory.resolve("sql"));
            String parent = "";
            for (int i = 0; i < SQL.size(); i++) {
                String id = List.of("a1", "b2", "c3").get(i);
                Files.writeString(dir.resolve(id + ".sql"), "-- revision: " + id + "\n-- down_revision: " + parent
                        + "\n-- message: step " + id + "\n-- migrate:up\n" + SQL.get(i) + ";\n");
                parent = id;
            }
            migrations = "{kind: sql, directory: sql}";
        } else {
            AlembicProject project = AlembicProject.createOnline(directory.resolve("alembic"));
            String parent = null;
            for (int i = 0; i < SQL.size(); i++) {
                String id = List.of("a1", "b2", "c3").get(i);
                project.revision(id, parent == null ? List.of() : List.of(parent), "op.execute(\"" + SQL.get(i)
                        + "\")", "op.execute(\"" + UNDO.get(i) + "\")");
                parent = id;
            }
            String url = app.sqlalchemyUrl();
            migrations = "{kind: alembic, config: alembic/alembic.ini, environment: {DATABASE_URL: \"" + url
                    + "\"}}";
        }
        Path config = directory.resolve("migrabot.yml");
        Files.writeString(config, """
                targets:
                  app:
                    url: %s
                    user: %s
                    environment: production
                    migrations: %s
                    backup: {directory: backups}
                state: {url: %s, user: %s}
                users:
                  - {id: %d, name: alice, role: admin}
                  - {id: %d, name: bob, role: admin}
                progress_interval: 100ms
                """.formatted(app.url(), app.user(), migrations, state.url(), state.user(), ALICE, BOB));
        service = ChatService.open(io.migrabot.config.ConfigLoader.load(config, java.util.Map.of()), sender);
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = app.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    private void stamp(String revision) throws SQLException {
        sql("CREATE TABLE IF NOT EXISTS alembic_version (version_num varchar(32) NOT NULL, "
                + "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))", "DELETE FROM alembic_version",
                "INSERT INTO alembic_version VALUES ('" + revision + "')");
    }

    private void say(long user, String text) {
        service.conversation().handle(new io.migrabot.chat.IncomingUpdate(updates.incrementAndGet(), user, user,
                "u" + user, ChatKind.PRIVATE, text, null, null, 1));
    }

    private void press(long user, RecordingSender.Sent under, String data) {
        service.conversation().handle(new io.migrabot.chat.IncomingUpdate(updates.incrementAndGet(), user, user,
                "u" + user, ChatKind.PRIVATE, null, "cb" + updates.get(), data, under.messageId()));
    }

    /** /doctor's report once the examination is done. */
    private RecordingSender.Sent doctor() {
        sender.clear();
        say(ALICE, "/doctor app");
        return sender.await(s -> s.kind().equals("edit") && s.text().startsWith("🩺"), 120);
    }

    /** Presses a fix under the report; bob approves the request; waits until the change is done. */
    private void fix(RecordingSender.Sent report, String label) {
        String data = RecordingSender.button(report, label);
        sender.clear();
        press(ALICE, report, data);
        RecordingSender.Sent request = sender.await(s -> s.chatId() == BOB && s.text().contains("Approval needed"),
                60);
        press(BOB, request, RecordingSender.button(request, "Approve"));
        sender.await(s -> s.kind().equals("edit") && s.text().contains(" done"), 120);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStaleStampIsMatchedToTheLiveSchemaStampedAndUpgraded(Kind kind) throws Exception {
        start(kind);
        sql(SQL.get(0), SQL.get(1));
        stamp("9044ba1e3377");
        RecordingSender.Sent report = doctor();
        assertThat(report.text()).contains("stamped with 9044ba1e3377, which the scripts do not have",
                "the live schema is exactly what revision b2 produces");
        fix(report, "Stamp b2");
        report = doctor();
        assertThat(report.text()).contains("1 revision(s) pending from b2").doesNotContain("stamped with");
        fix(report, "Upgrade to head");
        assertThat(doctor().text()).contains("no problem found");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void tablesMadeWithoutMigrationsAreStampedWithTheRevisionTheyMatch(Kind kind) throws Exception {
        start(kind);
        sql(SQL.toArray(String[]::new));
        RecordingSender.Sent report = doctor();
        assertThat(report.text()).contains("tables exist but nothing records their revision",
                "the live schema is exactly what revision c3 produces");
        fix(report, "Stamp c3");
        assertThat(doctor().text()).contains("no problem found");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void aStampAheadOfTheSchemaIsStampedBackAndUpgraded(Kind kind) throws Exception {
        start(kind);
        sql(SQL.get(0));
        stamp("c3");
        RecordingSender.Sent report = doctor();
        assertThat(report.text()).contains("stamped at c3, ahead of the real schema, which is a1");
        fix(report, "Stamp a1");
        fix(doctor(), "Upgrade to head");
        assertThat(doctor().text()).contains("no problem found");
    }

    /** A second head, x9 (table rewards), forking at a1. */
    private void fork(Kind kind) throws IOException {
        if (kind == Kind.SQL_FILES) {
            Files.writeString(directory.resolve("sql/x9.sql"), "-- revision: x9\n-- down_revision: a1\n"
                    + "-- message: leaderboard rewards\n-- migrate:up\nCREATE TABLE rewards (id int);\n");
        } else {
            AlembicProject project = AlembicProject.createOnline(directory.resolve("alembic"));
            project.revision("x9", List.of("a1"), "op.execute(\"CREATE TABLE rewards (id int)\")",
                    "op.execute(\"DROP TABLE rewards\")");
            project.write("migrations/script.py.mako", "\"\"\"${message}\"\"\"\nrevision = ${repr(up_revision)}\n"
                    + "down_revision = ${repr(down_revision)}\n\n\ndef upgrade():\n    pass\n\n\n"
                    + "def downgrade():\n    pass\n");
        }
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void theUpgradeToAllHeadsIsRequestedWithBothHeadsSqlAndOfferedNoMoreOnceDone(Kind kind) throws Exception {
        start(kind);
        fork(kind);
        sql(SQL.get(0));
        stamp("a1");
        RecordingSender.Sent report = doctor();
        String upgrade = RecordingSender.button(report, "Upgrade to all heads");
        sender.clear();
        press(ALICE, report, upgrade);
        RecordingSender.Sent request = sender.await(s -> s.chatId() == BOB && s.text().contains("Approval needed"),
                60);
        assertThat(request.text()).contains("SQL preview: sha256", "<b>impact</b> of upgrade to <code>heads</code>",
                "<code>x9</code>: low", "<code>b2</code>: medium\n• locks public.users (≈0 rows, 16 kB) in "
                        + "ShareRowExclusiveLock: writes wait until it ends; reads go on", "<code>c3</code>: medium")
                .doesNotContain("unavailable", "impact unknown");
        RecordingSender.Sent file = sender.await(s -> s.kind().equals("document"), 10);
        assertThat(new String(file.content(), java.nio.charset.StandardCharsets.UTF_8))
                .contains("CREATE TABLE rewards", "CREATE TABLE orders", "ALTER TABLE users ADD COLUMN nick");
        press(BOB, request, RecordingSender.button(request, "Approve"));
        sender.await(s -> s.kind().equals("edit") && s.text().contains(" done"), 120);
        report = doctor();
        assertThat(report.text()).contains("2 heads:").doesNotContain("pending");
        assertThat(report.buttons()).flatMap(row -> row).extracting(ChatSender.Button::text)
                .noneMatch(text -> text.contains("Upgrade"));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void twoHeadsAreMergedByTheFixAndTheMergeIsThenUpgraded(Kind kind) throws Exception {
        start(kind);
        fork(kind);
        RecordingSender.Sent report = doctor();
        assertThat(report.text()).contains("2 heads:", "they fork at a1", "head x9");
        String merge = RecordingSender.button(report, "Write a merge revision");
        sender.clear();
        press(ALICE, report, merge); // a merge writes a file and needs no approval by default
        sender.await(s -> s.kind().equals("edit") && s.text().contains("wrote merge revision"), 120);
        report = doctor();
        assertThat(report.text()).doesNotContain("2 heads").contains("5 revision(s) pending from base");
        fix(report, "Upgrade to head");
        assertThat(doctor().text()).contains("no problem found");
    }

    @org.junit.jupiter.api.Test
    void alembicIniMistakesAndAnEmptyVersionsFolderAreNamed() throws Exception {
        start(Kind.ALEMBIC);
        Path ini = directory.resolve("alembic/alembic.ini");
        String good = Files.readString(ini);
        Files.writeString(ini, good.replace("[alembic]\n", "[alembic]\nversion_num_format = %04d\n"));
        assertThat(doctor().text()).contains("❌", "%04d");
        Files.writeString(ini, good.replace("script_location = %(here)s/migrations", ""));
        assertThat(doctor().text()).contains("❌", "script_location");
        Files.writeString(ini, good);
        try (var files = Files.list(directory.resolve("alembic/migrations/versions"))) {
            for (Path file : files.toList()) {
                Files.delete(file);
            }
        }
        assertThat(doctor().text()).contains("no revision files: the versions folder is empty",
                "Can't locate revision identified by 'head'");
    }

    @org.junit.jupiter.api.Test
    void brokenRevisionFilesAndEmptyMigrationsAreNamed() throws Exception {
        start(Kind.SQL_FILES);
        Files.writeString(directory.resolve("sql/d4.sql"), "-- revision: d4\n-- down_revision: c3\n"
                + "-- message: meant to add an index\n-- migrate:up\n-- CREATE INDEX later\n-- migrate:down\n");
        assertThat(doctor().text()).contains("d4", "'-- migrate:up' section holds no statement",
                "'-- migrate:down' section holds no statement");
        Files.writeString(directory.resolve("sql/e5.sql"), "-- revision: e5\n-- down_revision: gone\n"
                + "-- migrate:up\nSELECT 1;\n");
        Files.writeString(directory.resolve("sql/dup.sql"), "-- revision: a1\n-- down_revision:\n"
                + "-- migrate:up\nSELECT 1;\n");
        assertThat(doctor().text()).contains("Revision gone referenced from e5 is not present",
                "Revision a1 is present more than once");
    }

    @org.junit.jupiter.api.Test
    void alembicRevisionsWhoseUpgradeOrDowngradeDoNothingAreNamed() throws Exception {
        start(Kind.ALEMBIC);
        AlembicProject project = AlembicProject.createOnline(directory.resolve("alembic"));
        project.revision("d4", List.of("c3"), "pass", "op.execute(\"SELECT 1\")");
        project.revision("e5", List.of("d4"), "op.execute(\"CREATE TABLE e (id int)\")", "pass");
        assertThat(doctor().text()).contains("d4 (", "its upgrade() emits no SQL", "e5 (",
                "its downgrade() emits no SQL").doesNotContain("d4.py): its downgrade()", "c3.py)");
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void handMadeChangesAreShownAsDriftWithoutAFix(Kind kind) throws Exception {
        start(kind);
        sql(SQL.toArray(String[]::new));
        stamp("c3");
        sql("ALTER TABLE orders ADD COLUMN note text");
        RecordingSender.Sent report = doctor();
        assertThat(report.text()).contains("the schema differs from what the migrations produce at c3", "note");
        assertThat(report.buttons()).isEmpty();
    }
}
