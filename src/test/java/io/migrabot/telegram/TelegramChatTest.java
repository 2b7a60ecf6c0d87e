package io.migrabot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import io.migrabot.app.TelegramApplication;
import io.migrabot.testing.ChatSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import static io.migrabot.testing.ChatSetup.ALICE;
import static io.migrabot.testing.ChatSetup.BOB;
import static io.migrabot.testing.ChatSetup.CAROL;
import static io.migrabot.testing.ChatSetup.STRANGER;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bot end to end: the real telegrambots client polling the fake Bot API, the inbox, the conversation, real
 * PostgreSQL targets and pg_dump backups.
 */
class TelegramChatTest {
    private static final Duration LONG = Duration.ofSeconds(60);

    @TempDir
    Path directory;
    private FakeBotApi api;
    private ChatSetup setup;
    private TelegramApplication bot;

    @BeforeEach
    void start() {
        api = FakeBotApi.start();
        setup = ChatSetup.create(directory, api.baseUrl(), "");
        bot = TelegramApplication.start(setup.config());
    }

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        api.close();
        setup.close();
    }

    private static Predicate<FakeRequest> to(long chat, String text) {
        return call -> String.valueOf(chat).equals(call.field("chat_id")) && call.field("text") != null
                && call.field("text").contains(text);
    }

    private static String button(FakeRequest message, String label) {
        for (JsonNode row : message.json("reply_markup").path("inline_keyboard")) {
            for (JsonNode button : row) {
                if (button.path("text").asText().contains(label)) {
                    return button.path("callback_data").asText();
                }
            }
        }
        throw new AssertionError("no button " + label + " in " + message.fields());
    }

    private List<String> tables() throws SQLException {
        try (Connection c = setup.shop().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                     + "ORDER BY 1")) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        }
    }

    /** Asks for an upgrade of production in {@code user}'s private chat; returns the request as {@code shownTo} got it. */
    private FakeRequest requestUpgrade(long user, long shownTo) {
        api.enqueueText(user, user, "/upgrade shop head");
        return api.awaitReceived("sendMessage", to(shownTo, "Approval needed"), LONG);
    }

    @Test
    void anOperatorsProductionUpgradeRunsOnceApprovedByAnotherAdminWithBackupAndProgress() throws SQLException {
        FakeRequest request = requestUpgrade(CAROL, BOB);
        assertThat(api.awaitReceived("sendMessage", to(CAROL, "Approval needed"), LONG)).isNotNull();
        assertThat(api.awaitReceived("sendMessage", to(ALICE, "Approval needed"), LONG)).isNotNull();
        assertThat(request.field("text")).contains("upgrade on <code>shop</code> (production)", "requested by carol",
                "runs 3 revision(s)", "SQL preview: sha256", "backup first: yes");
        FakeRequest preview = api.awaitReceived("sendDocument", call -> call.field("chat_id").equals("" + CAROL),
                LONG);
        assertThat(new String(preview.file("document").bytes())).contains("CREATE TABLE users", "CREATE TABLE items",
                "INSERT INTO \"alembic_version\"");
        assertThat(tables()).isEmpty();

        String approve = button(request, "Approve");
        assertThat(approve.getBytes()).hasSizeLessThanOrEqualTo(64);
        api.enqueueButton(BOB, BOB, 1, approve); // the right data under another message is not valid
        assertThat(api.awaitCallbackAnswer().field("text")).contains("not valid");

        int messageId = api.messageIdOf(request);
        api.enqueueButton(BOB, BOB, messageId, approve);
        assertThat(api.awaitReceived("answerCallbackQuery", c -> c.field("text").contains("Approved"), LONG)).isNotNull();
        FakeRequest done = api.awaitReceived("editMessageText", c -> c.field("text").contains("upgrade done"), LONG);
        assertThat(done.field("text")).contains("💾 backup", "verified with pg_restore --list", "sha256",
                "ran 3 revision(s)", "&lt;base&gt; → <code>c3</code>");
        assertThat(api.receivedMatching("editMessageText", c -> c.field("text").contains("step "))).isNotEmpty();
        api.awaitReceived("editMessageText", c -> c.field("text").contains("approved by bob")
                && c.field("text").contains("done: ok"), LONG);
        assertThat(tables()).contains("users", "orders", "items", "alembic_version");
    }

    @Test
    void aRequesterCannotApproveTheirOwnProductionUpgrade() throws SQLException {
        FakeRequest request = requestUpgrade(ALICE, ALICE);
        api.enqueueButton(ALICE, ALICE, api.messageIdOf(request), button(request, "Approve"));
        FakeRequest answer = api.awaitCallbackAnswer();
        assertThat(answer.field("text")).contains("cannot approve your own request");
        assertThat(answer.field("show_alert")).isEqualTo("true");
        assertThat(tables()).isEmpty();
    }

    @Test
    void aStrangerIsRefusedInOneLineOnceAMinuteAndLearnsNothing() throws SQLException {
        while (java.time.LocalTime.now().getSecond() > 40) {
            BotProcesses.sleep(200); // both messages within one minute
        }
        // only what is sent to the stranger's chat counts: a scheduled drift check may alert the admins meanwhile
        Predicate<FakeRequest> toStranger = c -> String.valueOf(STRANGER).equals(c.field("chat_id"));
        api.enqueueText(STRANGER, STRANGER, "/targets");
        FakeRequest refusal = api.awaitReceived("sendMessage", toStranger, LONG);
        assertThat(refusal.field("text")).isEqualTo("Sorry, this is a private bot.");
        api.enqueueText(STRANGER, STRANGER, "/heads shop");
        setup.state().awaitQuery("SELECT repeats FROM migrabot_audit WHERE user_id = " + STRANGER, "2", LONG,
                () -> "");
        assertThat(api.receivedMatching("sendMessage", toStranger)).as("answered once a minute").hasSize(1);
        assertThat(api.received().stream().filter(toStranger).map(FakeRequest::fields).map(Object::toString))
                .noneMatch(text -> text.contains("shop") || text.contains("stage"));
    }

    @Test
    void forgedAndExpiredPressesAreAnsweredWithAnAlertAndChangeNothing() throws SQLException {
        api.enqueueButton(BOB, BOB, 501, "ap:AAAAAAAAAAAAAAAAAAAAAA");
        FakeRequest forged = api.awaitCallbackAnswer();
        assertThat(forged.field("text")).contains("not valid");
        assertThat(forged.field("show_alert")).isEqualTo("true");

        FakeRequest request = requestUpgrade(CAROL, BOB);
        try (Connection c = setup.state().connect(); Statement s = c.createStatement()) {
            s.execute("UPDATE migrabot_approval SET expires_at = now() - interval '1 second'");
        }
        api.enqueueButton(BOB, BOB, api.messageIdOf(request), button(request, "Approve"));
        FakeRequest expired = api.awaitCallbackAnswer();
        assertThat(expired.field("text")).contains("expired");
        api.awaitReceived("editMessageText", c -> c.field("text").contains("expired; nothing was run"), LONG);
        assertThat(tables()).isEmpty();
    }

    @Test
    void twoApprovalsAtOnceExecuteTheUpgradeOnce() throws SQLException {
        FakeRequest toBob = requestUpgrade(CAROL, BOB);
        FakeRequest toAlice = api.awaitReceived("sendMessage", to(ALICE, "Approval needed"), LONG);
        String approve = button(toBob, "Approve");
        api.enqueueButton(BOB, BOB, api.messageIdOf(toBob), approve);
        api.enqueueButton(ALICE, ALICE, api.messageIdOf(toAlice), approve);
        api.enqueueButton(BOB, BOB, api.messageIdOf(toBob), approve);
        api.awaitReceived("editMessageText", c -> c.field("text").contains("upgrade done"), LONG);
        assertThat(api.receivedMatching("answerCallbackQuery", c -> c.field("text").contains("Approved"))).hasSize(1);
        assertThat(api.receivedMatching("answerCallbackQuery", c -> c.field("text").contains("Already decided")))
                .hasSize(2);
        assertThat(api.receivedMatching("sendMessage", c -> c.field("text").contains("starting"))).hasSize(1);
        try (Connection c = setup.state().connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT count(*) FROM migrabot_journal WHERE operation = 'upgrade'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    @Test
    void updatesWhoseIdsWereSeenLongAgoOrFromAnotherBotTokenAreEachAnswered() throws SQLException {
        long poller = new TelegramEndpoint(new io.migrabot.config.Secret(FakeBotApi.TOKEN), api.baseUrl()).poller();
        try (Connection c = setup.state().connect(); Statement s = c.createStatement()) {
            // the fake numbers its updates from 1000: these are the ids of the three messages below
            s.execute("INSERT INTO migrabot_inbox (update_id, poller, payload, state, received_at) SELECT id, "
                    + poller + ", '{}', 'done', now() - interval '8 days' FROM generate_series(1000, 1001) id");
            s.execute("INSERT INTO migrabot_inbox (update_id, poller, payload, state, received_at) "
                    + "VALUES (1002, " + (poller + 1) + ", '{}', 'done', now() - interval '1 hour')");
        }
        for (int i = 0; i < 3; i++) {
            api.enqueueText(ALICE, ALICE, "/whoami");
        }
        long deadline = System.nanoTime() + LONG.toNanos();
        while (api.receivedMatching("sendMessage", to(ALICE, "alice")).size() < 3) {
            assertThat(System.nanoTime()).as("three answers; got %s", api.receivedMatching("sendMessage",
                    to(ALICE, "alice"))).isLessThan(deadline);
            BotProcesses.sleep(50);
        }
        setup.state().awaitQuery("SELECT count(*) FROM migrabot_inbox WHERE state = 'done' AND received_at > now() "
                + "- interval '1 minute'", "3", LONG, () -> "");
    }

    @Test
    void everyCommandIsPublishedAsTheMenuWithItsDescription() {
        JsonNode commands = api.awaitCall("setMyCommands", LONG).json("commands");
        List<String> names = new ArrayList<>();
        commands.forEach(c -> names.add(c.path("command").asText()));
        assertThat(names).contains("start", "help", "whoami", "targets", "use", "current", "heads", "branches",
                "history", "show", "pending", "upgrade", "downgrade", "stamp", "merge", "sql", "backup", "backups",
                "restore", "graph", "audit", "cancel");
        commands.forEach(c -> assertThat(c.path("description").asText()).isNotBlank());
    }

    @Test
    void theGraphIsUploadedAsAPhoto() {
        api.enqueueText(ALICE, ALICE, "/graph shop");
        FakeRequest photo = api.awaitPhoto();
        assertThat(photo.file("photo").fileName()).isEqualTo("graph-shop.png");
        assertThat(photo.file("photo").bytes()).startsWith(0x89, 'P', 'N', 'G');
        assertThat(photo.field("caption")).contains("shop: 1 head(s)");
    }

    @Test
    void htmlInARevisionMessageIsShownAsTextNotMarkup() {
        api.enqueueText(ALICE, ALICE, "/history shop");
        FakeRequest history = api.awaitReceived("sendMessage", to(ALICE, "revision(s)"), LONG);
        assertThat(history.field("text")).contains("orders &lt;b&gt;pwn&lt;/b&gt; &amp; &lt;a href=&quot;x&quot;&gt;")
                .doesNotContain("<b>pwn").doesNotContain("<a href");
    }
}
