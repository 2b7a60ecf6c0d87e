package io.migrabot.telegram;

/** An answer the fake Bot API is told to give instead of the normal one: an HTTP status and a JSON body. */
record FakeAnswer(int status, String body) {

    /** Flood control: HTTP 429 with {@code parameters.retry_after}. */
    static FakeAnswer tooManyRequests(int retryAfterSeconds) {
        return error(429, "Too Many Requests: retry after " + retryAfterSeconds,
                ",\"parameters\":{\"retry_after\":" + retryAfterSeconds + "}");
    }

    static FakeAnswer serverError() {
        return error(500, "Internal Server Error", "");
    }

    /** What Telegram answers a poll when another process polls the same token. */
    static FakeAnswer conflict() {
        return error(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance "
                + "is running", "");
    }

    static FakeAnswer badRequest(String description) {
        return error(400, "Bad Request: " + description, "");
    }

    private static FakeAnswer error(int status, String description, String extra) {
        return new FakeAnswer(status, "{\"ok\":false,\"error_code\":" + status + ",\"description\":\"" + description
                + "\"" + extra + "}");
    }
}
