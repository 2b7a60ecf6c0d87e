package io.migrabot.telegram;

import io.migrabot.app.TelegramApplication;
import io.migrabot.backup.BackupService;
import io.migrabot.config.MigrabotConfig;
import io.migrabot.operation.Target;
import io.migrabot.operation.Upgrade;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;
import io.migrabot.testing.ChatSetup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scheduled drift checks end to end: the bot with checks every two seconds, alerts through telegrambots to the
 * fake Bot API's group chat. A hand-made change is alerted once, repeated checks stay quiet, reverting it is
 * announced as resolved, and a target whose database is gone does not stop the other's alerts.
 */
class DriftAlertTelegramTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path directory;
    private FakeBotApi api;
    private ChatSetup setup;
    private TelegramApplication bot;

    @AfterEach
    void stop() {
        if (bot != null) {
            bot.close();
        }
        api.close();
        setup.close();
    }

    private static Predicate<FakeRequest> inGroup(String text) {
        return c -> String.valueOf(ChatSetup.GROUP).equals(c.field("chat_id")) && c.field("text").contains(text);
    }

    @Test
    void aHandMadeChangeIsAlertedOnceAndItsRevertResolvedWhileAnotherTargetIsDown() throws Exception {
        api = FakeBotApi.start();
        setup = ChatSetup.withDriftChecks(directory, api.baseUrl(), "*/2 * * * * ?");
        MigrabotConfig config = setup.config();
        for (String name : new String[]{"shop", "stage"}) {
            new Upgrade(Target.open(config.target(name).orElseThrow()), new BackupService(Clock.systemUTC()))
                    .run("head", "test", Progress.Listener.NONE, new Cancellation());
        }
        bot = TelegramApplication.start(config);
        Thread.sleep(5_000); // a few checks of two healthy targets: nothing to say
        assertThat(api.receivedMatching("sendMessage", inGroup(""))).isEmpty();

        try (Connection c = setup.shop().connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE users ADD COLUMN nick text");
        }
        setup.staging().close(); // stage's database is gone
        FakeRequest alert = api.awaitReceived("sendMessage", inGroup("shop"), WAIT);
        assertThat(alert.field("text")).contains("users", "nick");
        assertThat(alert.json("reply_markup").toString()).contains("Acknowledge", "Snooze");
        api.awaitReceived("sendMessage", inGroup("check of stage failed"), WAIT);
        Thread.sleep(6_000); // three more checks of each
        assertThat(api.receivedMatching("sendMessage", inGroup("nick"))).hasSize(1);
        assertThat(api.receivedMatching("sendMessage", inGroup("check of stage failed"))).hasSize(1);

        try (Connection c = setup.shop().connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE users DROP COLUMN nick");
        }
        api.awaitReceived("sendMessage", inGroup("resolved"), WAIT);
    }
}
