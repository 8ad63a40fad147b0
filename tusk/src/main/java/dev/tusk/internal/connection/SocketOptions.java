package dev.tusk.internal.connection;

import dev.tusk.ConnectOptions;
import dev.tusk.exceptions.InterfaceException;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.nio.NioChannelOption;
import java.io.IOException;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;

/**
 * The TCP settings of a connection's socket: no Nagle delay, and libpq's {@code keepalives},
 * {@code keepalives_idle}, {@code keepalives_interval}, {@code keepalives_count} and
 * {@code tcp_user_timeout}. With the native epoll transport every one is set through Netty's epoll
 * options; with NIO the keepalive timings go through the JDK's {@code jdk.net} options, and
 * {@code tcp_user_timeout}, which the JDK cannot set, is refused rather than ignored.
 */
final class SocketOptions {

    private SocketOptions() {
    }

    /**
     * Fails when the options ask for something the transport in use cannot set, before a
     * connection is tried (Netty would only log a warning and go on without it).
     *
     * @param epoll whether the native epoll transport is in use ({@link Transports#isEpoll()})
     * @throws InterfaceException naming the option and what would make it work
     */
    static void checkSupported(ConnectOptions options, boolean epoll) {
        if (epoll) {
            return;
        }
        if (!isZero(options.tcpUserTimeout())) {
            throw new InterfaceException("tcp_user_timeout needs Netty's native epoll transport on Linux "
                    + "(io.netty:netty-transport-native-epoll on the class path); the JDK cannot set it");
        }
        if (tunesKeepalives(options) && !NioKeepalives.SUPPORTED) {
            throw new InterfaceException("keepalives_idle, keepalives_interval and keepalives_count are not "
                    + "supported by this JDK on " + System.getProperty("os.name"));
        }
    }

    /**
     * Sets the options' TCP settings on every channel the bootstrap makes.
     *
     * @param epoll whether the bootstrap makes native epoll channels, else NIO ones
     */
    static void apply(Bootstrap bootstrap, ConnectOptions options, boolean epoll) {
        bootstrap.option(ChannelOption.TCP_NODELAY, true);
        bootstrap.option(ChannelOption.SO_KEEPALIVE, options.keepalives());
        if (options.keepalives()) {
            Duration idle = options.keepalivesIdle();
            Duration interval = options.keepalivesInterval();
            Integer count = options.keepalivesCount();
            if (epoll) {
                EpollTransport.keepalives(bootstrap, seconds(idle), seconds(interval), count);
            } else if (tunesKeepalives(options)) {
                NioKeepalives.apply(bootstrap, seconds(idle), seconds(interval), count);
            }
        }
        if (epoll && !isZero(options.tcpUserTimeout())) {
            EpollTransport.tcpUserTimeout(bootstrap, (int) Math.min(Integer.MAX_VALUE, options.tcpUserTimeout().toMillis()));
        }
    }

    private static boolean tunesKeepalives(ConnectOptions options) {
        return options.keepalives() && (options.keepalivesIdle() != null || options.keepalivesInterval() != null
                || options.keepalivesCount() != null);
    }

    private static boolean isZero(Duration duration) {
        return duration == null || duration.isZero();
    }

    /** Whole seconds, or null when not set. */
    private static Integer seconds(Duration duration) {
        return duration == null ? null : (int) duration.getSeconds();
    }

    /** The JDK's keepalive timing options, looked at once. */
    private static final class NioKeepalives {

        static final boolean SUPPORTED = supported();

        private static boolean supported() {
            try (SocketChannel probe = SocketChannel.open()) {
                return probe.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPIDLE)
                        && probe.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPINTERVAL)
                        && probe.supportedOptions().contains(ExtendedSocketOptions.TCP_KEEPCOUNT);
            } catch (IOException e) {
                return false;
            }
        }

        static void apply(Bootstrap bootstrap, Integer idle, Integer interval, Integer count) {
            if (idle != null) {
                bootstrap.option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE), idle);
            }
            if (interval != null) {
                bootstrap.option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL), interval);
            }
            if (count != null) {
                bootstrap.option(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT), count);
            }
        }
    }
}
