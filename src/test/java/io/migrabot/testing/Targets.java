package io.migrabot.testing;

import io.migrabot.config.BackupPolicy;
import io.migrabot.config.Environment;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.Secret;
import io.migrabot.config.TargetConfig;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

    /**
     * A development target on {@code db} whose migrations are the Alembic project at {@code project}, run by the
     * real {@code alembic} with {@code DATABASE_URL} pointing at {@code db}.
     */
    public static TargetConfig alembic(Postgres.Database db, AlembicProject project) {
        TargetConfig base = config(db);
        return new TargetConfig(base.name(), base.url(), base.user(), base.password(), base.environment(),
                new MigrationsSource.Alembic(project.ini(), "alembic", List.of("alembic"), project.root(),
                        Duration.ofMinutes(2), Map.of("DATABASE_URL", new Secret(db.sqlalchemyUrl()))),
                "alembic_version", null, new BackupPolicy(project.root().resolve("backups"), Set.of(), 5,
                Duration.ofDays(30), null));
    }

    /** {@code base} with another URL, everything else kept. */
    public static TargetConfig withUrl(TargetConfig base, String url) {
        return new TargetConfig(base.name(), url, base.user(), base.password(), base.environment(),
                base.migrations(), base.versionTable(), base.versionTableSchema(), base.backup(), base.shadow(),
                base.drift(), base.execution(), base.risk());
    }

    /** {@code base} with other migrations, everything else kept. */
    public static TargetConfig withMigrations(TargetConfig base, MigrationsSource migrations) {
        return new TargetConfig(base.name(), base.url(), base.user(), base.password(), base.environment(),
                migrations, base.versionTable(), base.versionTableSchema(), base.backup(), base.shadow(),
                base.drift(), base.execution(), base.risk());
    }

    /** {@code base} with another backup policy, everything else kept. */
    public static TargetConfig withBackup(TargetConfig base, BackupPolicy backup) {
        return new TargetConfig(base.name(), base.url(), base.user(), base.password(), base.environment(),
                base.migrations(), base.versionTable(), base.versionTableSchema(), backup, base.shadow(),
                base.drift(), base.execution(), base.risk());
    }

    public static TargetConfig config(Postgres.Database db) {
        return config(db.name(), db.url(), db.user(), "");
    }
}
