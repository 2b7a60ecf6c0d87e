package io.migrabot.telegram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;

/**
 * An error answer from the Bot API as Telegram sends it ({@code {"ok":false,"error_code":429,"description":…,
 * "parameters":{"retry_after":5}}}), read from the raw HTTP answer where telegrambots does not parse it.
 *
 * @param status            the HTTP status
 * @param description       Telegram's description, or "HTTP status" when the body is not Telegram's
 * @param retryAfterSeconds {@code parameters.retry_after}, or 0
 */
record BotApiRefusal(int status, String description, int retryAfterSeconds) {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Reads an error answer; a body that is not one (a proxy's HTML page, say) still yields the status. */
    static BotApiRefusal read(int status, String body) {
        try {
            JsonNode answer = MAPPER.readTree(body);
            if (answer != null && answer.isObject()) {
                return new BotApiRefusal(status, answer.path("description").asText("HTTP " + status),
                        answer.path("parameters").path("retry_after").asInt(0));
            }
        } catch (IOException notJson) {
            // only the status is known
        }
        return new BotApiRefusal(status, "HTTP " + status, 0);
    }
}
