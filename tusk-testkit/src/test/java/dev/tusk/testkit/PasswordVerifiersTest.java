package dev.tusk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PasswordVerifiersTest {

    @Test
    void md5VerifierHashesPasswordFollowedByUserName() {
        // md5("postgrespostgres"), the verifier PostgreSQL stores for this role and password.
        assertThat(PasswordVerifiers.md5("postgres", "postgres")).isEqualTo("md53175bce1d3201d16594cebf9d7eb3f9d");
    }

    @Test
    void initdbGetsAnMd5VerifierOnlyForMd5Authentication() {
        assertThat(PasswordVerifiers.forInitdb(AuthMethod.MD5, "postgres", "postgres"))
                .isEqualTo("md53175bce1d3201d16594cebf9d7eb3f9d");
        assertThat(PasswordVerifiers.forInitdb(AuthMethod.SCRAM_SHA_256, "postgres", "p")).isEqualTo("p");
    }

    @Test
    void onlyServersBefore14NeedTheirPasswordRehashedWithScram() {
        assertThat(PasswordVerifiers.needsScramAfterInitdb(AuthMethod.SCRAM_SHA_256, 13)).isTrue();
        assertThat(PasswordVerifiers.needsScramAfterInitdb(AuthMethod.PASSWORD, 12)).isTrue();
        assertThat(PasswordVerifiers.needsScramAfterInitdb(AuthMethod.MD5, 13)).isFalse();
        assertThat(PasswordVerifiers.needsScramAfterInitdb(AuthMethod.SCRAM_SHA_256, 14)).isFalse();
    }
}
