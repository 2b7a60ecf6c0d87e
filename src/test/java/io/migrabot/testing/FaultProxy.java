package io.migrabot.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy on 127.0.0.1 that tests put between migrabot and a server (PostgreSQL, the fake Bot API) to break
 * the network on purpose: {@link #cut()} closes every open connection at once (a server restart, a dropped NAT
 * entry), {@link #refuse()} stops listening (connection refused), {@link #stall()} keeps connections open but moves
 * no byte (a network that hangs), {@link #slow(Duration)} delays every chunk it forwards, {@link #heal()} forwards
 * normally again. Each connection is two pump threads; the proxy keeps its port for its whole life.
 */
public final class FaultProxy implements AutoCloseable {
    private final InetSocketAddress upstream;
    private final int port;
    private final List<Socket> open = new CopyOnWriteArrayList<>();
    private volatile ServerSocket listener;
    private volatile boolean stalled;
    private volatile long delayMillis;
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress upstream) {
        this.upstream = upstream;
        this.listener = bind(0);
        this.port = listener.getLocalPort();
        startAccepting(listener);
    }

    /** A proxy to {@code host:port}. */
    public static FaultProxy to(String host, int port) {
        return new FaultProxy(new InetSocketAddress(host, port));
    }

    /** A proxy to the server of {@code db}. */
    public static FaultProxy before(Postgres.Database db) {
        URI uri = URI.create(db.url().substring("jdbc:".length()));
        return to(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort());
    }

    /** A proxy to the HTTP server at {@code base}; {@link #uri()} is its address through the proxy. */
    public static FaultProxy before(URI base) {
        return to(base.getHost(), base.getPort());
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT}: an HTTP server's address through this proxy. */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** The JDBC URL of {@code db} through this proxy. */
    public String url(Postgres.Database db) {
        URI uri = URI.create(db.url().substring("jdbc:".length()));
        return "jdbc:postgresql://127.0.0.1:" + port + uri.getRawPath()
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
    }

    /** The SQLAlchemy URL of {@code db} through this proxy (for an Alembic project's env.py). */
    public String sqlalchemyUrl(Postgres.Database db) {
        return url(db).replace("jdbc:postgresql://", "postgresql://" + db.user() + "@");
    }

    /** Closes every open connection; new ones are forwarded as before. */
    public void cut() {
        for (Socket socket : open) {
            closeQuietly(socket);
        }
        open.clear();
    }

    /** Cuts every connection and stops listening: a connection attempt is refused until {@link #heal()}. */
    public synchronized void refuse() {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            closeQuietly(current);
        }
        cut();
    }

    /** Keeps connections open but forwards nothing until {@link #heal()}; bytes sent meanwhile wait. */
    public void stall() {
        stalled = true;
    }

    /** Waits {@code delay} before forwarding each chunk, until {@link #heal()}. */
    public void slow(Duration delay) {
        delayMillis = delay.toMillis();
    }

    /** Forwards normally again, listening again on the same port if it was refusing. */
    public synchronized void heal() {
        delayMillis = 0;
        stalled = false;
        notifyAll();
        if (listener == null && !closed) {
            listener = bind(port);
            startAccepting(listener);
        }
    }

    /** How many connections (client and server side together) are open now. */
    public int openSockets() {
        return open.size();
    }

    @Override
    public synchronized void close() {
        closed = true;
        heal();
        refuse();
    }

    private static ServerSocket bind(int port) {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("the fault proxy cannot listen on port " + port, e);
        }
    }

    private void startAccepting(ServerSocket server) {
        Thread accepting = new Thread(() -> {
            while (!server.isClosed()) {
                try {
                    connect(server.accept());
                } catch (IOException e) {
                    return; // refuse() or close() closed the listener
                }
            }
        }, "fault-proxy-accept-" + port);
        accepting.setDaemon(true);
        accepting.start();
    }

    private void connect(Socket client) {
        Socket server = new Socket();
        try {
            server.connect(upstream, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            return;
        }
        open.add(client);
        open.add(server);
        pump(client, server, "up");
        pump(server, client, "down");
    }

    private void pump(Socket from, Socket to, String direction) {
        Thread pumping = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    hold();
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the other side closed, or cut() did
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "fault-proxy-" + direction + "-" + port);
        pumping.setDaemon(true);
        pumping.start();
    }

    /** Waits while stalled, then for the delay of a slowed proxy. */
    private void hold() throws InterruptedException {
        synchronized (this) {
            while (stalled) {
                wait(100);
            }
        }
        long delay = delayMillis;
        if (delay > 0) {
            Thread.sleep(delay);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception ignored) {
            // closing what may be closed already
        }
    }
}
