package io.migrabot;

/**
 * The root of every failure migrabot reports. The message is written for the person who has to act on it:
 * it names what failed and, where it can, what to do. It never carries a secret.
 */
public class MigrabotException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final ErrorCode code;

    public MigrabotException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public MigrabotException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
