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

    @Override
    public String toString() {
        return "target " + name + " (" + environment.key() + ", " + displayUrl() + ")";
    }
}
