package io.migrabot.config;

import io.migrabot.MigrabotException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {
    private static final Path FILE = Path.of("/etc/migrabot/migrabot.yml");

    private static MigrabotConfig parse(String yaml, Map<String, String> env) {
        return ConfigLoader.parse(yaml, FILE, env);
    }

    private static String mistakes(String yaml, Map<String, String> env) {
        try {
            parse(yaml, env);
        } catch (MigrabotException e) {
            return e.getMessage();
        }
        throw new AssertionError("expected the configuration to be refused");
    }

    private static final String MINIMAL = """
            targets:
              app:
                url: jdbc:postgresql://127.0.0.1:5432/app
                user: app
                password: ${APP_PASSWORD}
                environment: staging
                migrations: {kind: sql, directory: migrations}
            """;

    @Test
    void theAnnotatedExampleLoads() {
        MigrabotConfig config = ConfigLoader.load(Path.of("config/migrabot.example.yml"),
                Map.of("SHOP_PROD_DB_PASSWORD", "s3cret", "MIGRABOT_TELEGRAM_TOKEN", "123:abc"));
        assertThat(config.bot().telegramToken().orElseThrow().reveal()).isEqualTo("123:abc");
        assertThat(config.bot().users()).extracting(UserConfig::name).containsExactly("alice", "bob", "carol", "dave");
        assertThat(config.bot().approval(Environment.PRODUCTION).requires("upgrade")).isTrue();
        assertThat(config.bot().approval(Environment.STAGING).requires("upgrade")).isFalse();
        TargetConfig shop = config.target("shop-prod").orElseThrow();
        assertThat(shop.environment()).isEqualTo(Environment.PRODUCTION);
        assertThat(shop.password().reveal()).isEqualTo("s3cret");
        MigrationsSource.Alembic alembic = (MigrationsSource.Alembic) shop.migrations();
        assertThat(alembic.command()).startsWith("docker", "compose").endsWith("alembic");
        assertThat(alembic.timeout()).isEqualTo(Duration.ofMinutes(30));
        assertThat(shop.backup().requiredBefore("upgrade")).isTrue();
        assertThat(shop.execution()).isEqualTo(ExecutionLimits.defaultFor(Environment.PRODUCTION));
        assertThat(config.target("billing-staging").orElseThrow().execution())
                .isEqualTo(ExecutionLimits.defaultFor(Environment.STAGING));
        MigrationsSource.Sql sql = (MigrationsSource.Sql) config.target("billing-staging").orElseThrow().migrations();
        assertThat(sql.directory()).isEqualTo(Path.of("migrations/billing").toAbsolutePath());
        TargetConfig bot = config.target("bot").orElseThrow();
        assertThat(bot.connection().kind()).isEqualTo(TargetKind.SQLITE);
        assertThat(bot.user()).isEmpty();
        assertThat(config.bot().http()).contains(new HttpSettings("127.0.0.1", 8080));
    }

    @Test
    void theDockerComposeConfigurationLoadsWithWhatComposePassesIn() {
        MigrabotConfig config = ConfigLoader.load(Path.of("docker/migrabot.yml"), Map.of("DB_PASSWORD", "pw",
                "MIGRABOT_TELEGRAM_TOKEN", "123:abc", "MIGRABOT_ADMIN_ID", "4242"));
        TargetConfig app = config.target("app").orElseThrow();
        assertThat(((MigrationsSource.Sql) app.migrations()).directory())
                .isEqualTo(Path.of("docker/migrations").toAbsolutePath());
        assertThat(app.backup().directory()).isEqualTo(Path.of("/var/lib/migrabot/backups/app"));
        assertThat(config.bot().user(4242).orElseThrow().role()).isEqualTo(Role.ADMIN);
        assertThat(app.drift().alertChats(config.bot())).containsExactly(4242L);
        assertThat(config.bot().http()).contains(new HttpSettings("0.0.0.0", 8080));
    }

    @Test
    void theBotSectionsAreReadWithTheirDefaults() {
        MigrabotConfig config = parse(MINIMAL + """
                state: {url: "jdbc:postgresql://db/bot", user: bot}
                telegram: {token: "42:xyz", api_url: "http://127.0.0.1:8081"}
                users:
                  - {id: 7, name: ann, role: admin}
                  - {id: 8, role: viewer, targets: [app], environments: [staging]}
                chats: [-100123]
                approvals:
                  staging: {approvers: 2, expires: 5m}
                progress_interval: 2s
                instance: bot-1
                """, Map.of("APP_PASSWORD", "pw"));
        BotSettings bot = config.bot();
        assertThat(bot.state().orElseThrow().url()).isEqualTo("jdbc:postgresql://db/bot");
        assertThat(bot.telegramApi()).hasToString("http://127.0.0.1:8081");
        assertThat(bot.user(8).orElseThrow().name()).isEqualTo("user 8");
        assertThat(bot.user(8).orElseThrow().reaches(config.target("app").orElseThrow())).isTrue();
        assertThat(bot.chats()).containsExactly(-100123L);
        ApprovalPolicy staging = bot.approval(Environment.STAGING);
        assertThat(staging.approvers()).isEqualTo(2);
        assertThat(staging.expires()).isEqualTo(Duration.ofMinutes(5));
        assertThat(staging.selfApproval()).isTrue();
        assertThat(staging.requires("downgrade")).isTrue();
        assertThat(bot.approval(Environment.PRODUCTION).selfApproval()).isFalse();
        assertThat(bot.progressInterval()).isEqualTo(Duration.ofSeconds(2));
        assertThat(bot.instance()).isEqualTo("bot-1");
    }

    @Test
    void healthAndMetricsAreServedOnlyWhenHttpIsConfigured() {
        assertThat(parse(MINIMAL, Map.of("APP_PASSWORD", "pw")).bot().http()).isEmpty();
        assertThat(parse(MINIMAL + "http: {port: 9090}", Map.of("APP_PASSWORD", "pw")).bot().http())
                .contains(new HttpSettings("127.0.0.1", 9090));
        assertThat(parse(MINIMAL + "http: {port: 9090, bind: 0.0.0.0}", Map.of("APP_PASSWORD", "pw")).bot().http()
                .orElseThrow()).hasToString("0.0.0.0:9090");
    }

    @Test
    void retentionHasDefaultsAndEachKindCanBeSet() {
        assertThat(parse(MINIMAL, Map.of("APP_PASSWORD", "pw")).bot().retention()).isEqualTo(RetentionPolicy.DEFAULT);
        RetentionPolicy set = parse(MINIMAL + "retention: {inbox: 2d, audit: 30d, journal: 10d, approvals: 5d, "
                + "drift_alerts: 1d, schema_cache: 7d, schema_cache_versions: 1, cron: \"0 0 4 * * ?\"}",
                Map.of("APP_PASSWORD", "pw")).bot().retention();
        assertThat(set).isEqualTo(new RetentionPolicy(Duration.ofDays(2), Duration.ofDays(30), Duration.ofDays(10),
                Duration.ofDays(5), Duration.ofDays(1), Duration.ofDays(7), 1, "0 0 4 * * ?"));
        assertThat(mistakes(MINIMAL + "retention: {inbox: 12h, cron: daily, forever: true}",
                Map.of("APP_PASSWORD", "pw")))
                .contains("retention.inbox: expected at least 1d: Telegram may deliver an update again for a day")
                .contains("retention.cron: not a Quartz cron expression")
                .contains("retention.forever: unknown key; expected one of approvals, audit, cron");
    }

    @Test
    void httpMistakesAreReportedByKey() {
        assertThat(mistakes(MINIMAL + "http: {bind: 'not an address', tls: true}", Map.of("APP_PASSWORD", "pw")))
                .contains("http.port: missing; expected the port to serve /healthz and /metrics on, e.g. 9090")
                .contains("http.bind: expected an address to listen on, such as 0.0.0.0")
                .contains("http.tls: unknown key; expected one of bind, port");
        assertThat(mistakes(MINIMAL + "http: {port: 70000}", Map.of("APP_PASSWORD", "pw")))
                .contains("http.port: expected a port from 1 to 65535, got 70000");
        assertThat(mistakes(MINIMAL + "http: {port: \"${PORT}\"}", Map.of("APP_PASSWORD", "pw", "PORT", "x9")))
                .contains("http.port: expected a whole number of at least 1, got the value from the environment");
    }

    @Test
    void botMistakesAreReportedByKey() {
        assertThatThrownBy(() -> parse(MINIMAL + """
                telegram: {token: "42:xyz", api_url: "ftp://x/y"}
                users:
                  - {id: abc, role: admin}
                  - {id: -5, role: boss}
                  - {id: 9, role: viewer, targets: [nope], environments: [prod]}
                chats: [group]
                approvals:
                  prod: {}
                  staging: {operations: [drop], self_approval: maybe}
                """, Map.of("APP_PASSWORD", "pw")))
                .hasMessageContaining("telegram.api_url: expected http(s)://HOST[:PORT]")
                .hasMessageContaining("users[0].id: expected the person's numeric Telegram user id")
                .hasMessageContaining("users[1].id: expected a positive user id; group chats go under 'chats'")
                .hasMessageContaining("users[1].role: expected one of viewer, operator, admin, got 'boss'")
                .hasMessageContaining("users[2].targets: no target named 'nope'")
                .hasMessageContaining("users[2].environments: 'prod' is not an environment")
                .hasMessageContaining("chats[0]: expected a Telegram chat id")
                .hasMessageContaining("approvals.prod: not an environment")
                .hasMessageContaining("approvals.staging.operations: 'drop' cannot need approval")
                .hasMessageContaining("approvals.staging.self_approval: expected true or false")
                .hasMessageContaining("state: missing; the Telegram bot keeps its inbox");
    }

    @Test
    void defaultsAndRelativePathsResolveAgainstTheFilesFolder() {
        TargetConfig app = parse(MINIMAL, Map.of("APP_PASSWORD", "pw")).target("app").orElseThrow();
        assertThat(((MigrationsSource.Sql) app.migrations()).directory()).isEqualTo(Path.of("/etc/migrabot/migrations"));
        assertThat(app.versionTable()).isEqualTo("alembic_version");
        assertThat(app.backup().directory()).isEqualTo(Path.of("/etc/migrabot/backups/app"));
        assertThat(app.backup().keepLast()).isEqualTo(10);
    }

    @Test
    void environmentDefaultsAndEscapesAreApplied() {
        TargetConfig app = parse(MINIMAL.replace("${APP_PASSWORD}", "${APP_PASSWORD:-fallback}")
                .replace("user: app", "user: $${literal}"), Map.of()).target("app").orElseThrow();
        assertThat(app.password().reveal()).isEqualTo("fallback");
        assertThat(app.user()).isEqualTo("${literal}");
    }

    @Test
    void secretsNeverAppearInStringsOrMessages() {
        TargetConfig app = parse(MINIMAL, Map.of("APP_PASSWORD", "hunter2")).target("app").orElseThrow();
        assertThat(app.toString()).doesNotContain("hunter2");
        assertThat(app.password().toString()).isEqualTo("****");
        String message = mistakes(MINIMAL.replace("staging", "${APP_PASSWORD}"), Map.of("APP_PASSWORD", "hunter2"));
        assertThat(message).contains("targets.app.environment: expected one of production, staging, development, "
                + "got the value from the environment").doesNotContain("hunter2");
    }

    @Test
    void aSqliteTargetNeedsNoUserButAFileAndNoSchema() {
        TargetConfig bot = parse("""
                targets:
                  bot:
                    url: "jdbc:sqlite:/app/data/bot's data.db?busy_timeout=200"
                    environment: development
                    migrations: {kind: sql, directory: sql}
                """, Map.of()).target("bot").orElseThrow();
        assertThat(bot.connection().kind()).isEqualTo(TargetKind.SQLITE);
        assertThat(JdbcUrls.sqlitePath(bot.url())).isEqualTo("/app/data/bot's data.db");
        String message = mistakes("""
                targets:
                  memory:
                    url: "jdbc:sqlite::memory:"
                    environment: development
                    migrations: {kind: sql, directory: sql}
                  schema:
                    url: jdbc:sqlite:/app/bot.db
                    environment: development
                    migrations: {kind: sql, directory: sql}
                    version_table_schema: versions
                    shadow: {url: "jdbc:postgresql://scratch/postgres", user: x}
                  wait:
                    url: jdbc:sqlite:/app/bot.db?busy_timeout=10s
                    environment: development
                    migrations: {kind: sql, directory: sql}
                state: {url: "jdbc:sqlite:/app/state.db", user: bot}
                """, Map.of());
        assertThat(message).contains("targets.memory.url: expected jdbc:sqlite:PATH to an existing database file",
                "targets.wait.url: busy_timeout in the URL is how many milliseconds to wait for another writer, a "
                        + "whole number such as ?busy_timeout=10000, got jdbc:sqlite:/app/bot.db?busy_timeout=10s",
                "targets.schema.version_table_schema: a SQLite database has no schemas; leave it out",
                "targets.schema.shadow: a SQLite target's shadows are temporary files; leave it out",
                "state.url: expected a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db)");
    }

    @Test
    void everyMistakeIsNamedByItsKeyInOneReport() {
        String message = mistakes("""
                targets:
                  app:
                    url: mysql://x
                    user: app
                    environment: prod
                    migrations: {kind: flyway}
                    backup: {keep_last: -1, max_age: soon, before: [upgrade, vacuum], dir: /x}
                    colour: blue
                """, Map.of());
        assertThat(message).startsWith(FILE + " has 8 mistakes: ")
                .contains("targets.app.url: expected a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db)")
                .contains("targets.app.environment: expected one of production, staging, development, got 'prod'")
                .contains("targets.app.migrations.kind: expected alembic or sql, got 'flyway'")
                .contains("targets.app.backup.keep_last: expected a whole number of at least 1, got '-1'")
                .contains("targets.app.backup.max_age: expected a duration such as 90s, 15m, 2h or 30d, got 'soon'")
                .contains("targets.app.backup.before: 'vacuum' is not an operation a backup can guard")
                .contains("targets.app.backup.dir: unknown key; expected one of before, directory, keep_last, max_age, tools")
                .contains("targets.app.colour: unknown key");
    }

    @Test
    void unsetVariableNamesTheKeyAndTheVariable() {
        assertThat(mistakes(MINIMAL, Map.of())).contains("targets.app.password: environment variable APP_PASSWORD is "
                + "not set; set it, or give a default as ${APP_PASSWORD:-value}");
    }

    @Test
    void passwordInTheUrlIsRefusedAndRedactedForDisplay() {
        assertThat(mistakes(MINIMAL.replace("5432/app", "5432/app?password=oops"), Map.of("APP_PASSWORD", "x")))
                .contains("targets.app.url: holds a password; move it to the 'password' key")
                .doesNotContain("oops");
        assertThat(JdbcUrls.redact("jdbc:postgresql://u:pw@h/db?ssl=true&password=pw"))
                .isEqualTo("jdbc:postgresql://****@h/db?ssl=true&password=****");
    }

    @Test
    void invalidYamlAndMissingTargetsAreExplained() {
        assertThat(mistakes("targets: [\n", Map.of())).contains("is not valid YAML at line");
        assertThat(mistakes("", Map.of())).contains("targets: no targets; add at least one database");
        assertThatThrownBy(() -> ConfigLoader.load(Path.of("/nonexistent/migrabot.yml"), Map.of()))
                .hasMessageContaining("does not exist; copy config/migrabot.example.yml");
    }

    @Test
    void versionTableNamesAreCheckedBeforeTheyCouldReachSql() {
        assertThat(mistakes(MINIMAL.replace("    environment: staging", "    environment: staging\n"
                + "    version_table: \"v; DROP TABLE users\"\n    version_table_schema: ops"), Map.of("APP_PASSWORD", "x")))
                .contains("targets.app.version_table: expected a plain identifier (letters, digits, _; at most 63), "
                        + "got 'v; DROP TABLE users'")
                .doesNotContain("version_table_schema");
    }

    @Test
    void targetNamesMustBeTypableInChat() {
        assertThat(mistakes(MINIMAL.replace("  app:", "  \"app prod!\":"), Map.of("APP_PASSWORD", "x")))
                .contains("targets.app prod!: target names use letters");
    }

    @Test
    void alembicCommandDefaultsToAlembicAndWorkingDirectoryToTheIniFolder() {
        MigrabotConfig config = parse(MINIMAL.replace("{kind: sql, directory: migrations}",
                "{kind: alembic, config: ../shop/alembic.ini}"), Map.of("APP_PASSWORD", "x"));
        MigrationsSource.Alembic alembic = (MigrationsSource.Alembic) config.target("app").orElseThrow().migrations();
        assertThat(alembic.command()).isEqualTo(List.of("alembic"));
        assertThat(alembic.workingDirectory()).isEqualTo(Path.of("/etc/shop"));
    }

    @Test
    void shadowDatabasesAreMadeOnTheTargetsServerUnlessAScratchServerIsGiven() {
        TargetConfig own = parse(MINIMAL, Map.of("APP_PASSWORD", "x")).target("app").orElseThrow();
        assertThat(own.shadow()).isEmpty();
        assertThat(own.shadowServer()).isEqualTo(own.connection());
        TargetConfig scratch = parse(MINIMAL + """
                    shadow: {url: "jdbc:postgresql://scratch:5433/postgres", user: builder, password: "${SCRATCH_PW}"}
                """, Map.of("APP_PASSWORD", "x", "SCRATCH_PW", "pw")).target("app").orElseThrow();
        assertThat(scratch.shadowServer()).isEqualTo(new DatabaseConnection("app-shadow",
                "jdbc:postgresql://scratch:5433/postgres", "builder", new Secret("pw")));
    }

    @Test
    void executionLimitsComeFromTheEnvironmentThenTheTopLevelSectionThenTheTarget() {
        TargetConfig staging = parse(MINIMAL, Map.of("APP_PASSWORD", "x")).target("app").orElseThrow();
        assertThat(staging.execution()).isEqualTo(ExecutionLimits.defaultFor(Environment.STAGING));
        assertThat(ExecutionLimits.defaultFor(Environment.PRODUCTION).lockTimeout()).isEqualTo(Duration.ofSeconds(5));
        MigrabotConfig changed = parse("""
                execution:
                  staging: {lock_timeout: 2s, lock_retries: 0}
                """ + MINIMAL + """
                    execution: {statement_timeout: 10m, retry_backoff: 500ms}
                """, Map.of("APP_PASSWORD", "x"));
        ExecutionLimits limits = changed.target("app").orElseThrow().execution();
        assertThat(limits).isEqualTo(new ExecutionLimits(Duration.ofSeconds(2), Duration.ofMinutes(10), 0,
                Duration.ofMillis(500)));
        assertThat(limits.pgOptions()).isEqualTo("-c lock_timeout=2000 -c statement_timeout=600000");
        assertThat(parse(MINIMAL + "    execution: {lock_timeout: none}\n", Map.of("APP_PASSWORD", "x"))
                .target("app").orElseThrow().execution().settings()).isEmpty();
    }

    @Test
    void theStateOutageLimitIsNeverByDefaultOrADurationOfAtLeastTenSeconds() {
        String state = "state: {url: \"jdbc:postgresql://db/bot\", user: bot%s}\n";
        Map<String, String> env = Map.of("APP_PASSWORD", "x");
        assertThat(parse(MINIMAL + state.formatted(""), env).bot().stateOutageLimit()).isEmpty();
        assertThat(parse(MINIMAL + state.formatted(", outage_limit: never"), env).bot().stateOutageLimit())
                .isEmpty();
        assertThat(parse(MINIMAL + state.formatted(", outage_limit: 15m"), env).bot().stateOutageLimit())
                .contains(Duration.ofMinutes(15));
        assertThat(mistakes(MINIMAL + state.formatted(", outage_limit: 2s"), env))
                .contains("state.outage_limit: expected 'never' or at least 10s");
        assertThat(mistakes(MINIMAL + state.formatted(", outage_limit: later"), env))
                .contains("state.outage_limit: expected a duration such as 90s");
    }

    @Test
    void executionMistakesAreReportedByKey() {
        assertThat(mistakes("execution: {prod: {lock_timeout: 1s}}\n" + MINIMAL + """
                    execution: {lock_timeout: soon, statement_timeout: 30d, lock_retries: -1, wait: 1s}
                """, Map.of("APP_PASSWORD", "x")))
                .contains("targets.app.execution.statement_timeout: at most 24 days (PostgreSQL's limit, 2147483647 "
                        + "ms), got 2592000 s; use none for no limit")
                .contains("execution.prod: not an environment")
                .contains("targets.app.execution.lock_timeout: expected a duration such as 90s, 15m, 2h or 30d, got "
                        + "'soon'")
                .contains("targets.app.execution.lock_retries: expected a whole number of retries from 0 to 999, got '-1'")
                .contains("targets.app.execution.wait: unknown key");
    }

    @Test
    void shadowMistakesAreReportedByKey() {
        assertThat(mistakes(MINIMAL + """
                    shadow: {url: "jdbc:postgresql://scratch/postgres?password=pw", host: scratch}
                """, Map.of("APP_PASSWORD", "x")))
                .contains("targets.app.shadow.url: holds a password")
                .contains("targets.app.shadow.user: missing")
                .contains("targets.app.shadow.host: unknown key; expected one of password, url, user")
                .doesNotContain("=pw");
    }

    @Test
    void aShadowsUrlIsTheServersWithTheDatabaseNameReplaced() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h:5432/app?ssl=true&x=1", "s1"))
                .isEqualTo("jdbc:postgresql://h:5432/s1?ssl=true&x=1");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h1:5432,h2:5433/app", "s1"))
                .isEqualTo("jdbc:postgresql://h1:5432,h2:5433/s1");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h", "s1")).isEqualTo("jdbc:postgresql://h/s1");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h/?ssl=true", "s1"))
                .isEqualTo("jdbc:postgresql://h/s1?ssl=true");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql:app", "s1")).isEqualTo("jdbc:postgresql:s1");
    }
}
