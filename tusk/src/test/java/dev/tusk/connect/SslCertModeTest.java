package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connect;
import static dev.tusk.connect.ConnectTesting.failure;
import static dev.tusk.connect.ConnectTesting.optionsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.SslCertMode;
import dev.tusk.SslMode;
import dev.tusk.TlsProvider;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.test.ClusterPerClass;
import dev.tusk.testkit.TempCluster;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * libpq's {@code sslcertmode}, observed from the server: {@code pg_stat_ssl.client_dn} names the
 * certificate the client sent, if any. The test kit's server asks every TLS client for one (it has
 * {@code ssl_ca_file}) and logs in with a password, so a certificate is optional to it.
 */
class SslCertModeTest {

    @RegisterExtension
    static final ClusterPerClass tlsServer = new ClusterPerClass(settings -> settings.ssl(true));

    private static TempCluster server() {
        return tlsServer.get();
    }

    private static ConnectOptions.Builder withClientCertificate(TlsProvider provider) {
        return optionsFor(server()).sslMode(SslMode.REQUIRE).tlsProvider(provider)
                .sslCert(server().clientCertPath()).sslKey(server().clientKeyPath());
    }

    /** The subject of the client certificate the server received, or null when none was sent. */
    private static String clientDn(ConnectOptions options) {
        try (Connection connection = connect(options)) {
            return connection.<String>fetchval("SELECT client_dn FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                    .orTimeout(ConnectTesting.CONNECT_BOUND_SECONDS, TimeUnit.SECONDS).join();
        }
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void allowSendsTheConfiguredCertificate(TlsProvider provider) {
        ConnectOptions options = withClientCertificate(provider).build();
        assertThat(options.sslCertMode()).isEqualTo(SslCertMode.ALLOW);
        assertThat(clientDn(options)).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void disableNeverSendsIt(TlsProvider provider) {
        assertThat(clientDn(withClientCertificate(provider).dsn("sslcertmode=disable").build())).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void requireConnectsWhenTheCertificateWasSent(TlsProvider provider) {
        assertThat(clientDn(withClientCertificate(provider).sslCertMode(SslCertMode.REQUIRE).build())).isNotNull();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void requireFailsWhenTheServerLetsTheClientInWithoutOne(TlsProvider provider) {
        ConnectOptions noCertificate = optionsFor(server()).sslMode(SslMode.REQUIRE).tlsProvider(provider)
                .sslCertMode(SslCertMode.REQUIRE).build();
        assertThat(failure(noCertificate))
                .hasMessageContaining("server accepted connection without a valid SSL certificate")
                .hasMessageNotContaining(server().password());
    }

    @Test
    void requireWithoutTlsFailsToo() {
        assertThat(failure(optionsFor(server()).sslMode(SslMode.DISABLE).dsn("sslcertmode=require").build()))
                .hasMessageContaining("server accepted connection without a valid SSL certificate");
    }

    @Test
    void theKeywordAndItsErrors() {
        assertThat(ConnectOptions.builder().useEnvironment(false).dsn("sslcertmode=REQUIRE").build().sslCertMode())
                .isEqualTo(SslCertMode.REQUIRE);
        assertThat(ConnectOptions.builder().useEnvironment(false).dsn("sslcertmode=disable").build().toString())
                .contains("sslCertMode=disable");
        assertThatThrownBy(() -> ConnectOptions.builder().useEnvironment(false).dsn("sslcertmode=sometimes").build())
                .isInstanceOf(InterfaceException.class)
                .hasMessage("invalid sslcertmode \"sometimes\" (expected one of: disable, allow, require)"
                        + " (from connection string)");
    }

    @Test
    void disableCannotApplyToACallersOwnSslContext() throws Exception {
        assertThat(failure(optionsFor(server()).sslMode(SslMode.REQUIRE).sslContext(SSLContext.getDefault())
                .sslCertMode(SslCertMode.DISABLE).build()))
                .isInstanceOf(InterfaceException.class)
                .hasMessageContaining("sslcertmode=disable cannot apply to a caller's SSLContext");
    }
}
