package io.migrabot.demo;

import io.migrabot.backup.BackupService;
import io.migrabot.config.Environment;
import io.migrabot.config.TargetKind;
import io.migrabot.operation.Stamp;
import io.migrabot.operation.Target;
import io.migrabot.operation.Upgrade;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;

import java.time.Clock;
import java.util.List;

/**
 * The demo's targets, each a database on the embedded server or a SQLite file, with a native SQL project (in the
 * jar under {@code demo/NAME/}), and brought into one of the runbooks' situations.
 */
enum DemoTarget {
    /** Runbook 000: two heads from one parent; and a column added by hand on production. */
    SHOP("shop", Environment.PRODUCTION, "two heads (runbook 000), a column added by hand, two revisions behind") {
        @Override
        void prepare(Target target) {
            new Upgrade(target, BACKUPS).run("0002_orders", WHO, Progress.Listener.NONE, new Cancellation());
            target.database().inTransaction("a change made by hand", h -> h.execute(
                    "ALTER TABLE orders ADD COLUMN coupon text"));
        }
    },
    /** Runbook 002: stamped at c7a3d9e12f8b, but only the initial revision's tables were created. */
    BILLING("billing", Environment.STAGING, "stamped at c7a3d9e12f8b, but only 9044ba1e3377's tables exist "
            + "(runbook 002)") {
        @Override
        void prepare(Target target) {
            new Upgrade(target, BACKUPS).run("9044ba1e3377", WHO, Progress.Listener.NONE, new Cancellation());
            new Stamp(target, BACKUPS).run(List.of("c7a3d9e12f8b"), true, WHO);
        }
    },
    /**
     * Runbook 004: a bot's SQLite file whose tables the application made itself (as revision 002 would), with no
     * version table: "Target database is not up to date".
     */
    BOT("bot", Environment.DEVELOPMENT, TargetKind.SQLITE, "a SQLite file whose tables the bot made itself, no "
            + "version table (runbook 004)") {
        @Override
        void prepare(Target target) {
            target.database().inTransaction("the application making its tables", h -> {
                h.execute("CREATE TABLE users (id integer PRIMARY KEY, telegram_id integer NOT NULL UNIQUE, "
                        + "username text, created_at text NOT NULL DEFAULT CURRENT_TIMESTAMP, phone_number text)");
                h.execute("CREATE TABLE repair_requests (id integer PRIMARY KEY, user_id integer NOT NULL "
                        + "REFERENCES users (id), description text NOT NULL, status text NOT NULL DEFAULT 'new')");
                h.execute("CREATE INDEX repair_requests_user ON repair_requests (user_id)");
                h.execute("INSERT INTO users (telegram_id, username, phone_number) VALUES (5001, 'ivan', NULL)");
                return null;
            });
        }
    };

    private static final BackupService BACKUPS = new BackupService(Clock.systemUTC());
    private static final String WHO = "demo";

    private final String key;
    private final Environment environment;
    private final TargetKind kind;
    private final String situation;

    DemoTarget(String key, Environment environment, String situation) {
        this(key, environment, TargetKind.POSTGRESQL, situation);
    }

    DemoTarget(String key, Environment environment, TargetKind kind, String situation) {
        this.key = key;
        this.environment = environment;
        this.kind = kind;
        this.situation = situation;
    }

    /** A database on the embedded server, or a SQLite file in the demo's folder. */
    TargetKind kind() {
        return kind;
    }

    /** The target's name, its database's and its project folder's. */
    String key() {
        return key;
    }

    Environment environment() {
        return environment;
    }

    /** What is wrong with it, for the first screen. */
    String situation() {
        return situation;
    }

    /** Brings the target's empty database into its situation. */
    abstract void prepare(Target target);
}
