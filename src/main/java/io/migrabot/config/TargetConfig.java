package io.migrabot.config;

import io.migrabot.impact.RiskThresholds;

import java.util.Optional;

/**
 * One database migrabot manages.
 *
 * @param url                JDBC URL without credentials (validated to hold no password)
 * @param versionTable       Alembic's version table name ({@code alembic_version})
 * @param versionTableSchema its schema, or null for the connection's default
 * @param shadow             a scratch server to build expected schemas on, instead of the target's own server
 * @param drift              when scheduled drift checks run and where they alert
 * @param execution          lock and statement timeouts, and retries of a revision that could not get a lock
 * @param risk               when a relation counts as large in a plan's risk
 */
public record TargetConfig(String name, String url, String user, Secret password, Environment environment,
                           MigrationsSource migrations, String versionTable, String versionTableSchema,
                           BackupPolicy backup, Optional<DatabaseConnection> shadow, DriftSchedule drift,
                           ExecutionLimits execution, RiskThresholds risk) {

    /** A target with the default risk thresholds. */
    public TargetConfig(String name, String url, String user, Secret password, Environment environment,
                        MigrationsSource migrations, String versionTable, String versionTableSchema,
                        BackupPolicy backup, Optional<DatabaseConnection> shadow, DriftSchedule drift,
                        ExecutionLimits execution) {
        this(name, url, user, password, environment, migrations, versionTable, versionTableSchema, backup, shadow,
                drift, execution, RiskThresholds.DEFAULT);
    }

    /** A target with its environment's default execution limits. */
    public TargetConfig(String name, String url, String user, Secret password, Environment environment,
                        MigrationsSource migrations, String versionTable, String versionTableSchema,
                        BackupPolicy backup, Optional<DatabaseConnection> shadow, DriftSchedule drift) {
        this(name, url, user, password, environment, migrations, versionTable, versionTableSchema, backup, shadow,
                drift, ExecutionLimits.defaultFor(environment));
    }

    /** A target with the default drift schedule. */
    public TargetConfig(String name, String url, String user, Secret password, Environment environment,
                        MigrationsSource migrations, String versionTable, String versionTableSchema,
                        BackupPolicy backup, Optional<DatabaseConnection> shadow) {
        this(name, url, user, password, environment, migrations, versionTable, versionTableSchema, backup, shadow,
                DriftSchedule.DEFAULT);
    }

    /** A target whose expected schemas are built on its own server. */
    public TargetConfig(String name, String url, String user, Secret password, Environment environment,
                        MigrationsSource migrations, String versionTable, String versionTableSchema,
                        BackupPolicy backup) {
        this(name, url, user, password, environment, migrations, versionTable, versionTableSchema, backup,
                Optional.empty());
    }

    /** What a version table or schema name may be: a plain identifier, so it can be quoted into SQL safely. */
    public static final java.util.regex.Pattern IDENTIFIER = java.util.regex.Pattern.compile(
            "[A-Za-z_][A-Za-z0-9_$]{0,62}");

    /** How to connect to the target's database. */
    public DatabaseConnection connection() {
        return new DatabaseConnection(name, url, user, password);
    }

    /** The URL as it may be shown to people: no user info, no password parameters. */
    public String displayUrl() {
        return JdbcUrls.redact(url);
    }

    /** Where shadow databases are created: the configured scratch server, else the target's own server. */
    public DatabaseConnection shadowServer() {
        return shadow.orElse(connection());
    }

    @Override
    public String toString() {
        return "target " + name + " (" + environment.key() + ", " + displayUrl() + ")";
    }
}
