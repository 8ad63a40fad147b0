package dev.tusk.internal.connection;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * The event loops every Tusk connection shares (daemon threads, one per core) and the channel
 * types that go with them: native epoll when its jar is present and loads, NIO otherwise.
 */
public final class Transports {

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
                    int threads = Integer.getInteger("tusk.eventLoopThreads", Runtime.getRuntime().availableProcessors());
                    current = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("tusk-io", true), handler);
                    group = current;
                }
            }
        }
        return current;
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
