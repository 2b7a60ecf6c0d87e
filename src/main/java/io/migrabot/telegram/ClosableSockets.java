package io.migrabot.telegram;

import javax.net.SocketFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Makes an OkHttp client's sockets and can close them all at once. Closing the socket of a long poll ends it with
 * an ordinary I/O error, which {@link PollingInterceptor} turns into "no updates"; cancelling the call instead
 * would make OkHttp throw "Canceled" past every interceptor, and telegrambots log it as a Telegram error.
 */
final class ClosableSockets extends SocketFactory {
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    @Override
    public Socket createSocket() throws IOException {
        Socket socket = new Socket() {
            @Override
            public synchronized void close() throws IOException {
                open.remove(this);
                super.close();
            }
        };
        open.add(socket);
        if (closed) {
            socket.close();
            throw new SocketException("the Telegram client is closing");
        }
        return socket;
    }

    @Override
    public Socket createSocket(String host, int port) {
        throw connectedSockets();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
        throw connectedSockets();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
        throw connectedSockets();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
        throw connectedSockets();
    }

    /** Closes every socket made here, and makes no more. */
    void closeAll() {
        closed = true;
        for (Socket socket : open) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway; the call on it fails, which is the point
            }
        }
    }

    /** OkHttp connects the sockets it asks for itself; nothing here asks for connected ones. */
    private static UnsupportedOperationException connectedSockets() {
        return new UnsupportedOperationException("only unconnected sockets are made here");
    }
}
