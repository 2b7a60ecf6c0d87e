package io.migrabot.telegram;

import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

import java.io.IOException;
import java.util.List;

/**
 * Sits in the poller's HTTP client and reads what telegrambots' {@code BotSession} throws away: the body of an
 * error answer. For {@code getUpdates} it hands the {@code retry_after} and description to {@link PollingBackOff};
 * for the {@code deleteWebhook} that starts polling it keeps the answer for the start's error message. While the
 * bot closes, a poll (its connection closed under the library, or about to start) is answered here with no
 * updates, so the library's loop ends quietly instead of logging a Telegram error. Each poll's start and end are
 * told to {@link PollActivity}, for the health check.
 */
final class PollingInterceptor implements Interceptor {
    private static final long MAX_ERROR_BODY = 64 * 1024;
    private static final MediaType JSON = MediaType.get("application/json");

    private final PollingBackOff backOff;
    private final PollActivity activity;
    private volatile boolean closing;
    private volatile BotApiRefusal lastRefusal;

    PollingInterceptor(PollingBackOff backOff, PollActivity activity) {
        this.backOff = backOff;
        this.activity = activity;
    }

    /** From now on a failed poll means the bot is closing. */
    void closing() {
        closing = true;
    }

    /** The last error answer to any call on this client, or {@code null}. */
    BotApiRefusal lastRefusal() {
        return lastRefusal;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        boolean poll = isGetUpdates(request.url());
        if (poll && closing) {
            return noUpdates(request);
        }
        if (poll) {
            backOff.polling();
            activity.started();
        }
        Response response;
        try {
            response = chain.proceed(request);
        } catch (IOException e) {
            if (poll && closing) {
                return noUpdates(request);
            }
            if (poll) {
                activity.failed();
            }
            throw e;
        }
        if (!response.isSuccessful()) {
            lastRefusal = BotApiRefusal.read(response.code(), response.peekBody(MAX_ERROR_BODY).string());
            if (poll) {
                backOff.refused(lastRefusal);
                activity.failed();
            }
        } else if (poll) {
            activity.answered();
        }
        return response;
    }

    private static boolean isGetUpdates(HttpUrl url) {
        List<String> segments = url.pathSegments();
        return segments.get(segments.size() - 1).equalsIgnoreCase("getUpdates");
    }

    private static Response noUpdates(Request request) {
        return new Response.Builder().request(request).protocol(Protocol.HTTP_1_1).code(200).message("OK")
                .body(ResponseBody.create("{\"ok\":true,\"result\":[]}", JSON)).build();
    }
}
