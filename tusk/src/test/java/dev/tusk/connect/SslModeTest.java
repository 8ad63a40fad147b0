package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connect;
import static dev.tusk.connect.ConnectTesting.connectsWithTls;
import static dev.tusk.connect.ConnectTesting.failure;
import static dev.tusk.connect.ConnectTesting.optionsFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.SslMode;
import dev.tusk.exceptions.ClientCannotConnectException;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.testkit.TempCluster;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * libpq's sslmode table against a server with SSL on and one with SSL off, checked by what the
 * server reports in {@code pg_stat_ssl}.
 */
class SslModeTest {

    /** An address the SSL server listens on but its certificate (localhost, 127.0.0.1, ::1) does not name. */
    private static final String UNNAMED_ADDRESS = "127.0.0.2";

    private static TempCluster sslOn;
    private static TempCluster sslOff;
    @TempDir
    static Path files;
    private static Path unrelatedCa;

    @BeforeAll
    static void startServers() {
        sslOn = TempCluster.builder().ssl(true)
                .setting("listen_addresses", "127.0.0.1," + UNNAMED_ADDRESS)
                .hbaLine("hostnossl all tls_only 127.0.0.1/32 reject")
                .hbaLine("hostssl all plain_only 127.0.0.1/32 reject")
                .hbaLine("host all all " + UNNAMED_ADDRESS + "/32 scram-sha-256")
                .start();
        try (Connection admin = connect(optionsFor(sslOn).sslMode(SslMode.REQUIRE).build())) {
            admin.execute("CREATE ROLE tls_only LOGIN PASSWORD 'tls-only-pw'").join();
            admin.execute("CREATE ROLE plain_only LOGIN PASSWORD 'plain-only-pw'").join();
        }
        sslOff = TempCluster.builder().start();
        unrelatedCa = ConnectTesting.unrelatedCaCertificate(files);
    }

    @AfterAll
    static void stopServers() {
        if (sslOn != null) {
            sslOn.close();
        }
        if (sslOff != null) {
            sslOff.close();
        }
    }

    @Test
    void disableAndAllowConnectInPlaintextToAServerWithSsl() {
        assertThat(connectsWithTls(optionsFor(sslOn).sslMode(SslMode.DISABLE).build())).isFalse();
        assertThat(connectsWithTls(optionsFor(sslOn).sslMode(SslMode.ALLOW).build())).isFalse();
    }

    @Test
    void preferAndRequireUseTlsWithoutCheckingTheCertificate() {
        assertThat(connectsWithTls(optionsFor(sslOn).sslMode(SslMode.PREFER).build())).isTrue();
        assertThat(connectsWithTls(optionsFor(sslOn).sslMode(SslMode.REQUIRE).build())).isTrue();
        assertThat(connectsWithTls(optionsFor(sslOn).sslMode(SslMode.REQUIRE).host(UNNAMED_ADDRESS).build())).isTrue();
    }

