package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connectsWithTls;
import static dev.tusk.connect.ConnectTesting.failure;
import static dev.tusk.connect.ConnectTesting.optionsFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ChannelBinding;
import dev.tusk.ConnectOptions;
import dev.tusk.SslMode;
import dev.tusk.SslNegotiation;
import dev.tusk.Tusk;
import dev.tusk.test.ClusterPerClass;
import dev.tusk.testkit.TempCluster;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code sslnegotiation=direct}: the TLS handshake starts at once, without an SSLRequest (PostgreSQL 17+). */
class DirectTlsTest {

    @RegisterExtension
    static final ClusterPerClass tlsServer = new ClusterPerClass(settings -> settings.ssl(true));

    private static TempCluster cluster() {
        return tlsServer.get();
    }

    @Test
    void directTlsConnectsToPostgres17AndLaterAndFailsCleanlyBefore() {
        ConnectOptions options = optionsFor(cluster()).sslMode(SslMode.VERIFY_FULL).sslRootCert(cluster().caCertPath())
                .sslNegotiation(SslNegotiation.DIRECT).channelBinding(ChannelBinding.REQUIRE).build();
        if (cluster().majorVersion() >= 17) {
            assertThat(connectsWithTls(options)).isTrue();
        } else {
            assertThat(failure(options)).hasMessageContaining("127.0.0.1:" + cluster().port());
        }
    }

    @Test
    void theFirstByteSentIsATlsHandshakeRecordNotAnSslRequest() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ConnectOptions options = ConnectOptions.builder().useEnvironment(false).host("127.0.0.1")
                    .port(server.getLocalPort()).user("nobody").sslMode(SslMode.REQUIRE)
                    .sslNegotiation(SslNegotiation.DIRECT).connectTimeout(Duration.ofSeconds(20)).build();
            CompletableFuture<?> connecting = Tusk.connect(options);
            int first;
            try (Socket client = server.accept(); InputStream in = client.getInputStream()) {
                client.setSoTimeout(20_000);
                first = in.read();
            }
            assertThat(first).as("TLS record type handshake").isEqualTo(0x16);
            assertThat(connecting.handle((connection, failure) -> failure)
                    .orTimeout(ConnectTesting.CONNECT_BOUND_SECONDS, TimeUnit.SECONDS).join()).isNotNull();
        }
    }

    @Test
    void directTlsIsRefusedWithAnSslmodeWeakerThanRequire() {
        Throwable failure = null;
        try {
            optionsFor(cluster()).sslMode(SslMode.PREFER).sslNegotiation(SslNegotiation.DIRECT).build();
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).hasMessageContaining("sslnegotiation=direct");
    }
}
