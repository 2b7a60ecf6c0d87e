package io.migrabot.config;

/**
 * One database migrabot manages.
 *
 * @param url                JDBC URL without credentials (validated to hold no password)
 * @param versionTable       Alembic's version table name ({@code alembic_version})
 * @param versionTableSchema its schema, or null for the connection's default
 */
public record TargetConfig(String name, String url, String user, Secret password, Environment environment,
                           MigrationsSource migrations, String versionTable, String versionTableSchema,
                           BackupPolicy backup) {

    /** The URL as it may be shown to people: no user info, no password parameters. */
    public String displayUrl() {
        return JdbcUrls.redact(url);
    }

    @Override
    public String toString() {
        return "target " + name + " (" + environment.key() + ", " + displayUrl() + ")";
    }
}
