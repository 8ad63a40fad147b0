package dev.tusk.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.HostAndPort;
import dev.tusk.Tusk;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.test.Await;
import dev.tusk.test.Db;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioChannelOption;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.time.Duration;
import jdk.net.ExtendedSocketOptions;
import org.junit.jupiter.api.Test;

/**
 * libpq's keepalive and user-timeout options reach the socket: each is read back from the
 * kernel through the channel, on the transport the driver uses and on NIO.
 */
class SocketOptionsTest {

    private static final String TUNED = "keepalives_idle=7 keepalives_interval=3 keepalives_count=4";

    @Test
    void theTransportInUseSetsEveryOption() {
        assertThat(Transports.isEpoll()).as("the tests run on the native epoll transport").isTrue();
        ConnectOptions options = Db.options().keepalivesIdle(Duration.ofSeconds(7))
                .keepalivesInterval(Duration.ofSeconds(3)).keepalivesCount(4).tcpUserTimeout(Duration.ofMillis(9000))
                .build();
        try (Connection connection = Tusk.connect(options).join()) {
            Channel channel = ((PgConnection) connection).core().channel();
            assertThat(channel.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
            assertThat(channel.config().getOption(EpollChannelOption.TCP_KEEPIDLE)).isEqualTo(7);
            assertThat(channel.config().getOption(EpollChannelOption.TCP_KEEPINTVL)).isEqualTo(3);
            assertThat(channel.config().getOption(EpollChannelOption.TCP_KEEPCNT)).isEqualTo(4);
            assertThat(channel.config().getOption(EpollChannelOption.TCP_USER_TIMEOUT)).isEqualTo(9000);
            assertThat(connection.fetchval("SELECT 1").join()).isEqualTo(1);
        }
    }

    @Test
    void keepalivesOffTurnsThemOff() {
        try (Connection connection = Tusk.connect(Db.options().keepalives(false).build()).join()) {
            Channel channel = ((PgConnection) connection).core().channel();
            assertThat(channel.config().getOption(ChannelOption.SO_KEEPALIVE)).isFalse();
        }
    }

    @Test
    void nioSetsTheKeepaliveTimingsThroughTheJdk() throws Exception {
        ConnectOptions options = Db.options().keepalivesIdle(Duration.ofSeconds(11))
                .keepalivesInterval(Duration.ofSeconds(5)).keepalivesCount(6).build();
        SocketOptions.checkSupported(options, false);
        HostAndPort server = options.hosts().get(0);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInboundHandlerAdapter());
            SocketOptions.apply(bootstrap, options, false);
            Channel channel = bootstrap.connect(server.host(), server.port()).sync().channel();
            try {
                assertThat(channel.config().getOption(ChannelOption.SO_KEEPALIVE)).isTrue();
                assertThat(channel.config().getOption(ChannelOption.TCP_NODELAY)).isTrue();
                assertThat(channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPIDLE))).isEqualTo(11);
                assertThat(channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPINTERVAL))).isEqualTo(5);
                assertThat(channel.config().getOption(NioChannelOption.of(ExtendedSocketOptions.TCP_KEEPCOUNT))).isEqualTo(6);
            } finally {
                channel.close().sync();
            }
        } finally {
            group.shutdownGracefully(0, 0, java.util.concurrent.TimeUnit.SECONDS).await(Await.BOUND.toMillis());
        }
    }

    @Test
    void nioRefusesTcpUserTimeoutRatherThanIgnoringIt() {
        ConnectOptions options = Db.options().tcpUserTimeout(Duration.ofSeconds(5)).build();
        assertThatThrownBy(() -> SocketOptions.checkSupported(options, false))
                .isInstanceOf(InterfaceException.class)
                .hasMessageStartingWith("tcp_user_timeout needs Netty's native epoll transport");
        SocketOptions.checkSupported(options, true);
    }

    @Test
    void valuesOutOfRangeFailWhenGiven() {
        assertThatThrownBy(() -> ConnectOptions.builder().useEnvironment(false).dsn("keepalives_idle=0").build())
                .isInstanceOf(InterfaceException.class)
                .hasMessage("invalid keepalives_idle 0 (expected 1 to 32767 seconds) (from connection string)");
        assertThatThrownBy(() -> ConnectOptions.builder().useEnvironment(false).dsn("keepalives_count=200").build())
                .hasMessageStartingWith("invalid keepalives_count 200 (expected 1 to 127)");
        assertThatThrownBy(() -> ConnectOptions.builder().useEnvironment(false).dsn("tcp_user_timeout=-1").build())
                .hasMessageStartingWith("invalid tcp_user_timeout -1");
        assertThatThrownBy(() -> ConnectOptions.builder().keepalivesInterval(Duration.ofMillis(500)))
                .hasMessage("invalid keepalivesInterval 0 (expected 1 to 32767 seconds)");
        ConnectOptions defaults = ConnectOptions.builder().useEnvironment(false).build();
        assertThat(defaults.keepalivesIdle()).isNull();
        assertThat(defaults.keepalivesCount()).isNull();
        assertThat(defaults.tcpUserTimeout()).isEqualTo(Duration.ZERO);
        assertThat(ConnectOptions.builder().useEnvironment(false).dsn(TUNED).build().toString())
                .contains("keepalivesIdle=PT7S", "keepalivesInterval=PT3S", "keepalivesCount=4");
    }
}
