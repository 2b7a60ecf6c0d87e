package io.migrabot.config;

import java.util.Arrays;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The kinds of database migrabot can manage, told apart once, by the JDBC URL's prefix. The adapters (the target
 * database, its lock, its introspection, its backups, its shadows) each choose their implementation from it;
 * operations, chat and doctor never ask.
 */
public enum TargetKind {
    POSTGRESQL("PostgreSQL", "jdbc:postgresql:", "jdbc:postgresql://host:5432/db"),
    /** A database file on this machine: {@code jdbc:sqlite:PATH}, with the driver's parameters after a '?'. */
    SQLITE("SQLite", "jdbc:sqlite:", "jdbc:sqlite:/path/to/file.db");

    private final String display;
    private final String prefix;
    private final String example;

    TargetKind(String display, String prefix, String example) {
        this.display = display;
        this.prefix = prefix;
        this.example = example;
    }

    /** The kind whose URLs start like {@code url}, if any. */
    public static Optional<TargetKind> of(String url) {
        return Arrays.stream(values()).filter(k -> url.startsWith(k.prefix)).findFirst();
    }

    /** The kind of a URL already validated as one of them. */
    public static TargetKind ofValid(String url) {
        return of(url).orElseThrow(() -> new IllegalArgumentException("not a database URL migrabot knows: "
                + JdbcUrls.redact(url)));
    }

    /** What is wrong with a URL of this kind beyond its prefix, if anything. */
    public Optional<String> problem(String url) {
        if (this != SQLITE) {
            return Optional.empty();
        }
        String path = JdbcUrls.sqlitePath(url);
        if (path.isBlank() || path.startsWith(":") || path.startsWith("file:")) {
            return Optional.of("expected jdbc:sqlite:PATH to an existing database file (an in-memory or file: URI "
                    + "database is not supported), got " + JdbcUrls.redact(url));
        }
        if (JdbcUrls.sqliteBusyTimeout(url).orElse(0) < 0) {
            return Optional.of("busy_timeout in the URL is how many milliseconds to wait for another writer, a whole "
                    + "number such as ?busy_timeout=10000, got " + JdbcUrls.redact(url));
        }
        return Optional.empty();
    }

    /** Whether a connection needs a user (a SQLite file has none). */
    public boolean hasUsers() {
        return this != SQLITE;
    }

    /** What people call it: PostgreSQL. */
    public String display() {
        return display;
    }

    public String prefix() {
        return prefix;
    }

    /** "a PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db)", for the kinds allowed somewhere. */
    public static String expected(Set<TargetKind> kinds) {
        return kinds.stream().map(k -> "a " + k.display + " JDBC URL (" + k.example + ")")
                .collect(Collectors.joining(" or "));
    }
}
