package dev.tusk.internal.auth;

import static dev.tusk.internal.auth.ScramSha256Client.ChannelBindingMode.DISABLE;
import static dev.tusk.internal.auth.ScramSha256Client.ChannelBindingMode.PREFER;
import static dev.tusk.internal.auth.ScramSha256Client.ChannelBindingMode.REQUIRE;
import static dev.tusk.internal.auth.ScramSha256Client.selectMechanism;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScramMechanismSelectionTest {

    private static final List<String> BOTH = List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256");
    private static final List<String> PLAIN = List.of("SCRAM-SHA-256");

    @Test
    void withTlsAndPlusOfferedPrefersChannelBinding() {
        assertThat(selectMechanism(BOTH, true, PREFER)).isEqualTo("SCRAM-SHA-256-PLUS");
        assertThat(selectMechanism(List.of("SCRAM-SHA-256", "SCRAM-SHA-256-PLUS"), true, PREFER))
                .isEqualTo("SCRAM-SHA-256-PLUS");
    }

    @Test
    void requireChoosesPlusWhenOffered() {
        assertThat(selectMechanism(BOTH, true, REQUIRE)).isEqualTo("SCRAM-SHA-256-PLUS");
    }

    @Test
    void disableChoosesPlainScramEvenWhenPlusIsOffered() {
        assertThat(selectMechanism(BOTH, true, DISABLE)).isEqualTo("SCRAM-SHA-256");
    }

    @Test
    void withoutPlusOfferedPreferFallsBackToPlainScram() {
        assertThat(selectMechanism(PLAIN, true, PREFER)).isEqualTo("SCRAM-SHA-256");
        assertThat(selectMechanism(PLAIN, false, PREFER)).isEqualTo("SCRAM-SHA-256");
    }

    @Test
    void requireWithoutPlusOfferedFails() {
        assertThatThrownBy(() -> selectMechanism(PLAIN, true, REQUIRE))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageStartingWith("channel binding is required, but the server offered [SCRAM-SHA-256]");
    }

    @Test
    void requireWithoutTlsFails() {
        assertThatThrownBy(() -> selectMechanism(PLAIN, false, REQUIRE))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("without TLS");
    }

    @Test
    void plusOfferedOverConnectionWithoutTlsFailsAsInLibpq() {
        assertThatThrownBy(() -> selectMechanism(BOTH, false, PREFER))
                .isInstanceOf(AuthenticationException.class)
                .hasMessage("the server offered SCRAM-SHA-256-PLUS authentication over a connection without TLS");
    }

    @Test
    void noSupportedMechanismFailsListingTheServersMechanisms() {
        assertThatThrownBy(() -> selectMechanism(List.of("OAUTHBEARER", "SCRAM-SHA-1"), true, PREFER))
                .isInstanceOf(AuthenticationException.class)
                .hasMessageContaining("[OAUTHBEARER, SCRAM-SHA-1]");
    }
}
