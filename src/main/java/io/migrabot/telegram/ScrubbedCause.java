package io.migrabot.telegram;

/**
 * A copy of an exception thrown inside telegrambots or OkHttp with the bot token masked in its message, so a
 * stack trace still shows where a call failed without showing the token. The original class name leads the
 * message.
 */
final class ScrubbedCause extends Exception {
    private static final long serialVersionUID = 1L;
    private static final int MAX_DEPTH = 16;

    private ScrubbedCause(String message, Throwable cause) {
        super(message, cause);
    }

    static Throwable of(Throwable original, TelegramEndpoint endpoint) {
        return copy(original, endpoint, 0);
    }

    private static Throwable copy(Throwable original, TelegramEndpoint endpoint, int depth) {
        if (original == null || depth == MAX_DEPTH) {
            return null;
        }
        Throwable cause = original.getCause() == original ? null : original.getCause();
        ScrubbedCause copy = new ScrubbedCause(original.getClass().getName() + ": "
                + endpoint.scrub(original.getMessage()), copy(cause, endpoint, depth + 1));
        copy.setStackTrace(original.getStackTrace());
        return copy;
    }
}
