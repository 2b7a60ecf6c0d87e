package io.migrabot.config;

/**
 * How to reach one database: a target's, or the bot's own state database (always PostgreSQL).
 *
 * @param name     what messages call it (a target's name, or {@code state})
 * @param url      JDBC URL without credentials (validated to hold no password)
 */
public record DatabaseConnection(String name, String url, String user, Secret password) {

    /** What kind of database the URL names. */
    public TargetKind kind() {
        return TargetKind.ofValid(url);
    }

    /** The URL as it may be shown to people: no user info, no password parameters. */
    public String displayUrl() {
        return JdbcUrls.redact(url);
    }

    @Override
    public String toString() {
        return name + " (" + displayUrl() + ")";
    }
}
