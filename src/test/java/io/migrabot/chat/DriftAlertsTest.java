package io.migrabot.chat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.migrabot.config.ConfigLoader;
import io.migrabot.monitor.BotMetrics;
import io.migrabot.testing.Postgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled drift checks in chat, on real databases: an alert once per new state, quiet repeats, resolution,
 * a target that cannot be checked next to one that can, the alert's buttons, and /schedule. Checks are run
 * directly, as the scheduled job runs them, except where the scheduler itself is the point.
 */
class DriftAlertsTest {
    private static final long ALICE = 1001;  // admin
    private static final long CAROL = 1003;  // operator
    private static final long DAVE = 1004;   // viewer
    private static final long GROUP = -100777;

    @TempDir
    Path directory;
    private final AtomicLong updates = new AtomicLong(1);
    private final RecordingSender sender = new RecordingSender();
    private Postgres.Database state;
    private Postgres.Database shop;
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private ChatService service;
    private DriftAlerts alerts;

    @BeforeEach
    void start() throws IOException, SQLException {
        state = Postgres.create("drift_state");
        shop = Postgres.create("drift_shop");
        Path sql = Files.createDirectories(directory.resolve("sql"));
        Files.writeString(sql.resolve("a1.sql"), "-- revision: a1\n-- down_revision:\n-- migrate:up\n"
                + "CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);\n");
        Files.writeString(sql.resolve("b2.sql"), "-- revision: b2\n-- down_revision: a1\n-- migrate:up\n"
                + "CREATE TABLE orders (id serial PRIMARY KEY, user_id int REFERENCES users);\n");
        sql("CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL)",
                "CREATE TABLE orders (id serial PRIMARY KEY, user_id int REFERENCES users)",
                "CREATE TABLE alembic_version (version_num varchar(32) NOT NULL, "
                        + "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))",
                "INSERT INTO alembic_version VALUES ('b2')");
    }

