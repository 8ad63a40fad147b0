package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connect;
import static dev.tusk.connect.ConnectTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.HostAndPort;
import dev.tusk.SslMode;
import dev.tusk.exceptions.ConnectTimeoutException;
import dev.tusk.test.Db;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * The connect timeout against a black-holed server: a socket whose TCP connection is accepted
 * (by the kernel, into the backlog) but which never answers a byte.
 */
class ConnectTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** A connect timeout that must also let the real server's start-up (TLS, SCRAM) finish on a slow machine. */
    private static final Duration TIMEOUT_ALSO_FOR_A_GOOD_HOST = Duration.ofSeconds(10);

    private static ServerSocket blackHole;

    @BeforeAll
    static void openBlackHole() throws Exception {
        blackHole = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterAll
    static void closeBlackHole() throws Exception {
        blackHole.close();
    }

    private static HostAndPort blackHoleHost() {
        return new HostAndPort("127.0.0.1", blackHole.getLocalPort());
    }

    @ParameterizedTest
    @EnumSource(value = SslMode.class, names = {"DISABLE", "PREFER", "REQUIRE"})
    void aServerThatNeverAnswersFailsWithConnectTimeoutException(SslMode mode) {
        ConnectOptions options = ConnectOptions.builder().useEnvironment(false).hosts(List.of(blackHoleHost()))
                .user("nobody").password("timeout-secret-4d1e").sslMode(mode).connectTimeout(TIMEOUT).build();
        Throwable failure = failure(options);
        assertThat(failure).isInstanceOf(ConnectTimeoutException.class)
                .hasMessageContaining("connecting to " + blackHoleHost())
                .hasMessageContaining("timeout: 2000 ms");
        SecretsInMessages.assertAbsent(failure, "timeout-secret-4d1e");
    }

    @Test
    void aHostThatTimesOutIsSkippedForTheNextOne() {
        ConnectOptions shared = Db.options().build();
        HostAndPort good = shared.hosts().get(0);
        ConnectOptions options = Db.options().hosts(List.of(blackHoleHost(), good))
                .connectTimeout(TIMEOUT_ALSO_FOR_A_GOOD_HOST).build();
        try (Connection connection = connect(options)) {
            assertThat(connection.<Integer>fetchval("SELECT 1").join()).isEqualTo(1);
        }
    }
}
