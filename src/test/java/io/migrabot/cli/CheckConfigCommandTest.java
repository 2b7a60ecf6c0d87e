package io.migrabot.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** migrabot check-config on good and bad files: nothing is connected to, and no secret is printed. */
class CheckConfigCommandTest {
    @TempDir
    Path directory;

    private AlembicCli.Output check(String yaml) throws IOException {
        Path file = directory.resolve("migrabot.yml");
        Files.writeString(file, yaml);
        return AlembicCli.migrabot(List.of("check-config", "--config", file.toString()));
    }

    @Test
    void theAnnotatedExampleNeedsItsVariablesAndNamesEachWithoutAValue() {
        assumeTrue(System.getenv("SHOP_PROD_DB_PASSWORD") == null && System.getenv("MIGRABOT_TELEGRAM_TOKEN") == null);
        AlembicCli.Output out = AlembicCli.migrabot(List.of("check-config", "--config", "config/migrabot.example.yml"));
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stderr().lines()).allMatch(l -> l.startsWith("migrabot: ")
                && l.contains("migrabot.example.yml: "));
        assertThat(out.stderr()).contains("targets.shop-prod.password: environment variable SHOP_PROD_DB_PASSWORD is "
                + "not set", "telegram.token: environment variable MIGRABOT_TELEGRAM_TOKEN is not set");
    }

    @Test
    void aValidFileIsSummarizedOnStandardOutput() throws IOException {
        AlembicCli.Output out = check("""
                targets:
                  shop:
                    url: jdbc:postgresql://db.internal:5432/shop
                    user: shop
                    password: ${HOME}
                    environment: production
                    migrations: {kind: alembic, config: app/alembic.ini}
                  billing:
                    url: jdbc:postgresql://127.0.0.1:1/billing
                    user: billing
                    environment: staging
                    migrations: {kind: sql, directory: sql}
                    drift: {enabled: false}
                state: {url: "jdbc:postgresql://db.internal:5432/migrabot", user: bot, password: "s3cret-pw"}
                telegram: {token: "123456:AAH-not-a-real-token"}
                users:
                  - {id: 7, name: ann, role: admin}
                chats: [-100123]
                http: {port: 8080, bind: 0.0.0.0}
                instance: bot-1
                """);
        assertThat(out.exitCode()).as(out.stderr()).isZero();
        assertThat(out.stderr()).isEmpty();
        assertThat(out.stdout()).isEqualTo("""
                OK: %1$s: 2 targets, 1 user, 1 group chat
                  target shop: production, alembic %2$s, jdbc:postgresql://db.internal:5432/shop, drift checks "0 */15 * * * ?" (UTC)
                  target billing: staging, sql %3$s, jdbc:postgresql://127.0.0.1:1/billing, no drift checks
                  state: jdbc:postgresql://db.internal:5432/migrabot as bot
                  telegram: token set, https://api.telegram.org
                  http: /healthz and /metrics on 0.0.0.0:8080
                  instance: bot-1
                """.formatted(directory.resolve("migrabot.yml"), directory.resolve("app/alembic.ini"),
                directory.resolve("sql")));
        assertThat(out.stdout()).doesNotContain("s3cret-pw", "AAH-not-a-real-token", System.getenv("HOME"));
    }

    @Test
    void everyMistakeIsOneLineNamingItsKeyAndNoValueFromTheEnvironmentIsShown() throws IOException {
        AlembicCli.Output out = check("""
                targets:
                  shop:
                    url: jdbc:postgresql://db.internal:5432/shop
                    user: shop
                    password: ${MIGRABOT_TEST_SURELY_UNSET_PASSWORD}
                    environment: ${HOME}
                    migrations: {kind: sql, directory: sql}
                telegram: {token: "123456:AAH-not-a-real-token"}
                http: {port: 0}
                """);
        Path file = directory.resolve("migrabot.yml");
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stdout()).isEmpty();
        assertThat(out.stderr().lines()).containsExactly(
                "migrabot: " + file + ": targets.shop.password: environment variable "
                        + "MIGRABOT_TEST_SURELY_UNSET_PASSWORD is not set; set it, or give a default as "
                        + "${MIGRABOT_TEST_SURELY_UNSET_PASSWORD:-value}",
                "migrabot: " + file + ": targets.shop.environment: expected one of production, staging, development, "
                        + "got the value from the environment",
                "migrabot: " + file + ": state: missing; the Telegram bot keeps its inbox, approvals and audit log in "
                        + "a PostgreSQL database: add state: {url: ..., user: ...}",
                "migrabot: " + file + ": http.port: expected a whole number of at least 1, got '0'");
        assertThat(out.stderr()).doesNotContain(System.getenv("HOME"), "AAH-not-a-real-token");
    }

    @Test
    void yamlThatDoesNotParseIsAMistakeWithItsLine() throws IOException {
        AlembicCli.Output out = check("targets:\n  shop: {url: [\n");
        assertThat(out.exitCode()).isEqualTo(1);
        assertThat(out.stderr()).startsWith("migrabot: " + directory.resolve("migrabot.yml") + ": not valid YAML at "
                + "line ");
    }

    @Test
    void aFileThatIsNotThereIsAConfigurationError() {
        AlembicCli.Output out = AlembicCli.migrabot(List.of("check-config", "--config",
                directory.resolve("absent.yml").toString()));
        assertThat(out.exitCode()).isEqualTo(2);
        assertThat(out.stderr()).startsWith("migrabot: configuration file ").contains("does not exist");
        assertThat(AlembicCli.migrabot(List.of("check-config", "--nope")).exitCode()).isEqualTo(2);
    }
}
