package io.migrabot.config;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Showing JDBC URLs to people without what must stay secret. */
public final class JdbcUrls {
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/@?#]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;](?:password|sslpassword|sslkey)=)[^&;#]*");

    /** The driver reads its parameters' names in any case. */
    private static final Pattern BUSY_TIMEOUT = Pattern.compile("(?i)[?&]busy_timeout=([^&]*)");
    /** The prefix up to the database name (host list included), the name, and the parameters. */
    private static final Pattern DATABASE = Pattern.compile("(jdbc:postgresql:(?://[^/?#]*)?/?)([^?#]*)(.*)",
            Pattern.DOTALL);

    private JdbcUrls() {
    }

    /** The URL with any user info and password-like parameters replaced by {@code ****}. */
    public static String redact(String url) {
        String out = USER_INFO.matcher(url).replaceAll("$1****@");
        return SECRET_PARAMETER.matcher(out).replaceAll("$1****");
    }

    /**
     * The same server, another database: {@code jdbc:postgresql://host:5432/app?ssl=true} with {@code scratch} is
     * {@code jdbc:postgresql://host:5432/scratch?ssl=true}. {@code database} must need no URL encoding.
     */
    public static String withDatabase(String url, String database) {
        Matcher m = DATABASE.matcher(url);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(url));
        }
        String prefix = m.group(1);
        if (prefix.startsWith("jdbc:postgresql://") && !prefix.endsWith("/")) {
            prefix += "/";
        }
        return prefix + database + m.group(3);
    }

    /**
     * The file of a SQLite URL as written: what follows {@code jdbc:sqlite:} up to the driver's parameters
     * ({@code ?busy_timeout=...}).
     */
    public static String sqlitePath(String url) {
        String rest = url.substring(url.indexOf(':', "jdbc:".length()) + 1);
        int query = rest.indexOf('?');
        return query < 0 ? rest : rest.substring(0, query);
    }

    /**
     * The {@code busy_timeout} parameter of a SQLite URL, in milliseconds, if it has one; a value that is not a
     * number of milliseconds is {@code -1} (see {@link TargetKind#problem}).
     */
    public static OptionalInt sqliteBusyTimeout(String url) {
        Matcher m = BUSY_TIMEOUT.matcher(url);
        if (!m.find()) {
            return OptionalInt.empty();
        }
        try {
            int ms = Integer.parseInt(m.group(1));
            return OptionalInt.of(ms < 0 ? -1 : ms);
        } catch (NumberFormatException e) {
            return OptionalInt.of(-1);
        }
    }

    /** Whether the URL carries a secret that belongs in the {@code password} key instead. */
    public static boolean holdsSecret(String url) {
        return !redact(url).equals(url);
    }
}
