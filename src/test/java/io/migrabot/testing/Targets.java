package io.migrabot.testing;

import io.migrabot.config.BackupPolicy;
import io.migrabot.config.Environment;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.Secret;
import io.migrabot.config.TargetConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;

/** Target configurations for test databases. */
public final class Targets {
    private Targets() {
    }

    public static TargetConfig config(String name, String url, String user, String password) {
        return new TargetConfig(name, url, user, new Secret(password), Environment.DEVELOPMENT,
                new MigrationsSource.Sql(Path.of("migrations")), "alembic_version", null,
                new BackupPolicy(Path.of("backups"), Set.of(), 1, Duration.ofDays(1), null));
    }

    public static TargetConfig config(Postgres.Database db) {
        return config(db.name(), db.url(), db.user(), "");
    }
}
