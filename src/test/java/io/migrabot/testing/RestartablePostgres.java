package io.migrabot.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * An embedded PostgreSQL server of a test's own, on its own port and data folder, that the test may stop and start
 * again ({@link #restart()}): the machine's shared server is never restarted. {@link #close()} stops it and deletes
 * its data.
 */
public final class RestartablePostgres implements AutoCloseable {
    private final Path data;
    private final int port;
    private final Map<String, String> settings;
    private EmbeddedPostgres running;

    private RestartablePostgres(Path data, int port, Map<String, String> settings) {
        this.data = data;
        this.port = port;
        this.settings = settings;
    }

    public static RestartablePostgres start() {
        return start(Map.of());
    }

    /** A server with these settings of {@code postgresql.conf} ({@code max_locks_per_transaction}...). */
    public static RestartablePostgres start(Map<String, String> settings) {
        try (ServerSocket free = new ServerSocket(0)) {
            RestartablePostgres server = new RestartablePostgres(Files.createTempDirectory("migrabot-pg-"),
                    free.getLocalPort(), settings);
            free.close();
            server.up();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Postgres.Server server() {
        return new Postgres.Server("jdbc:postgresql://127.0.0.1:" + port + "/", "postgres", "postgres");
    }

    /** Stops the server (fast shutdown: sessions are ended), keeping its data. */
    public synchronized void stop() {
        try {
            running.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        running = null;
    }

    /** Starts the stopped server again on the same port and data. */
    public synchronized void up() {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder().setPort(port).setDataDirectory(data)
                    .setCleanDataDirectory(false);
            settings.forEach(builder::setServerConfig);
            running = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What {@code pg_ctl restart} does: stop, then start on the same port and data. */
    public void restart() {
        stop();
        up();
    }

    @Override
    public synchronized void close() {
        if (running != null) {
            stop();
        }
        try (Stream<Path> files = Files.walk(data)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
