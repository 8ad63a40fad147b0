package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connect;
import static dev.tusk.connect.ConnectTesting.failure;
import static dev.tusk.connect.ConnectTesting.optionsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.SslMode;
import dev.tusk.TlsVersion;
import dev.tusk.exceptions.ClientCannotConnectException;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.testkit.TempCluster;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ssl_min_protocol_version and ssl_max_protocol_version, checked by the version the server reports in pg_stat_ssl. */
class TlsVersionTest {

    private static TempCluster server;
    private static TempCluster tls12Server;

    @BeforeAll
    static void startServers() {
        server = TempCluster.builder().ssl(true).start();
        tls12Server = TempCluster.builder().ssl(true).setting("ssl_max_protocol_version", "TLSv1.2").start();
    }

    @AfterAll
    static void stopServers() {
        if (server != null) {
            server.close();
        }
        if (tls12Server != null) {
            tls12Server.close();
        }
    }

    private static String tlsVersion(ConnectOptions options) {
        try (Connection connection = connect(options)) {
            return connection.<String>fetchval("SELECT version FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                    .orTimeout(ConnectTesting.CONNECT_BOUND_SECONDS, TimeUnit.SECONDS).join();
        }
    }

    @Test
    void byDefaultTheNewestVersionBothSpeakIsUsed() {
        assertThat(tlsVersion(optionsFor(server).sslMode(SslMode.REQUIRE).build())).isEqualTo("TLSv1.3");
        assertThat(tlsVersion(optionsFor(tls12Server).sslMode(SslMode.REQUIRE).build())).isEqualTo("TLSv1.2");
    }

    @Test
    void theMaximumCapsTheVersion() {
        assertThat(tlsVersion(optionsFor(server).dsn("sslmode=require ssl_max_protocol_version=TLSv1.2").build()))
                .isEqualTo("TLSv1.2");
        assertThat(tlsVersion(optionsFor(server).sslMode(SslMode.REQUIRE)
                .sslMaxProtocolVersion(TlsVersion.TLS_1_2).build())).isEqualTo("TLSv1.2");
    }

    @Test
    void aServerBelowTheMinimumIsRefused() {
        ConnectOptions options = optionsFor(tls12Server).sslMode(SslMode.REQUIRE)
                .sslMinProtocolVersion(TlsVersion.TLS_1_3).build();
        assertThat(failure(options))
                .isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining("TLS handshake with")
                .hasMessageNotContaining(tls12Server.password());
        assertThat(tlsVersion(optionsFor(server).sslMode(SslMode.REQUIRE)
                .sslMinProtocolVersion(TlsVersion.TLS_1_3).build())).isEqualTo("TLSv1.3");
    }

    @Test
    void anEmptyOrInvertedRangeFailsWhenBuilt() {
        assertThatThrownBy(() -> ConnectOptions.builder().useEnvironment(false)
                .dsn("ssl_min_protocol_version=TLSv1.3 ssl_max_protocol_version=TLSv1.2").build())
                .isInstanceOf(InterfaceException.class)
                .hasMessage("invalid SSL protocol version range: ssl_min_protocol_version TLSv1.3 is above "
                        + "ssl_max_protocol_version TLSv1.2");
        assertThatThrownBy(() -> ConnectOptions.builder().useEnvironment(false)
                .dsn("ssl_min_protocol_version=TLSv1.4").build())
                .isInstanceOf(InterfaceException.class)
                .hasMessageStartingWith("invalid SSL protocol version \"TLSv1.4\"");
        ConnectOptions defaults = ConnectOptions.builder().useEnvironment(false).build();
        assertThat(defaults.sslMinProtocolVersion()).isEqualTo(TlsVersion.TLS_1_2);
        assertThat(defaults.sslMaxProtocolVersion()).isNull();
        assertThat(defaults.sslSni()).isTrue();
        assertThat(ConnectOptions.builder().useEnvironment(false).dsn("sslsni=0").build().sslSni()).isFalse();
    }
}
