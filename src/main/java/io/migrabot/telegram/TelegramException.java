package io.migrabot.telegram;

import io.migrabot.ErrorCode;
import io.migrabot.MigrabotException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiRequestException;
import org.telegram.telegrambots.meta.exceptions.TelegramApiValidationException;

import java.time.Duration;

/**
 * A call to the Bot API that did not do its job: Telegram refused it (with its error code and, for flood control,
 * how long to wait), or it could not be reached. The message and every cause are free of the bot token.
 */
public final class TelegramException extends MigrabotException {
    private static final long serialVersionUID = 1L;
    private final int errorCode;
    private final Duration retryAfter;
    private final boolean unreachable;

    TelegramException(String message, int errorCode, Duration retryAfter, Throwable cause) {
        this(message, errorCode, retryAfter, false, cause);
    }

    private TelegramException(String message, int errorCode, Duration retryAfter, boolean unreachable,
                              Throwable cause) {
        super(ErrorCode.TELEGRAM, message, cause);
        this.errorCode = errorCode;
        this.retryAfter = retryAfter;
        this.unreachable = unreachable;
    }

    /**
     * Whether the same call may succeed later: no answer came (connection refused or cut, a timeout), the server
     * failed (5xx), or flood control asked to wait (429). Any other refusal (a chat that blocked the bot, a bad
     * request) will be refused again.
     */
    public boolean worthRetrying() {
        return unreachable || errorCode >= 500 || errorCode == 429;
    }

    /** Telegram's {@code error_code} (the HTTP status it answered with), or 0 when no answer came. */
    public int errorCode() {
        return errorCode;
    }

    /** How long Telegram asked to wait before the next call ({@code retry_after}), or zero. */
    public Duration retryAfter() {
        return retryAfter;
    }

    /** Translates what telegrambots threw while {@code doing} something, e.g. "sendMessage to chat 42". */
    static TelegramException of(String doing, TelegramApiException e, TelegramEndpoint endpoint) {
        if (e instanceof TelegramApiRequestException refused && refused.getErrorCode() != null) {
            Integer seconds = refused.getParameters() == null ? null : refused.getParameters().getRetryAfter();
            return refused(doing, new BotApiRefusal(refused.getErrorCode(), refused.getApiResponse(),
                    seconds == null ? 0 : seconds), e, endpoint);
        }
        Throwable cause = ScrubbedCause.of(e, endpoint);
        if (e instanceof TelegramApiValidationException) {
            return new TelegramException(doing + " was not sent: " + endpoint.scrub(e.getMessage()), 0, Duration.ZERO,
                    cause);
        }
        // Only a network failure is worth sending again: another library error (an answer it could not read, a
        // request it could not build) may follow a call Telegram carried out, and a resend would repeat it.
        return new TelegramException("Telegram's Bot API at " + endpoint.baseUrl() + " could not be reached for "
                + doing + ": " + describe(e, endpoint), 0, Duration.ZERO, networkFailure(e), cause);
    }

    /** Telegram's error answer to a call made while {@code doing} something; {@code e} is what the library threw. */
    static TelegramException refused(String doing, BotApiRefusal refusal, Exception e, TelegramEndpoint endpoint) {
        Duration retryAfter = Duration.ofSeconds(refusal.retryAfterSeconds());
        String wait = retryAfter.isZero() ? ""
                : "; it asked to wait " + refusal.retryAfterSeconds() + " s before the next call";
        return new TelegramException("Telegram refused " + doing + ": " + endpoint.scrub(refusal.description())
                + " (error " + refusal.status() + ")" + wait, refusal.status(), retryAfter,
                ScrubbedCause.of(e, endpoint));
    }

    /** The distinct messages along the cause chain, scrubbed, joined by ": ". */
    private static String describe(Throwable e, TelegramEndpoint endpoint) {
        StringBuilder text = new StringBuilder();
        String previous = null;
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (previous == null || !previous.contains(message)) {
                text.append(text.length() == 0 ? "" : ": ").append(message);
            }
            previous = message;
        }
        return endpoint.scrub(text.toString());
    }

    private static boolean networkFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.io.IOException) {
                return true;
            }
        }
        return false;
    }
}
