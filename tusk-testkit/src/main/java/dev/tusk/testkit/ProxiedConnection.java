package dev.tusk.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One client connection through a {@link FaultProxy}: the client socket, the socket to the
 * server and a thread pumping bytes each way, through the proxy's {@link FaultSettings}.
 */
final class ProxiedConnection {

    private static final int CONNECT_TIMEOUT_MILLIS = 10_000;
    private static final int CHUNK = 16 * 1024;

    private final Socket client;
    private final InetSocketAddress upstream;
    private final FaultSettings settings;
    private final String name;
    private final AtomicInteger pumpsRunning = new AtomicInteger(2);
    private volatile Socket server;
    private volatile boolean cutToServer;
    private volatile boolean cutToClient;
    private volatile boolean closed;
    /** Whether the black hole swallowed bytes of this connection (or all of them, from its start). */
    private volatile boolean lostBytes;

    ProxiedConnection(Socket client, InetSocketAddress upstream, FaultSettings settings, String name) {
        this.client = client;
        this.upstream = upstream;
        this.settings = settings;
        this.name = name;
    }

    void start() {
        Thread thread = new Thread(this::run, name + "-to-server");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        if (settings.blackHole) {
            // accepted, never answered: read whatever the client sends and drop it
            if (!loseBytes()) {
                return;
            }
            pump(client, null, FaultProxy.Direction.TO_SERVER);
            return;
        }
        Socket socket = new Socket();
        try {
            client.setTcpNoDelay(true);
            socket.setTcpNoDelay(true);
            socket.connect(upstream, CONNECT_TIMEOUT_MILLIS);
        } catch (IOException e) {
            closeQuietly(socket);
            close(); // the server is unreachable: the client sees its connection end
            return;
        }
        server = socket;
        if (closed) {
            close();
            return;
        }
        Thread down = new Thread(() -> pump(socket, client, FaultProxy.Direction.TO_CLIENT), name + "-to-client");
        down.setDaemon(true);
        down.start();
        pump(client, socket, FaultProxy.Direction.TO_SERVER);
    }

    private void pump(Socket from, Socket to, FaultProxy.Direction direction) {
        byte[] buffer = new byte[CHUNK];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to == null ? null : to.getOutputStream();
            FaultSettings.ChunkWriter writer = (bytes, offset, length) -> forward(out, direction, bytes, offset, length);
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (direction == FaultProxy.Direction.TO_CLIENT) {
                    settings.fromServer(buffer, 0, read, writer);
                } else {
                    forward(out, direction, buffer, 0, read);
                }
            }
            if (to != null && !settings.blackHole) {
                shutdownOutput(to); // pass the end of stream on
            }
        } catch (IOException e) {
            close(); // a socket failed or a fault closed it: the whole connection is over
        } finally {
            if (pumpsRunning.decrementAndGet() == 0 || to == null) {
                close();
            }
        }
    }

    private void forward(OutputStream out, FaultProxy.Direction direction, byte[] buffer, int offset, int length)
            throws IOException {
        if (out == null || !mayForward() || isCut(direction)) {
            return;
        }
        long rate = settings.bytesPerSecond;
        int slice = rate > 0 ? (int) Math.max(1, Math.min(length, rate / 50)) : length;
        for (int done = 0; done < length; done += slice) {
            int part = Math.min(slice, length - done);
            settings.awaitRelease(direction);
            settings.pace(part);
            if (!mayForward() || isCut(direction)) {
                return;
            }
            out.write(buffer, offset + done, part);
        }
        out.flush();
    }

    /**
     * Whether bytes may pass now: not once the connection lost bytes either way (a stream with a
     * gap must never reach a peer, not even in the instant before {@link FaultProxy#heal()}
     * closes it), and not into a black hole, which loses them.
     */
    private boolean mayForward() {
        if (lostBytes) {
            return false;
        }
        if (settings.blackHole) {
            loseBytes();
            return false;
        }
        return true;
    }

    private boolean isCut(FaultProxy.Direction direction) {
        return direction == FaultProxy.Direction.TO_SERVER ? cutToServer : cutToClient;
    }

    void cut(FaultProxy.Direction direction) {
        if (direction == FaultProxy.Direction.TO_SERVER) {
            cutToServer = true;
            Socket socket = server;
            if (socket != null) {
                shutdownOutput(socket);
            }
        } else {
            cutToClient = true;
            shutdownOutput(client);
        }
    }

    void reset() {
        resetQuietly(client);
        Socket socket = server;
        if (socket != null) {
            resetQuietly(socket);
        }
        close();
    }

    void close() {
        closed = true;
        closeQuietly(client);
        Socket socket = server;
        if (socket != null) {
            closeQuietly(socket);
        }
    }

    boolean isClosed() {
        return closed;
    }

    /**
     * Marks this connection as having lost bytes to the black hole, which dooms it: TCP never
     * delivers a stream with a gap, so {@link FaultProxy#heal()} closes it rather than let later
     * bytes through. Returns false, having closed it, when a heal came meanwhile (it may have
     * looked for marked connections before this one was marked).
     */
    boolean loseBytes() {
        lostBytes = true;
        if (!settings.blackHole) {
            close();
            return false;
        }
        return true;
    }

    /** Whether the black hole swallowed bytes of this connection. */
    boolean lostBytes() {
        return lostBytes;
    }

    private void shutdownOutput(Socket socket) {
        try {
            if (!socket.isClosed() && !socket.isOutputShutdown()) {
                socket.shutdownOutput();
            }
        } catch (IOException e) {
            close(); // the socket is already broken: end the connection
        }
    }

    private static void resetQuietly(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (IOException e) {
            // already closed: there is nothing left to reset
            return;
        }
        closeQuietly(socket);
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing is the last thing done with this socket; a failure leaves nothing to act on
            return;
        }
    }
}
