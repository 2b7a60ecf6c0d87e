package io.migrabot.demo;

import io.migrabot.backup.BackupService;
import io.migrabot.config.Environment;
import io.migrabot.operation.Stamp;
import io.migrabot.operation.Target;
import io.migrabot.operation.Upgrade;
import io.migrabot.runner.Cancellation;
import io.migrabot.runner.Progress;

import java.time.Clock;
import java.util.List;

/**
 * The demo's targets, each a database on the embedded server with a native SQL project (in the jar under
 * {@code demo/NAME/}) and brought into one of the runbooks' situations by migrabot's own operations.
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
    };

    private static final BackupService BACKUPS = new BackupService(Clock.systemUTC());
    private static final String WHO = "demo";

    private final String key;
    private final Environment environment;
    private final String situation;

    DemoTarget(String key, Environment environment, String situation) {
        this.key = key;
        this.environment = environment;
        this.situation = situation;
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
