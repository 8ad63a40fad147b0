package dev.tusk.internal.connection;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;

/** Kept apart so that the optional epoll classes load only when they are present. */
final class EpollTransport {

    private EpollTransport() {
    }

    static boolean isAvailable() {
        return Epoll.isAvailable();
    }

    static IoHandlerFactory ioHandlerFactory() {
        return EpollIoHandler.newFactory();
    }

    static Class<? extends Channel> socketChannel() {
        return EpollSocketChannel.class;
    }

    static java.net.SocketAddress domainSocketAddress(String path) {
        return new io.netty.channel.unix.DomainSocketAddress(path);
    }

    static Class<? extends Channel> domainSocketChannel() {
        return EpollDomainSocketChannel.class;
    }

    /** libpq's keepalive timings on an epoll socket; null leaves the system's value. */
    static void keepalives(Bootstrap bootstrap, Integer idleSeconds, Integer intervalSeconds, Integer count) {
        if (idleSeconds != null) {
            bootstrap.option(EpollChannelOption.TCP_KEEPIDLE, idleSeconds);
        }
        if (intervalSeconds != null) {
            bootstrap.option(EpollChannelOption.TCP_KEEPINTVL, intervalSeconds);
        }
        if (count != null) {
            bootstrap.option(EpollChannelOption.TCP_KEEPCNT, count);
        }
    }

    /**
     * The user id and process id of the process at the other end of an epoll Unix-domain socket
     * ({@code SO_PEERCRED}), as {@code {uid, pid}}.
     */
    static int[] peerUidAndPid(Channel channel) throws java.io.IOException {
        io.netty.channel.unix.PeerCredentials credentials = ((EpollDomainSocketChannel) channel).peerCredentials();
        return new int[] {credentials.uid(), credentials.pid()};
    }

    /** libpq's tcp_user_timeout: how long sent data may stay unacknowledged before the connection is dropped. */
    static void tcpUserTimeout(Bootstrap bootstrap, int millis) {
        bootstrap.option(EpollChannelOption.TCP_USER_TIMEOUT, millis);
    }
}