    @Test
    void preferIsTheDefault() {
        assertThat(optionsFor(sslOn).build().sslMode()).isEqualTo(SslMode.PREFER);
        assertThat(connectsWithTls(optionsFor(sslOn).build())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = SslMode.class, names = {"VERIFY_CA", "VERIFY_FULL"})
    void verifyModesUseTlsWithTheRightRootCertificate(SslMode mode) {
        assertThat(connectsWithTls(optionsFor(sslOn).sslMode(mode).sslRootCert(sslOn.caCertPath()).build())).isTrue();
    }

    @Test
    void verifyFullAcceptsTheHostNameInTheCertificate() {
        assertThat(connectsWithTls(optionsFor(sslOn).sslMode(SslMode.VERIFY_FULL).host("localhost")
                .sslRootCert(sslOn.caCertPath()).build())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = SslMode.class, names = {"VERIFY_CA", "VERIFY_FULL", "REQUIRE"})
    void aWrongRootCertificateFailsTheVerifyModesAndRequireWithARootCertificate(SslMode mode) {
        Throwable failure = failure(optionsFor(sslOn).sslMode(mode).sslRootCert(unrelatedCa).build());
        assertThat(failure).isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining("TLS handshake with 127.0.0.1:" + sslOn.port() + " failed");
    }

    @ParameterizedTest
    @EnumSource(value = SslMode.class, names = {"ALLOW", "PREFER", "REQUIRE"})
    void theWeakTlsModesWithTheRightRootCertificateVerifyAndUseTls(SslMode mode) {
        // allow starts in plaintext; tls_only makes the server refuse it, so allow retries with TLS
        assertThat(connectsWithTls(optionsFor(sslOn).sslMode(mode).user("tls_only").password("tls-only-pw")
                .host(UNNAMED_ADDRESS).sslRootCert(sslOn.caCertPath()).build())).isTrue();
    }

    @Test
    void preferWithAWrongRootCertificateFallsBackToPlaintextAsLibpqDoes() {
        assertThat(connectsWithTls(optionsFor(sslOn).sslMode(SslMode.PREFER).sslRootCert(unrelatedCa).build()))
                .isFalse();
    }

    @Test
    void theWeakModesWithAWrongRootCertificateNeverUseAnUnverifiedTlsConnection() {
        // a user the server takes over TLS only: plaintext is refused, and TLS fails verification
        ConnectOptions.Builder tlsOnly = optionsFor(sslOn).user("tls_only").password("tls-only-pw")
                .sslRootCert(unrelatedCa);
        assertThat(failure(tlsOnly.sslMode(SslMode.ALLOW).build())).isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining("TLS handshake");
        // the server names the plaintext attempt "no encryption" from PostgreSQL 14 on, "SSL off" before
        assertThat(failure(tlsOnly.sslMode(SslMode.PREFER).build())).hasMessageContaining("pg_hba.conf")
                .hasMessageMatching("(?s).*(no encryption|SSL off).*");
    }

    @Test
    void requireWithTheRightRootCertificateVerifiesTheChainButNotTheHostName() {
        assertThat(connectsWithTls(optionsFor(sslOn).sslMode(SslMode.REQUIRE).host(UNNAMED_ADDRESS)
                .sslRootCert(sslOn.caCertPath()).build())).isTrue();
    }

    @Test
    void verifyCaAcceptsACertificateForAnotherHostName() {
        assertThat(connectsWithTls(optionsFor(sslOn).sslMode(SslMode.VERIFY_CA).host(UNNAMED_ADDRESS)
                .sslRootCert(sslOn.caCertPath()).build())).isTrue();
    }

    @Test
    void verifyFullRefusesACertificateThatDoesNotNameTheHostAndNeverFallsBackToPlaintext() {
        Throwable failure = failure(optionsFor(sslOn).sslMode(SslMode.VERIFY_FULL).host(UNNAMED_ADDRESS)
                .sslRootCert(sslOn.caCertPath()).build());
        assertThat(failure).isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining("TLS handshake with " + UNNAMED_ADDRESS + ":" + sslOn.port() + " failed")
                .hasMessageContaining(UNNAMED_ADDRESS);
    }

    @ParameterizedTest
    @EnumSource(value = SslMode.class, names = {"VERIFY_CA", "VERIFY_FULL"})
    void verifyModesWithoutARootCertificateFailSayingOneIsNeeded(SslMode mode) {
        Throwable failure = failure(optionsFor(sslOn).sslMode(mode).build());
        assertThat(failure).isInstanceOf(InterfaceException.class).hasMessageContaining("root certificate");
    }

    @Test
    void allowRetriesWithTlsWhenTheServerRejectsPlaintext() {
        assertThat(connectsWithTls(optionsFor(sslOn).sslMode(SslMode.ALLOW)
                .user("tls_only").password("tls-only-pw").build())).isTrue();
    }

    @Test
    void preferRetriesInPlaintextWhenTheServerRejectsTls() {
        assertThat(connectsWithTls(optionsFor(sslOn).sslMode(SslMode.PREFER)
                .user("plain_only").password("plain-only-pw").build())).isFalse();
    }

    @Test
    void requireDoesNotRetryInPlaintextWhenTheServerRejectsTls() {
        Throwable failure = failure(optionsFor(sslOn).sslMode(SslMode.REQUIRE)
                .user("plain_only").password("plain-only-pw").build());
        assertThat(failure).hasMessageContaining("pg_hba.conf").hasMessageContaining("plain_only");
    }

    @Test
    void disableDoesNotRetryWithTlsWhenTheServerRejectsPlaintext() {
        Throwable failure = failure(optionsFor(sslOn).sslMode(SslMode.DISABLE)
                .user("tls_only").password("tls-only-pw").build());
        assertThat(failure).hasMessageContaining("pg_hba.conf").hasMessageContaining("tls_only");
    }

    @ParameterizedTest
    @EnumSource(value = SslMode.class, names = {"DISABLE", "ALLOW", "PREFER"})
    void theWeakModesConnectInPlaintextToAServerWithoutSsl(SslMode mode) {
        assertThat(connectsWithTls(optionsFor(sslOff).sslMode(mode).build())).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = SslMode.class, names = {"REQUIRE", "VERIFY_CA", "VERIFY_FULL"})
    void theStrictModesRefuseAServerWithoutSsl(SslMode mode) {
        Throwable failure = failure(optionsFor(sslOff).sslMode(mode).sslRootCert(unrelatedCa).build());
        assertThat(failure).isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining("does not support TLS")
                .hasMessageContaining("sslmode is " + mode.keyword());
    }
}
