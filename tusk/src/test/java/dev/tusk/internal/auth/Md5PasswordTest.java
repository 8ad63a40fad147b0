package dev.tusk.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Md5PasswordTest {

    private static final byte[] SALT = {1, 2, 3, 4};

    @Test
    void encodesMd5OfHexMd5OfPasswordAndUserFollowedBySalt() {
        // printf '%s' secretpostgres | md5sum, then md5sum of that hex followed by bytes 01 02 03 04
        byte[] encoded = Md5Password.encode("postgres", "secret", SALT);

        assertThat(new String(encoded, StandardCharsets.US_ASCII)).isEqualTo("md5bb41a296aab6baccb36ff243a562abff");
    }

    @Test
    void leavesTheTerminatingNulToTheCaller() {
        byte[] encoded = Md5Password.encode("postgres", "secret", SALT);

        assertThat(encoded).hasSize(35).doesNotContain((byte) 0);
    }

    @Test
    void differentSaltGivesDifferentResponse() {
        byte[] other = Md5Password.encode("postgres", "secret", new byte[] {4, 3, 2, 1});

        assertThat(other).isNotEqualTo(Md5Password.encode("postgres", "secret", SALT));
    }

    @Test
    void rejectsSaltThatIsNotFourBytesNamingTheLength() {
        assertThatThrownBy(() -> Md5Password.encode("postgres", "secret", new byte[3]))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("MD5 salt length: 3 (expected: 4)");
    }
}
