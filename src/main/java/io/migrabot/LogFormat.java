package io.migrabot;

import java.util.Locale;

/**
 * How the log is written to standard error: text lines (the default) or one JSON object per line, chosen by the
 * environment variable {@code MIGRABOT_LOG_FORMAT}. {@link LogConfigurator} reads the choice; {@link #select()} hands
 * it the checked value as a system property, which it reads before the environment, so a wrong value is refused here
 * rather than leaving the process without a log.
 */
public enum LogFormat {
    TEXT, JSON;

    public static final String VARIABLE = "MIGRABOT_LOG_FORMAT";

    /** The format a value of the variable names; unset or empty is text. */
    public static LogFormat of(String value) {
        if (value == null || value.isBlank()) {
            return TEXT;
        }
        for (LogFormat format : values()) {
            if (format.key().equalsIgnoreCase(value.strip())) {
                return format;
            }
        }
        throw new MigrabotException(ErrorCode.USAGE, VARIABLE + ": expected text or json, got '" + value + "'");
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Makes logback use this format; takes effect only before the first logger is made. */
    public void select() {
        System.setProperty(VARIABLE, key());
    }
}
