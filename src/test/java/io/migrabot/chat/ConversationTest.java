package io.migrabot.chat;

import io.migrabot.testing.ChatSetup;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static io.migrabot.testing.ChatSetup.ALICE;
import static io.migrabot.testing.ChatSetup.CAROL;
import static io.migrabot.testing.ChatSetup.DAVE;
import static io.migrabot.testing.ChatSetup.GROUP;
import static org.assertj.core.api.Assertions.assertThat;

/** The conversation's guards, usage answers and read commands, against real databases and no transport. */
class ConversationTest {
    @TempDir
    static Path directory;
    private static ChatSetup setup;
    private static ChatService service;
    private static final RecordingSender sender = new RecordingSender();
    private static final AtomicLong updates = new AtomicLong(1);

    @BeforeAll
    static void start() {
        setup = ChatSetup.create(directory, URI.create("http://127.0.0.1:9"), "");
        service = ChatService.open(setup.config(), sender);
    }

    @AfterAll
    static void stop() {
        service.close();
        setup.close();
    }

    @BeforeEach
    void clear() {
        sender.clear();
    }

    private static String say(long user, String text) {
        return sayIn(user, user, ChatKind.PRIVATE, text);
    }

    private static String sayIn(long user, long chat, ChatKind type, String text) {
        service.conversation().handle(new IncomingUpdate(updates.incrementAndGet(), chat, user, "u" + user, type,
                text, null, null, 1));
        return String.join("\n---\n", sender.texts());
    }

    @Test
    void anUnknownCommandNamesHelp() {
        assertThat(say(ALICE, "/frobnicate now")).isEqualTo("Unknown command /frobnicate. /help lists the commands.");
    }

    @Test
    void wrongArgumentsGetOneLineWithTheUsage() {
        assertThat(say(ALICE, "/show shop")).isEqualTo("⚠️ one argument is needed\nUsage: <code>/show [TARGET] REV</code>");
        sender.clear();
        assertThat(say(ALICE, "/current shop extra")).contains("unexpected argument(s): extra", "/current [TARGET]");
        sender.clear();
        assertThat(say(ALICE, "/upgrade \"head")).isEqualTo("⚠️ a quote is not closed");
    }

    @Test
    void aTargetIsNeededWhenSeveralAreVisibleAndNoDefaultIsSet() {
        assertThat(say(CAROL, "/heads")).contains("which target?");
    }

    @Test
    void aRoleTooLowIsRefusedWithTheRoleNeeded() {
        assertThat(say(DAVE, "/upgrade stage head")).isEqualTo("⛔ /upgrade needs the operator role; you are viewer.");
    }

    @Test
    void targetsOutsideAPersonsScopeDoNotExistForThem() {
        assertThat(say(DAVE, "/targets")).contains("stage").doesNotContain("shop");
        sender.clear();
        assertThat(say(DAVE, "/use shop")).contains("no target 'shop' of yours");
        sender.clear();
        // dave sees one target, so it is his default; "shop" is then read as a revision, which does not exist
        assertThat(say(DAVE, "/show shop")).contains("Can't locate revision identified by 'shop'")
                .doesNotContain("production");
    }

    @Test
    void useSetsTheChatsDefaultTarget() {
        say(CAROL, "/use stage");
        sender.clear();
        assertThat(say(CAROL, "/pending")).contains("<b>stage</b> is at &lt;base&gt;; 3 revision(s) pending");
    }

    @Test
    void groupChatsMustBeListed() {
        assertThat(sayIn(ALICE, -555, ChatKind.SUPERGROUP, "/whoami")).contains("does not work in this chat");
        sender.clear();
        assertThat(sayIn(ALICE, GROUP, ChatKind.SUPERGROUP, "/whoami")).contains("You are <b>alice</b>");
        assertThat(sayIn(ALICE, ALICE, ChatKind.OTHER, "/whoami")).as("a chat of a kind migrabot does not know")
                .contains("does not work in this chat");
    }

    @Test
    void helpListsOnlyWhatTheRoleMayRun() {
        assertThat(say(DAVE, "/help")).contains("/heads", "/sql").doesNotContain("/upgrade", "/audit");
        sender.clear();
        assertThat(say(ALICE, "/help")).contains("/upgrade", "/downgrade", "/audit");
    }

    @Test
    void readCommandsAnswerFromTheScriptsAndTheDatabase() {
        assertThat(say(ALICE, "/heads shop")).contains("1 head(s)", "c3 (head)");
        sender.clear();
        assertThat(say(ALICE, "/show shop b2")).contains("Rev: b2", "&lt;b&gt;pwn");
        sender.clear();
        assertThat(say(ALICE, "/current shop")).contains("no version table");
    }

    @Test
    void sqlPreviewArrivesAsAFile() {
        say(ALICE, "/sql shop :head");
        RecordingSender.Sent file = sender.last();
        assertThat(file.kind()).isEqualTo("document");
        assertThat(file.text()).isEqualTo("upgrade-shop-base-c3.sql");
        assertThat(new String(file.content())).contains("CREATE TABLE orders");
    }

    @Test
    void theGraphArrivesAsAPictureWithTheHeadsCounted() throws Exception {
        say(ALICE, "/graph shop");
        RecordingSender.Sent picture = sender.last();
        assertThat(picture.kind()).isEqualTo("photo");
        assertThat(picture.text()).isEqualTo("graph-shop.png");
        assertThat(javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(picture.content())).getWidth())
                .isPositive();
    }

    @Test
    void cancelWithNothingRunningSaysSo() {
        assertThat(say(CAROL, "/cancel")).isEqualTo("Nothing is running in this chat.");
    }

    @Test
    void theAuditLogRecordsCommandsAndRefusals() {
        say(DAVE, "/upgrade stage head");
        say(666, "/targets");
        sender.clear();
        String audit = say(ALICE, "/audit 5");
        assertThat(audit).contains("u666 /targets → refused: stranger", "dave /upgrade stage head → refused: role viewer");
    }

    @Test
    void aStrangerInAGroupIsNotAnswered() {
        assertThat(sayIn(666, GROUP, ChatKind.SUPERGROUP, "/heads")).isEmpty();
    }
}
