package io.migrabot.telegram;

import okhttp3.Dispatcher;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An OkHttp client whose threads and connections belong to migrabot. OkHttp's default dispatcher keeps idle
 * non-daemon threads for a minute after the last call, which keeps a stopped bot's process alive; this one runs
 * calls on an executor that {@link #close} stops, after ending every call still waiting for an answer.
 */
final class TelegramHttp {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ClosableSockets sockets = new ClosableSockets();
    private final OwnedThreads threads;
    private final ExecutorService executor;
    private final OkHttpClient client;

    /**
     * @param name        the threads' name
     * @param readTimeout how long an answer may take (longer than a long poll's wait)
     * @param callTimeout how long a whole call may take, uploads included
     */
    TelegramHttp(String name, Duration readTimeout, Duration callTimeout, Interceptor... interceptors) {
        threads = new OwnedThreads(name);
        executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 60, TimeUnit.SECONDS, new SynchronousQueue<>(),
                threads);
        OkHttpClient.Builder builder = new OkHttpClient.Builder()
                .dispatcher(new Dispatcher(executor))
                .socketFactory(sockets)
                .connectTimeout(CONNECT_TIMEOUT)
                .readTimeout(readTimeout)
                .writeTimeout(callTimeout)
                .callTimeout(callTimeout);
        for (Interceptor interceptor : interceptors) {
            builder.addInterceptor(interceptor);
        }
        client = builder.build();
    }

    OkHttpClient client() {
        return client;
    }

    /** Closes every connection, so calls waiting for an answer (a long poll) fail at once, and opens no more. */
    void closeConnections() {
        sockets.closeAll();
    }

    /**
     * Closes the connections, cancels whatever call is left, stops the dispatcher's threads and drops the pool;
     * returns the threads still alive at {@code deadlineNanos}, normally none.
     */
    Set<Thread> close(long deadlineNanos) {
        closeConnections();
        client.dispatcher().cancelAll();
        executor.shutdownNow();
        client.connectionPool().evictAll();
        try {
            executor.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return threads.join(deadlineNanos);
    }
}
