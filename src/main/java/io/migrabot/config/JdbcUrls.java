package io.migrabot.config;

import java.util.regex.Pattern;

/** Showing JDBC URLs to people without what must stay secret. */
public final class JdbcUrls {
    private static final Pattern USER_INFO = Pattern.compile("(//)[^/@?#]*@");
    private static final Pattern SECRET_PARAMETER = Pattern.compile(
            "(?i)([?&;](?:password|sslpassword|sslkey)=)[^&;#]*");

    private JdbcUrls() {
    }

    /** The URL with any user info and password-like parameters replaced by {@code ****}. */
    public static String redact(String url) {
        String out = USER_INFO.matcher(url).replaceAll("$1****@");
        return SECRET_PARAMETER.matcher(out).replaceAll("$1****");
    }

    /** Whether the URL carries a secret that belongs in the {@code password} key instead. */
    public static boolean holdsSecret(String url) {
        return !redact(url).equals(url);
    }
}