    /** The bot with targets shop (a real database) and down (nothing listens there), both checked every second. */
    private void open() throws IOException {
        Path config = directory.resolve("migrabot.yml");
        Files.writeString(config, """
                targets:
                  shop:
                    url: %s
                    user: %s
                    environment: production
                    migrations: {kind: sql, directory: sql}
                    drift: {cron: "* * * * * ?"}
                  down:
                    url: jdbc:postgresql://127.0.0.1:9/nothing
                    user: nobody
                    environment: staging
                    migrations: {kind: sql, directory: sql}
                    drift: {cron: "* * * * * ?", chats: [%d]}
                state: {url: %s, user: %s}
                users:
                  - {id: %d, name: alice, role: admin}
                  - {id: %d, name: carol, role: operator}
                  - {id: %d, name: dave, role: viewer, environments: [staging]}
                chats: [%d]
                instance: drift-test
                """.formatted(shop.url(), shop.user(), GROUP, state.url(), state.user(), ALICE, CAROL, DAVE, GROUP));
        service = ChatService.open(ConfigLoader.load(config, Map.of()), sender, new BotMetrics(registry));
        alerts = new DriftAlerts(service.context(), sender);
    }

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        for (Postgres.Database db : new Postgres.Database[]{shop, state}) {
            if (db != null) {
                db.close();
            }
        }
    }

    private void sql(String... statements) throws SQLException {
        try (Connection c = shop.connect(); Statement s = c.createStatement()) {
            for (String statement : statements) {
                s.execute(statement);
            }
        }
    }

    /** What one check of {@code target} said in the group, as the scheduled job runs it. */
    private List<RecordingSender.Sent> check(String target) {
        sender.clear();
        alerts.check(target, Instant.now());
        return sender.all();
    }

    private void press(long user, RecordingSender.Sent under, String data) {
        service.conversation().handle(new IncomingUpdate(updates.incrementAndGet(), GROUP, user, "u" + user,
                ChatKind.SUPERGROUP, null, "cb" + updates.get(), data, under.messageId()));
    }

    private String say(long user, String text) {
        sender.clear();
        service.conversation().handle(new IncomingUpdate(updates.incrementAndGet(), user, user, "u" + user,
                ChatKind.PRIVATE, text, null, null, 1));
        return String.join("\n---\n", sender.texts());
    }

    /** The one alert a check posted after a hand-made change. */
    private RecordingSender.Sent driftAlert() {
        List<RecordingSender.Sent> said = check("shop");
        assertThat(said).hasSize(1);
        RecordingSender.Sent alert = said.get(0);
        assertThat(alert.chatId()).isEqualTo(GROUP);
        assertThat(alert.text()).startsWith("🚨 <b>Drift alert</b>").contains("<b>shop</b>");
        return alert;
    }

    @Test
    void aHandMadeChangeIsAlertedOnceAndItsRevertIsAnnouncedAsResolved() throws Exception {
        open();
        assertThat(check("shop")).as("healthy: nothing to say").isEmpty();

        assertThat(findings("shop")).isZero();
        sql("ALTER TABLE users ADD COLUMN nick text");
        RecordingSender.Sent alert = driftAlert();
        assertThat(alert.text()).contains("nick");
        assertThat(findings("shop")).isEqualTo(1);
        assertThat(alert.buttons().get(0)).extracting(ChatSender.Button::text)
                .containsExactly("👀 Acknowledge", "🔕 Snooze 1h");
        assertThat(alert.buttons().get(0)).allMatch(b -> b.data().getBytes().length <= 64);
        assertThat(check("shop")).as("the same state again").isEmpty();
        assertThat(check("shop")).isEmpty();

        sql("ALTER TABLE users DROP COLUMN nick");
        List<RecordingSender.Sent> said = check("shop");
        assertThat(said).extracting(RecordingSender.Sent::text)
                .containsExactly("✅ <b>shop</b>: resolved; the scheduled check finds no problem any more.");
        assertThat(check("shop")).isEmpty();
    }

    @Test
    void aTargetThatCannotBeCheckedIsReportedOnceAndTheOtherIsAlertedAsUsual() throws Exception {
        open();
        List<RecordingSender.Sent> failure = check("down");
        assertThat(failure).hasSize(1);
        assertThat(failure.get(0).text()).startsWith("❌ <b>check of down failed</b>: ")
                .contains("cannot be reached").doesNotContain("Exception", "\tat ");
        assertThat(check("down")).as("the same failure again").isEmpty();
        assertThat(registry.get("migrabot.drift.checks").tags("target", "down", "result", "failed").counter()
                .count()).isEqualTo(2);
        assertThat(registry.find("migrabot.drift.findings").tag("target", "down").gauge()).as("it could not look")
                .isNull();

        sql("ALTER TABLE users ADD COLUMN nick text");
        driftAlert();
        assertThat(registry.get("migrabot.drift.checks").tags("target", "shop", "result", "drift").counter()
                .count()).isEqualTo(1);
    }

    private double findings(String target) {
        return registry.get("migrabot.drift.findings").tag("target", target).gauge().value();
    }

    @Test
    void theSchedulerRunsEveryTargetsChecksAndOneThatFailsDoesNotHoldUpTheOthers() throws Exception {
        sql("ALTER TABLE users ADD COLUMN nick text");
        open();
        service.startDriftChecks();
        sender.await(s -> s.chatId() == GROUP && s.text().startsWith("❌ <b>check of down failed"), 60);
        sender.await(s -> s.chatId() == GROUP && s.text().startsWith("🚨 <b>Drift alert</b>"), 60);
        assertThat(say(ALICE, "/schedule")).contains("<b>shop</b>: <code>* * * * * ?</code>, next 20",
                "🚨 drift since").doesNotContain("not scheduled");
    }

    @Test
    void acknowledgingShowsWhoAndKeepsQuietAndOnlyOperatorsOfTheTargetMayPress() throws Exception {
        open();
        sql("ALTER TABLE users ADD COLUMN nick text");
        RecordingSender.Sent alert = driftAlert();
        String acknowledge = RecordingSender.button(alert, "Acknowledge");

        sender.clear();
        press(DAVE, alert, acknowledge);
        assertThat(sender.last().kind()).isEqualTo("alert");
        assertThat(sender.last().text()).isEqualTo("Only an operator of shop can acknowledge its alerts.");

        sender.clear();
        press(CAROL, alert, acknowledge);
        assertThat(sender.all()).extracting(RecordingSender.Sent::kind).containsExactly("notice", "edit");
        RecordingSender.Sent edited = sender.last();
        assertThat(edited.messageId()).isEqualTo(alert.messageId());
        assertThat(edited.text()).startsWith(alert.text()).endsWith("👀 acknowledged by carol");
        assertThat(edited.buttons().get(0)).extracting(ChatSender.Button::text).containsExactly("🔕 Snooze 1h");

        sender.clear();
        press(ALICE, alert, acknowledge);
        assertThat(sender.all()).extracting(RecordingSender.Sent::text)
                .containsExactly("Already acknowledged by carol.");
        assertThat(check("shop")).isEmpty();
    }

    @Test
    void snoozingHoldsBackANewStateForAnHourThenItIsAlerted() throws Exception {
        open();
        sql("ALTER TABLE users ADD COLUMN nick text");
        RecordingSender.Sent alert = driftAlert();

        sender.clear();
        press(CAROL, alert, RecordingSender.button(alert, "Snooze"));
        assertThat(sender.all().get(0).text()).isEqualTo("Alerts of shop snoozed for an hour.");
        assertThat(sender.last().text()).contains("🔕 alerts of <code>shop</code> snoozed by carol until ");
        assertThat(say(ALICE, "/schedule")).contains("alerts snoozed until");

        sql("ALTER TABLE orders ADD COLUMN note text");
        assertThat(check("shop")).as("a new state while snoozed").isEmpty();
        sender.clear();
        press(CAROL, alert, RecordingSender.button(alert, "Acknowledge"));
        assertThat(sender.all()).extracting(RecordingSender.Sent::text)
                .containsExactly("This alert is over: the state of shop changed since; nothing was done.");

        service.state().database().withHandle("ending the snooze", h -> h.execute(
                "UPDATE migrabot_drift SET snoozed_until = now() - interval '1 second'"));
        assertThat(driftAlert().text()).contains("note");
        assertThat(check("shop")).isEmpty();
    }

    @Test
    void forgedAndMisplacedButtonsAreRefusedAndChangeNothing() throws Exception {
        open();
        sql("ALTER TABLE users ADD COLUMN nick text");
        RecordingSender.Sent alert = driftAlert();
        String acknowledge = RecordingSender.button(alert, "Acknowledge");
        RecordingSender.Sent elsewhere = new RecordingSender.Sent("text", GROUP, alert.messageId() + 1000, "",
                List.of(), null);
        for (var attempt : List.of(Map.entry(alert, "da:AAAAAAAAAAAAAAAAAAAAAA"), Map.entry(alert, "dz:../../x"),
                Map.entry(alert, "da:"), Map.entry(elsewhere, acknowledge))) {
            sender.clear();
            press(CAROL, attempt.getKey(), attempt.getValue());
            assertThat(sender.all()).extracting(RecordingSender.Sent::kind, RecordingSender.Sent::text)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("alert",
                            "This button is not valid; nothing was done."));
        }
        long refused = service.state().database().withHandle("counting", h -> h.createQuery(
                "SELECT count(*) FROM migrabot_audit WHERE decision = 'refused' AND outcome = 'unknown alert'")
                .mapTo(Long.class).one());
        assertThat(refused).isEqualTo(4);
        sender.clear();
        press(CAROL, alert, acknowledge);
        assertThat(sender.last().text()).endsWith("acknowledged by carol");
    }

    @Test
    void scheduleShowsEachVisibleTargetsCronAndLastCheck() throws Exception {
        open();
        check("down");
        assertThat(say(ALICE, "/schedule")).contains("<b>shop</b>: <code>* * * * * ?</code>, next not scheduled",
                "<b>down</b>", "last check: none yet", "❌ check failed since ", "cannot be reached");
        assertThat(say(DAVE, "/schedule")).contains("<b>down</b>").doesNotContain("<b>shop</b>");
    }
}
