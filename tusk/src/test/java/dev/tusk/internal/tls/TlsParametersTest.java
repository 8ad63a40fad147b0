package dev.tusk.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.TlsVersion;
import javax.net.ssl.SNIHostName;
import org.junit.jupiter.api.Test;

class TlsParametersTest {

    private static final String[] SUPPORTED = {"TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1", "SSLv3", "SSLv2Hello"};

    @Test
    void protocolsAreTheSupportedOnesWithinTheBounds() {
        assertThat(TlsParameters.protocols(SUPPORTED, TlsVersion.TLS_1_2, null)).containsExactly("TLSv1.2", "TLSv1.3");
        assertThat(TlsParameters.protocols(SUPPORTED, TlsVersion.TLS_1_0, TlsVersion.TLS_1_1))
                .containsExactly("TLSv1", "TLSv1.1");
        assertThat(TlsParameters.protocols(SUPPORTED, TlsVersion.TLS_1_3, TlsVersion.TLS_1_3)).containsExactly("TLSv1.3");
        assertThat(TlsParameters.protocols(new String[] {"TLSv1.2"}, TlsVersion.TLS_1_3, null)).isEmpty();
    }

    @Test
    void sniNamesAHostButNeverAnAddress() {
        assertThat(TlsParameters.serverNames("db.example.com", true)).containsExactly(new SNIHostName("db.example.com"));
        assertThat(TlsParameters.serverNames("localhost", true)).containsExactly(new SNIHostName("localhost"));
        assertThat(TlsParameters.serverNames("db.example.com", false)).isEmpty();
        assertThat(TlsParameters.serverNames("127.0.0.1", true)).isEmpty();
        assertThat(TlsParameters.serverNames("::1", true)).isEmpty();
        assertThat(TlsParameters.serverNames("2001:db8::1", true)).isEmpty();
        assertThat(TlsParameters.serverNames("not_a_dns_name", true)).isEmpty();
    }
}
