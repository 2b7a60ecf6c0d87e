package io.migrabot.cli;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import io.migrabot.config.BackupPolicy;
import io.migrabot.config.ConfigLoader;
import io.migrabot.config.Environment;
import io.migrabot.config.JdbcUrls;
import io.migrabot.config.MigrationsSource;
import io.migrabot.config.Secret;
import io.migrabot.config.TargetConfig;
import io.migrabot.config.TargetKind;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which target a one-shot operation works on: a configured one ({@code --target NAME [--config FILE]}), or one
 * given ad hoc ({@code -c alembic.ini --url JDBC_URL} or {@code --dir SQL_DIR --url JDBC_URL}, password from
 * {@code PGPASSWORD}; no backups unless {@code --backup-dir} is given).
 */
final class TargetOptions {
    @Option(names = "--target", paramLabel = "NAME", description = "A target from the configuration file.")
    String target;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "config/migrabot.yml",
            description = "migrabot's configuration (default: ${DEFAULT-VALUE}).")
    Path config;

    @Option(names = {"-c", "--alembic-config"}, paramLabel = "FILE", description = "Ad hoc: an Alembic project's "
            + "alembic.ini or pyproject.toml.")
    Path alembicIni;

    @Option(names = {"-n", "--name"}, paramLabel = "SECTION", defaultValue = "alembic",
            description = "Ad hoc: the alembic.ini section (default: ${DEFAULT-VALUE}).")
    String section;

    @Option(names = "--dir", paramLabel = "SQL_DIR", description = "Ad hoc: a folder of native SQL revisions.")
    Path sqlDirectory;

    @Option(names = "--url", paramLabel = "JDBC_URL", description = "Ad hoc: the database, jdbc:postgresql://... "
            + "or jdbc:sqlite:PATH")
    String url;

    @Option(names = "--user", paramLabel = "USER", description = "Ad hoc: the database user (default: $PGUSER or "
            + "the login name).")
    String user;

    @Option(names = "--backup-dir", paramLabel = "DIR", description = "Ad hoc: take verified backups here before "
            + "upgrade, downgrade, stamp and restore.")
    Path backupDirectory;

    TargetConfig resolve() {
        Map<String, String> environment = System.getenv();
        if (target != null) {
            if (url != null || alembicIni != null || sqlDirectory != null) {
                throw usage("give either --target NAME or an ad hoc target (--url with -c or --dir), not both");
            }
            return ConfigLoader.load(config, environment).target(target).orElseThrow(() -> usage("no target '"
                    + target + "' in " + config.toAbsolutePath().normalize()));
        }
        if (url == null) {
            throw usage("say which database: --target NAME (from " + config + "), or --url JDBC_URL with -c "
                    + "alembic.ini or --dir SQL_DIR");
        }
        if ((alembicIni == null) == (sqlDirectory == null)) {
            throw usage("an ad hoc target needs exactly one of -c alembic.ini or --dir SQL_DIR with --url");
        }
        TargetKind kind = TargetKind.of(url).orElseThrow(() -> usage("--url must be "
                + TargetKind.expected(java.util.EnumSet.allOf(TargetKind.class))));
        kind.problem(url).ifPresent(problem -> {
            throw usage("--url: " + problem);
        });
        if (JdbcUrls.holdsSecret(url)) {
            throw usage("--url holds a password; pass it in the PGPASSWORD environment variable instead");
        }
        Path cwd = Path.of("").toAbsolutePath();
        MigrationsSource source = alembicIni != null
                ? new MigrationsSource.Alembic(alembicIni.toAbsolutePath().normalize(), section, List.of("alembic"),
                cwd, Duration.ofMinutes(30), Map.of())
                : new MigrationsSource.Sql(sqlDirectory.toAbsolutePath().normalize());
        String login = user != null ? user : environment.getOrDefault("PGUSER", System.getProperty("user.name"));
        Set<String> before = backupDirectory == null ? Set.of() : BackupPolicy.OPERATIONS;
        Path backups = backupDirectory == null ? cwd.resolve("backups") : backupDirectory.toAbsolutePath();
        return new TargetConfig("adhoc", url, login, new Secret(environment.getOrDefault("PGPASSWORD", "")),
                Environment.DEVELOPMENT, source, "alembic_version", null,
                new BackupPolicy(backups, before, 10, Duration.ofDays(30), null));
    }

    private static MigrabotException usage(String message) {
        return new MigrabotException(ErrorCode.USAGE, message);
    }
}
