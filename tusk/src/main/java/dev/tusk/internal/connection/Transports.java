package dev.tusk.internal.connection;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;

/**
 * The event loops every Tusk connection shares (daemon threads) and the channel types that go
 * with them: native epoll when its jar is present and loads, NIO otherwise.
 *
 * <p>The group has {@link #defaultEventLoopThreads()} loops unless {@code -Dtusk.eventLoopThreads}
 * says otherwise. A loop's thread starts with the first connection placed on it and connections
 * are placed round-robin, so the first connections each get a thread of their own. That matters
 * when calls are latency-bound and the server shares the machine: a connection whose thread
 * serves it alone can be scheduled beside its backend, each waking the other on the same core
 * (measured on two cores, 10 connections with one call each: SELECT 1 at 146–153 k calls/s with
 * 10 loops against 105–108 k with 2; wide results unchanged; docs/benchmarks.md).
 */
public final class Transports {

    /** The fewest loops by default, whatever the number of cores: see the class comment. */
    private static final int MIN_DEFAULT_EVENT_LOOPS = 16;

    private static final boolean EPOLL = epollAvailable();
    private static volatile EventLoopGroup group;

    private Transports() {
    }

    private static boolean epollAvailable() {
        if (Boolean.getBoolean("tusk.transport.nio")) {
            return false;
        }
        try {
            Class.forName("io.netty.channel.epoll.Epoll");
            return EpollTransport.isAvailable();
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The shared event loop group, created on first use. */
    public static EventLoopGroup group() {
        EventLoopGroup current = group;
        if (current == null) {
            synchronized (Transports.class) {
                current = group;
                if (current == null) {
                    IoHandlerFactory handler = EPOLL ? EpollTransport.ioHandlerFactory() : NioIoHandler.newFactory();
                    int threads = Integer.getInteger("tusk.eventLoopThreads", defaultEventLoopThreads());
                    if (threads < 1) {
                        throw new IllegalArgumentException("-Dtusk.eventLoopThreads=" + threads + ": expected at least 1");
                    }
                    current = new MultiThreadIoEventLoopGroup(threads, new IoThreadFactory(), handler);
                    group = current;
                }
            }
        }
        return current;
    }

    /** Whether the calling thread is one of Tusk's I/O threads, where nothing may block. */
    public static boolean onIoThread() {
        return Thread.currentThread() instanceof IoThread;
    }

    /** Daemon threads named {@code tusk-io-N-M}, recognisable by {@link #onIoThread()}. */
    private static final class IoThreadFactory extends DefaultThreadFactory {
        IoThreadFactory() {
            super("tusk-io", true);
        }

        @Override
        protected Thread newThread(Runnable task, String name) {
            return new IoThread(threadGroup, task, name);
        }
    }

    private static final class IoThread extends FastThreadLocalThread {
        IoThread(ThreadGroup group, Runnable task, String name) {
            super(group, task, name);
        }
    }

    /** Twice the cores, as Netty's own default, and at least {@value #MIN_DEFAULT_EVENT_LOOPS}. */
    public static int defaultEventLoopThreads() {
        return Math.max(MIN_DEFAULT_EVENT_LOOPS, 2 * Runtime.getRuntime().availableProcessors());
    }

    public static Class<? extends Channel> socketChannel() {
        return EPOLL ? EpollTransport.socketChannel() : NioSocketChannel.class;
    }

    public static Class<? extends Channel> domainSocketChannel() {
        return EPOLL ? EpollTransport.domainSocketChannel() : NioDomainSocketChannel.class;
    }

    /** The address of a Unix-domain socket file, in the form the transport in use expects. */
    public static java.net.SocketAddress domainSocketAddress(String path) {
        return EPOLL ? EpollTransport.domainSocketAddress(path) : java.net.UnixDomainSocketAddress.of(path);
    }

    /** Whether the native epoll transport is in use. */
    public static boolean isEpoll() {
        return EPOLL;
    }
}
