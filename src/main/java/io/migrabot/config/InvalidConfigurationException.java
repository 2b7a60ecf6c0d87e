package io.migrabot.config;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;

import java.util.List;

/**
 * A configuration file that was read but is wrong: not YAML, or with mistakes, each named by its key and saying
 * what is expected. The message has them all on one line; {@link #mistakes()} one by one.
 */
public final class InvalidConfigurationException extends MigrabotException {
    private static final long serialVersionUID = 1L;
    private final List<String> mistakes;

    InvalidConfigurationException(String message, List<String> mistakes) {
        super(ErrorCode.CONFIGURATION, message);
        this.mistakes = List.copyOf(mistakes);
    }

    public List<String> mistakes() {
        return mistakes;
    }
}
