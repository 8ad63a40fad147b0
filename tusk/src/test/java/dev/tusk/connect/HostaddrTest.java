package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connect;
import static dev.tusk.connect.ConnectTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.SslMode;
import dev.tusk.exceptions.ClientCannotConnectException;
import dev.tusk.test.ClusterPerClass;
import dev.tusk.testkit.TempCluster;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * libpq's {@code hostaddr}: the connection goes to the address without looking the name up, and
 * the name is still what TLS checks the server's certificate against (the test kit's certificate
 * names localhost and 127.0.0.1).
 */
class HostaddrTest {

    @RegisterExtension
    static final ClusterPerClass tlsServer = new ClusterPerClass(settings -> settings.ssl(true));

    private static TempCluster server() {
        return tlsServer.get();
    }

    private static ConnectOptions.Builder options(String host, String hostaddr) {
        return ConnectOptions.builder().useEnvironment(false)
                .dsn("host=" + host + " hostaddr=" + hostaddr + " port=" + server().port())
                .user(server().user()).password(server().password()).database(server().database());
    }

    private static String serverAddress(Connection connection) {
        return connection.<Object>fetchval("SELECT host(inet_server_addr())")
                .orTimeout(ConnectTesting.CONNECT_BOUND_SECONDS, TimeUnit.SECONDS).join().toString();
    }

    @Test
    void aNameThatDoesNotResolveIsNeverLookedUp() {
        try (Connection connection = connect(options("db.no-such-domain.invalid", "127.0.0.1")
                .sslMode(SslMode.REQUIRE).build())) {
            assertThat(serverAddress(connection)).isEqualTo("127.0.0.1");
        }
    }

    @Test
    void verifyFullChecksTheNameNotTheAddress() {
        try (Connection connection = connect(options("localhost", "127.0.0.1")
                .sslMode(SslMode.VERIFY_FULL).sslRootCert(server().caCertPath()).build())) {
            assertThat(serverAddress(connection)).isEqualTo("127.0.0.1");
        }
        assertThat(failure(options("db.no-such-domain.invalid", "127.0.0.1")
                .sslMode(SslMode.VERIFY_FULL).sslRootCert(server().caCertPath()).build()))
                .isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining("db.no-such-domain.invalid (127.0.0.1):" + server().port())
                .hasMessageContaining("TLS handshake");
    }

    @Test
    void anEmptyAddressLooksItsHostUp() {
        ConnectOptions options = ConnectOptions.builder().useEnvironment(false)
                .dsn("host=db.no-such-domain.invalid,localhost hostaddr=127.0.0.2,")
                .port(server().port()).user(server().user()).password(server().password())
                .database(server().database()).sslMode(SslMode.DISABLE).build();
        try (Connection connection = connect(options)) {
            assertThat(connection.fetchval("SELECT 1").join()).isEqualTo(1);
        }
    }
}
