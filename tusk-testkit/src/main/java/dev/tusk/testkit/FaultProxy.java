package dev.tusk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback TCP proxy between a client and a PostgreSQL server that injects network faults on
 * demand, for reliability tests: delay, throttle, cut both or one direction, black-hole, reset
 * (RST) and corrupt the server's bytes, either at once or once a chosen number of bytes has come
 * from the server.
 *
 * <pre>{@code
 * try (FaultProxy proxy = FaultProxy.inFrontOf(cluster)) {
 *     Connection conn = Tusk.connect(proxy.dsnFor(cluster)).join();
 *     proxy.afterServerBytes(4096, proxy::cut);     // cut in the middle of the next result
 *     ...
 * }
 * }</pre>
 *
 * <p>Faults that change how bytes flow (delay, throttle, black hole, corruption) apply to the
 * connections open now and to those accepted later; {@link #cut()}, {@link #cut(Direction)} and
 * {@link #reset()} act on the connections open now. {@link #heal()} restores plain forwarding for
 * what comes next. Each proxied connection uses two threads; the proxy is test infrastructure,
 * not a production component. Thread-safe.
 */
public final class FaultProxy implements AutoCloseable {

    /** Which way bytes travel through the proxy. */
    public enum Direction {
        /** From the client to the server. */
        TO_SERVER,
        /** From the server to the client. */
        TO_CLIENT
    }

    private static final AtomicInteger IDS = new AtomicInteger();

    private final InetSocketAddress upstream;
    private final ServerSocket listener;
    private final List<ProxiedConnection> connections = new CopyOnWriteArrayList<>();
    private final FaultSettings settings = new FaultSettings();
    private final int id = IDS.incrementAndGet();
    private volatile boolean closed;

    private FaultProxy(InetSocketAddress upstream) {
        this.upstream = upstream;
        try {
            listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("could not open a loopback listening socket for the fault proxy", e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-" + id + "-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a proxy on a free loopback port that forwards to {@code host:port}.
     *
     * @param host the server's host name or address
     * @param port the server's TCP port
     * @return the running proxy
     */
    public static FaultProxy start(String host, int port) {
        return new FaultProxy(new InetSocketAddress(host, port));
    }

    /**
     * Starts a proxy that forwards to {@code cluster}'s TCP port.
     *
     * @param cluster a running cluster
     * @return the running proxy
     */
    public static FaultProxy inFrontOf(TempCluster cluster) {
        return start(cluster.host(), cluster.port());
    }

    /** The address clients connect to: the loopback address. */
    public String host() {
        return listener.getInetAddress().getHostAddress();
    }

    /** The port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /**
     * {@code cluster}'s connection URI with this proxy's host and port in place of the server's.
     *
     * @param cluster the cluster this proxy forwards to
     * @return a {@code postgresql://} URI (it carries the cluster's password)
     */
    public String dsnFor(TempCluster cluster) {
        return ConnectionStrings.uri(cluster.user(), cluster.password(), host(), port(), cluster.database());
    }

    // ---- faults

    /** Holds every chunk of bytes, both ways, for {@code perChunk} before forwarding it. */
    public void delay(Duration perChunk) {
        settings.delayNanos = perChunk.toNanos();
    }

    /**
     * Holds the bytes going {@code direction} (every connection) until {@link #release} or
     * {@link #heal}: they are kept in order and none is lost, while the other direction keeps
     * flowing. Shows, for example, that a client sent a whole exchange without waiting for a reply.
     */
    public void hold(Direction direction) {
        settings.hold(direction, true);
    }

    /** Forwards the bytes held by {@link #hold} and lets later ones through. */
    public void release(Direction direction) {
        settings.hold(direction, false);
    }

    /** Forwards at most {@code bytesPerSecond} bytes per second in each direction; 0 lifts the limit. */
    public void throttle(long bytesPerSecond) {
        if (bytesPerSecond < 0) {
            throw new IllegalArgumentException("bytesPerSecond: " + bytesPerSecond + " (expected: >= 0)");
        }
        settings.bytesPerSecond = bytesPerSecond;
    }

    /**
     * Black-holes the network from now on: bytes already on their way and bytes sent later are
     * read and dropped, both ways, and new connections are accepted but never reach the server
     * nor receive a byte. Nobody sees the connection close until {@link #heal()}, which closes the
     * connections that lost bytes.
     */
    public void blackHole() {
        settings.blackHole = true;
    }

    /**
     * Replaces the next {@code replacement.length} bytes coming from the server with
     * {@code replacement}, whichever connection they belong to.
     */
    public void corruptServerBytes(byte[] replacement) {
        settings.corrupt(replacement.clone());
    }

    /**
     * Runs {@code fault} once {@code count} more bytes have come from the server (counted from
     * now, over all connections), before any later byte is forwarded: {@code
     * proxy.afterServerBytes(1000, proxy::cut)} delivers exactly 1000 more bytes to the client.
     * Replaces a trigger set earlier that has not fired yet. The fault runs on a proxy thread.
     */
    public void afterServerBytes(long count, Runnable fault) {
        if (count < 0) {
            throw new IllegalArgumentException("count: " + count + " (expected: >= 0)");
        }
        settings.trigger(count, fault);
    }

    /** Closes both directions of every open connection: client and server each see an orderly end of stream. */
    public void cut() {
        for (ProxiedConnection connection : connections) {
            connection.close();
        }
    }

    /**
     * Closes one direction of every open connection: its receiver sees an end of stream and
     * later bytes that way are dropped, while the other direction keeps flowing.
     */
    public void cut(Direction direction) {
        for (ProxiedConnection connection : connections) {
            connection.cut(direction);
        }
    }

    /** Resets every open connection: both peers receive a TCP RST (SO_LINGER 0) instead of a FIN. */
    public void reset() {
        for (ProxiedConnection connection : connections) {
            connection.reset();
        }
    }

    /**
     * Lifts hold, delay, throttle, black hole, pending corruption and trigger for the bytes that
     * follow, and closes every connection that lost bytes to a black hole (including those
     * accepted during it, which never reached the server): a real network gives TCP back its
     * stream whole or not at all, never with a gap, so such a connection ends rather than resume
     * mid-message.
     */
    public void heal() {
        settings.clear();
        for (ProxiedConnection connection : connections) {
            if (connection.lostBytes()) {
                connection.close();
            }
        }
    }

    // ---- observation

    /** How many bytes have come from the server so far, over all connections. */
    public long serverBytes() {
        return settings.serverBytes();
    }

    /**
     * How many connections open now lost bytes to the black hole (or were accepted during it):
     * those {@link #heal()} will close.
     */
    public int connectionsThatLostBytes() {
        int count = 0;
        for (ProxiedConnection connection : connections) {
            if (!connection.isClosed() && connection.lostBytes()) {
                count++;
            }
        }
        return count;
    }

    /** How many client connections are open through the proxy now. */
    public int openConnections() {
        connections.removeIf(ProxiedConnection::isClosed);
        return connections.size();
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            listener.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not close the fault proxy's listening socket", e);
        } finally {
            settings.clear(); // wake forwarding threads waiting on a hold
            cut();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            } catch (SocketException e) {
                return; // the listener was closed by close()
            } catch (IOException e) {
                if (closed) {
                    return;
                }
                continue; // one failed accept does not stop the proxy
            }
            ProxiedConnection connection = new ProxiedConnection(client, upstream, settings, "fault-proxy-" + id);
            connections.removeIf(ProxiedConnection::isClosed); // a long-lived proxy must not keep them all
            connections.add(connection);
            if (closed) {
                connection.close();
            } else {
                connection.start();
            }
        }
    }
}
