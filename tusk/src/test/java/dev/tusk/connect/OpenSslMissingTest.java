package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connectsWithTls;
import static dev.tusk.connect.ConnectTesting.failure;
import static dev.tusk.connect.ConnectTesting.optionsFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.SslMode;
import dev.tusk.TlsProvider;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.test.ClusterPerClass;
import dev.tusk.testkit.TempCluster;
import io.netty.handler.ssl.OpenSsl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Without netty-tcnative (hidden by {@code io.netty.handler.ssl.noOpenSsl} in the {@code tls-jdk}
 * execution, the only one that runs this class): AUTO falls back to the JDK, and asking for
 * OpenSSL, or for what only OpenSSL does (sslkeylogfile), fails naming what to add.
 */
class OpenSslMissingTest {

    @RegisterExtension
    static final ClusterPerClass tlsServer = new ClusterPerClass(settings -> settings.ssl(true));

    private static TempCluster server() {
        return tlsServer.get();
    }

    @Test
    void openSslIsHiddenInThisRun() {
        assertThat(OpenSsl.isAvailable()).as("run with -Dio.netty.handler.ssl.noOpenSsl=true (tls-jdk)").isFalse();
    }

    @Test
    void autoConnectsWithTheJdk() {
        assertThat(connectsWithTls(optionsFor(server()).sslMode(SslMode.REQUIRE).build())).isTrue();
    }

    @Test
    void openSslFailsNamingTheDependency() {
        assertThat(failure(optionsFor(server()).sslMode(SslMode.REQUIRE).tlsProvider(TlsProvider.OPENSSL).build()))
                .isInstanceOf(InterfaceException.class)
                .hasMessageContaining("tlsProvider OPENSSL needs io.netty:netty-tcnative-boringssl-static");
    }

    @Test
    void keyLoggingFailsNamingTheDependency() {
        assertThat(failure(optionsFor(server()).sslMode(SslMode.REQUIRE)
                .sslKeyLogFile(java.nio.file.Path.of("keys.log")).build()))
                .isInstanceOf(InterfaceException.class)
                .hasMessageContaining("sslkeylogfile needs the OpenSSL TLS engine: add io.netty:netty-tcnative-boringssl-static");
    }
}
