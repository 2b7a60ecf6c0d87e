package io.migrabot.config;

import io.migrabot.MigrabotException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code targets.NAME.drift}: defaults, cron expressions checked by Quartz, and alert chats the bot serves. */
class DriftConfigTest {
    private static final Path FILE = Path.of("/etc/migrabot/migrabot.yml");

    private static String config(String drift) {
        return """
                targets:
                  app:
                    url: jdbc:postgresql://127.0.0.1:5432/app
                    user: app
                    environment: staging
                    migrations: {kind: sql, directory: migrations}
                %s
                users:
                  - {id: 7, name: ann, role: admin}
                chats: [-100123, -100456]
                """.formatted(drift.indent(4).stripTrailing());
    }

    private static DriftSchedule drift(String yaml) {
        return ConfigLoader.parse(config(yaml), FILE, Map.of()).target("app").orElseThrow().drift();
    }

    private static String mistakes(String yaml) {
        try {
            ConfigLoader.parse(config(yaml), FILE, Map.of());
        } catch (MigrabotException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    @Test
    void aTargetWithoutTheKeyIsCheckedEveryQuarterHourIntoTheGroupChats() {
        MigrabotConfig config = ConfigLoader.parse(config(""), FILE, Map.of());
        DriftSchedule drift = config.target("app").orElseThrow().drift();
        assertThat(drift).isEqualTo(new DriftSchedule("0 */15 * * * ?", List.of(), true));
        assertThat(drift.alertChats(config.bot())).containsExactly(-100456L, -100123L);
    }

    @Test
    void theKeysAreRead() {
        assertThat(drift("drift: {cron: \"0 0 3 * * ?\", chats: [7, -100123], enabled: false}"))
                .isEqualTo(new DriftSchedule("0 0 3 * * ?", List.of(7L, -100123L), false));
    }

    @Test
    void mistakesAreReportedByKey() {
        assertThat(mistakes("drift: {cron: \"0 */15 * * * *\"}")).contains("targets.app.drift.cron: not a Quartz "
                + "cron expression", "day-of-week AND a day-of-month", "got '0 */15 * * * *'");
        assertThat(mistakes("drift: {cron: \"every hour\"}")).contains("targets.app.drift.cron: not a Quartz cron");
        assertThat(mistakes("drift: {cron: \"0 0 0 1 1 ? 2001\"}")).contains("targets.app.drift.cron: never fires "
                + "again");
        assertThat(mistakes("drift: {chats: [-100999]}")).contains("targets.app.drift.chats: -100999 is neither a "
                + "group chat listed under 'chats' nor a configured user's private chat");
        assertThat(mistakes("drift: {chats: []}")).contains("targets.app.drift.chats: empty");
        assertThat(mistakes("drift: {enabled: sometimes, every: 5m}")).contains(
                "targets.app.drift.enabled: expected true or false", "targets.app.drift.every: unknown key");
    }
}
