package dev.tusk.internal.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.ChannelBinding;
import dev.tusk.SslCertMode;
import dev.tusk.SslMode;
import dev.tusk.TargetSessionAttrs;
import dev.tusk.TlsVersion;
import dev.tusk.exceptions.InterfaceException;
import org.junit.jupiter.api.Test;

/** The keyword enums' lookup: any case, and a message that lists the valid keywords in order. */
class KeywordEnumsTest {

    @Test
    void keywordsAreFoundIgnoringCase() {
        assertThat(SslMode.fromKeyword("Verify-Full")).isEqualTo(SslMode.VERIFY_FULL);
        assertThat(TargetSessionAttrs.fromKeyword("PREFER-STANDBY")).isEqualTo(TargetSessionAttrs.PREFER_STANDBY);
        assertThat(TlsVersion.fromKeyword("tlsv1.3")).isEqualTo(TlsVersion.TLS_1_3);
        assertThat(ChannelBinding.fromKeyword("require")).isEqualTo(ChannelBinding.REQUIRE);
        assertThat(SslCertMode.fromKeyword("Disable")).isEqualTo(SslCertMode.DISABLE);
    }

    @Test
    void anUnknownKeywordIsRefusedListingTheValidOnes() {
        assertThatThrownBy(() -> SslMode.fromKeyword("verify")).isInstanceOf(InterfaceException.class)
                .hasMessage("invalid sslmode \"verify\" (expected one of: disable, allow, prefer, require, verify-ca, "
                        + "verify-full)");
        assertThatThrownBy(() -> TargetSessionAttrs.fromKeyword("master")).isInstanceOf(InterfaceException.class)
                .hasMessage("invalid target_session_attrs \"master\" (expected one of: any, read-write, read-only, "
                        + "primary, standby, prefer-standby)");
        assertThatThrownBy(() -> TlsVersion.fromKeyword("SSLv3")).isInstanceOf(InterfaceException.class)
                .hasMessage("invalid SSL protocol version \"SSLv3\" (expected one of: TLSv1, TLSv1.1, TLSv1.2, TLSv1.3)");
        assertThatThrownBy(() -> ChannelBinding.fromKeyword("always")).isInstanceOf(InterfaceException.class)
                .hasMessage("invalid channel_binding \"always\" (expected one of: disable, prefer, require)");
        assertThatThrownBy(() -> SslCertMode.fromKeyword("")).isInstanceOf(InterfaceException.class)
                .hasMessage("invalid sslcertmode \"\" (expected one of: disable, allow, require)");
    }
}
