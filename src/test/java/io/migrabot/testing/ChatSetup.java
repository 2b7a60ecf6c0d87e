package io.migrabot.testing;

import io.migrabot.config.ConfigLoader;
import io.migrabot.config.MigrabotConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A bot configuration for chat tests: a state database, a target database with a native SQL project of three
 * revisions (one with HTML in its message, one slow enough to show progress), and four people, one per role plus
 * a second admin. Everything it made is dropped by {@link #close()}.
 */
public final class ChatSetup implements AutoCloseable {
    public static final long ALICE = 1001;  // admin
    public static final long BOB = 1002;    // admin
    public static final long CAROL = 1003;  // operator
    public static final long DAVE = 1004;   // viewer, staging only
    public static final long STRANGER = 666;
    public static final long GROUP = -100777;
    public static final String HOSTILE_MESSAGE = "orders <b>pwn</b> & <a href=\"x\">click</a>";

    private final Postgres.Database state;
    private final Postgres.Database shop;
    private final Postgres.Database staging;
    private final Path directory;
    private final Path configFile;
    private final FaultProxy stateProxy;

    private ChatSetup(Path directory, String extra, URI telegram, int moreAdmins, String drift) {
        this(directory, extra, telegram, moreAdmins, drift, Postgres.server(), false);
    }

    private ChatSetup(Path directory, String extra, URI telegram, int moreAdmins, String drift,
                      Postgres.Server stateServer, boolean proxied) {
        this.directory = directory;
        this.state = Postgres.create(stateServer, "chatstate");
        this.stateProxy = proxied ? FaultProxy.before(state) : null;
        this.shop = Postgres.create("shop");
        this.staging = Postgres.create("stage");
        try {
            Path sql = Files.createDirectories(directory.resolve("migrations"));
            Files.writeString(sql.resolve("001_users.sql"), """
                    -- revision: a1
                    -- down_revision:
                    -- message: create users
                    -- migrate:up
                    CREATE TABLE users (id serial PRIMARY KEY, email text NOT NULL);
                    -- migrate:down
                    DROP TABLE users;
                    """);
            Files.writeString(sql.resolve("002_orders.sql"), """
                    -- revision: b2
                    -- down_revision: a1
                    -- message: %s
                    -- migrate:up
                    CREATE TABLE orders (id serial PRIMARY KEY, user_id int REFERENCES users);
                    -- migrate:down
                    DROP TABLE orders;
                    """.formatted(HOSTILE_MESSAGE));
            Files.writeString(sql.resolve("003_items.sql"), """
                    -- revision: c3
                    -- down_revision: b2
                    -- message: create items, slowly
                    -- migrate:up
                    SELECT pg_sleep(0.6);
                    CREATE TABLE items (id serial PRIMARY KEY, order_id int REFERENCES orders);
                    -- migrate:down
                    DROP TABLE items;
                    """);
            configFile = directory.resolve("migrabot.yml");
            Files.writeString(configFile, """
                    targets:
                      shop:
                        url: %s
                        user: %s
                        environment: production
                        migrations: {kind: sql, directory: migrations}
                        backup: {directory: backups/shop, before: [upgrade, downgrade, stamp, restore]}
                        %s
                      stage:
                        url: %s
                        user: %s
                        environment: staging
                        migrations: {kind: sql, directory: migrations}
                        backup: {directory: backups/stage, before: []}
                        %s
                    state:
                      url: %s
                      user: %s
                    telegram:
                      token: "%s"
                      api_url: %s
                    users:
                      - {id: %d, name: alice, role: admin}
                      - {id: %d, name: bob, role: admin}
                      - {id: %d, name: carol, role: operator}
                      - {id: %d, name: dave, role: viewer, environments: [staging]}
                    %s
                    chats: [%d]
                    progress_interval: 100ms
                    instance: test-1
                    %s
                    """.formatted(shop.url(), shop.user(), drift, staging.url(), staging.user(), drift,
                    proxied ? stateProxy.url(state) : state.url(),
                    state.user(),
                    TOKEN, telegram, ALICE, BOB, CAROL, DAVE, admins(moreAdmins), GROUP, extra));
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    /** The token the fake Bot API in the telegram tests accepts. */
    public static final String TOKEN = "7000123456:AAH-fake_Token-for-migrabot-tests_0123456";

    /** @param extra more YAML appended at the top level (approval policies, say) */
    public static ChatSetup create(Path directory, URI telegram, String extra) {
        return new ChatSetup(directory, extra, telegram, 0, "");
    }

    /** With {@code count} more admins, ids {@link #FIRST_EXTRA_ADMIN} on: for load tests. */
    public static ChatSetup withAdmins(Path directory, URI telegram, int count) {
        return new ChatSetup(directory, "", telegram, count, "");
    }

    public static final long FIRST_EXTRA_ADMIN = 2001;

    /** With the bot reaching its state database through a {@link FaultProxy}, {@link #stateProxy()}. */
    public static ChatSetup withStateBehindProxy(Path directory, URI telegram, String extra) {
        return new ChatSetup(directory, extra, telegram, 0, "", Postgres.server(), true);
    }

    /**
     * With the bot's state database on {@code server} (one the test may restart), the targets where they are, and
     * drift checks of both on {@code cron}.
     */
    public static ChatSetup withStateOn(Path directory, URI telegram, Postgres.Server server, String cron) {
        return new ChatSetup(directory, "", telegram, 0, "drift: {cron: \"" + cron + "\", chats: [" + GROUP + "]}",
                server, false);
    }

    /** The proxy between the bot and its state database, for {@link #withStateBehindProxy}. */
    public FaultProxy stateProxy() {
        return stateProxy;
    }

    /** With drift checks of both targets on {@code cron}, alerting the group chat. */
    public static ChatSetup withDriftChecks(Path directory, URI telegram, String cron) {
        return new ChatSetup(directory, "", telegram, 0, "drift: {cron: \"" + cron + "\", chats: [" + GROUP + "]}");
    }

    /** With {@code count} more admins and drift checks of both targets on {@code cron}. */
    public static ChatSetup withAdminsAndDriftChecks(Path directory, URI telegram, int count, String cron) {
        return new ChatSetup(directory, "", telegram, count, "drift: {cron: \"" + cron + "\", chats: [" + GROUP
                + "]}");
    }

    private static String admins(int count) {
        StringBuilder yaml = new StringBuilder();
        for (int i = 0; i < count; i++) {
            yaml.append("  - {id: ").append(FIRST_EXTRA_ADMIN + i).append(", name: admin").append(i + 1)
                    .append(", role: admin}\n");
        }
        return yaml.toString();
    }

    public MigrabotConfig config() {
        return ConfigLoader.load(configFile, Map.of());
    }

    public Path configFile() {
        return configFile;
    }

    public Path directory() {
        return directory;
    }

    public Postgres.Database state() {
        return state;
    }

    public Postgres.Database shop() {
        return shop;
    }

    public Postgres.Database staging() {
        return staging;
    }

    @Override
    public void close() {
        if (stateProxy != null) {
            stateProxy.close();
        }
        for (Postgres.Database db : new Postgres.Database[]{state, shop, staging}) {
            if (db != null) {
                db.close();
            }
        }
    }
}
