package dev.tusk.internal.connection;

import io.netty.channel.Channel;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
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
}
