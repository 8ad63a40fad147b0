package dev.tusk.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/**
 * What {@link Connector} decides after a TLS handshake: libpq's check that a direct TLS server
 * selected ALPN "postgresql", and the reason a failed handshake reports.
 */
class TlsHandshakeOutcomeTest {

    @Test
    void aWrappedReasonIsReportedRatherThanTheWrapper() {
        SSLHandshakeException openSsl = new SSLHandshakeException("General OpenSslEngine problem");
        openSsl.initCause(new CertificateException("Certificate has been revoked"));
        assertThat(Connector.handshakeFailureReason(openSsl)).isEqualTo("Certificate has been revoked");
        SSLHandshakeException jdk = new SSLHandshakeException("Received fatal alert: protocol_version");
        assertThat(Connector.handshakeFailureReason(jdk)).isEqualTo("Received fatal alert: protocol_version");
    }

    @Test
    void theServerMustSelectPostgresql() {
        assertThat(Connector.alpnFailure("postgresql")).isNull();
        assertThat(Connector.alpnFailure(null))
                .isEqualTo("direct SSL connection was established without ALPN protocol negotiation extension");
        assertThat(Connector.alpnFailure("h2"))
                .isEqualTo("SSL connection was established with unexpected ALPN protocol");
    }
}
