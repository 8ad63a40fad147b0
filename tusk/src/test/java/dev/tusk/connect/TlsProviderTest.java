package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connectsWithTls;
import static dev.tusk.connect.ConnectTesting.failure;
import static dev.tusk.connect.ConnectTesting.optionsFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.SslMode;
import dev.tusk.TlsProvider;
import dev.tusk.exceptions.ClientCannotConnectException;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.tls.TlsContexts;
import dev.tusk.test.ClusterPerClass;
import dev.tusk.testkit.TempCluster;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.ReferenceCountedOpenSslContext;
import io.netty.handler.ssl.SslProvider;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The TLS engine a connection gets ({@link TlsProvider}): OpenSSL when netty-tcnative is there
 * (a test dependency), the JDK's when asked or when the options need it, and the same checks on
 * either. The other TLS tests run once on OpenSSL (AUTO, this execution) and once on the JDK
 * (the {@code tls-jdk} execution); {@link OpenSslMissingTest} covers OpenSSL being absent.
 */
class TlsProviderTest {

    @RegisterExtension
    static final ClusterPerClass tlsServer = new ClusterPerClass(settings -> settings.ssl(true));

    private static TempCluster server() {
        return tlsServer.get();
    }

    private static ConnectOptions.Builder verifyFull(String host) {
        return optionsFor(server()).host(host).hostaddr("127.0.0.1").sslMode(SslMode.VERIFY_FULL)
                .sslRootCert(server().caCertPath());
    }

    @Test
    void openSslIsOnTheTestClassPath() {
        assertThat(OpenSsl.isAvailable())
                .as("netty-tcnative-boringssl-static (a test dependency) loads: %s", OpenSsl.unavailabilityCause())
                .isTrue();
    }

    @Test
    void autoTakesOpenSslWhenItLoads() {
        ConnectOptions options = verifyFull("localhost").build();
        assertThat(options.tlsProvider()).isEqualTo(TlsProvider.AUTO);
        assertThat(TlsContexts.provider(options)).isEqualTo(SslProvider.OPENSSL);
        assertThat(TlsContexts.forOptions(options, false)).isInstanceOf(ReferenceCountedOpenSslContext.class);
    }

    @Test
    void jdkIsTakenWhenAsked() {
        ConnectOptions options = verifyFull("localhost").tlsProvider(TlsProvider.JDK).build();
        assertThat(TlsContexts.forOptions(options, false)).isInstanceOf(JdkSslContext.class);
        assertThat(options.toString()).contains("tlsProvider=JDK");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void everyProviderVerifiesTheChainAndTheHostName(TlsProvider provider) {
        assertThat(connectsWithTls(verifyFull("localhost").tlsProvider(provider).build())).isTrue();
        assertThat(failure(verifyFull("db.not-in-the-certificate.invalid").tlsProvider(provider).build()))
                .isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining("TLS handshake");
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void everyProviderRefusesAnUntrustedServer(TlsProvider provider) throws Exception {
        ConnectOptions options = optionsFor(server()).tlsProvider(provider).sslMode(SslMode.VERIFY_CA)
                .sslRootCert(ConnectTesting.unrelatedCaCertificate(java.nio.file.Files.createTempDirectory("tusk-ca")))
                .build();
        assertThat(failure(options)).isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining("TLS handshake");
    }

    @Test
    void autoTakesTheJdkWhenTheOptionsNeedIt() throws Exception {
        // Netty's OpenSSL engine names the host in the handshake whatever it is told later.
        ConnectOptions noSni = verifyFull("localhost").sslSni(false).build();
        assertThat(TlsContexts.provider(noSni)).isEqualTo(SslProvider.JDK);
        assertThat(connectsWithTls(noSni)).isTrue();
        ConnectOptions ownContext = optionsFor(server()).sslMode(SslMode.REQUIRE).sslContext(SSLContext.getDefault())
                .build();
        assertThat(TlsContexts.provider(ownContext)).isEqualTo(SslProvider.JDK);
    }

    @Test
    void openSslRefusesWhatOnlyTheJdkCanDo() throws Exception {
        assertThat(failure(verifyFull("localhost").sslSni(false).tlsProvider(TlsProvider.OPENSSL).build()))
                .isInstanceOf(InterfaceException.class)
                .hasMessageContaining("sslsni=0 needs tlsProvider JDK or AUTO");
        assertThat(failure(optionsFor(server()).sslMode(SslMode.REQUIRE).sslContext(SSLContext.getDefault())
                .tlsProvider(TlsProvider.OPENSSL).build()))
                .isInstanceOf(InterfaceException.class)
                .hasMessageContaining("tlsProvider OPENSSL cannot use a caller's SSLContext");
    }
}
