package dev.tusk.internal.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SaslPrepTest {

    @Test
    void asciiPasswordIsUsedUnchangedEvenWithControlCharactersAsInPostgres() {
        assertThat(SaslPrep.prepare("pencil")).contains("pencil");
        assertThat(SaslPrep.prepare("a\tb\u0007")).contains("a\tb\u0007");
    }

    @Test
    void nonAsciiSpacesAreMappedToSpace() {
        assertThat(SaslPrep.prepare("a\u00A0b\u3000c\u2003d")).contains("a b c d");
    }

    @Test
    void softHyphenAndOtherCommonlyMappedToNothingCharactersAreRemoved() {
        assertThat(SaslPrep.prepare("I\u00ADX")).contains("IX");
        assertThat(SaslPrep.prepare("us\u200Der\uFEFF\u00E9")).contains("user\u00E9");
    }

    @Test
    void resultIsNfkcNormalized() {
        assertThat(SaslPrep.prepare("\u2168")).contains("IX");
        assertThat(SaslPrep.prepare("\u00AA")).contains("a");
        assertThat(SaslPrep.prepare("e\u0301")).contains("\u00E9");
    }

    @Test
    void prohibitedNonAsciiControlCharacterIsRefused() {
        assertThat(SaslPrep.prepare("abc\u0085")).isEmpty();
    }

    @Test
    void codePointUnassignedInUnicode32IsRefused() {
        assertThat(SaslPrep.prepare("smile\uD83D\uDE00")).isEmpty();
    }

    @Test
    void rightToLeftStringMustStartAndEndWithRightToLeftCharacter() {
        assertThat(SaslPrep.prepare("\u0627\u0031")).isEmpty();
        assertThat(SaslPrep.prepare("\u0627\u0031\u0628")).contains("\u0627\u0031\u0628");
    }

    @Test
    void rightToLeftStringMustNotContainLeftToRightCharacter() {
        assertThat(SaslPrep.prepare("\u0627a\u0628")).isEmpty();
    }

    @Test
    void passwordThatMapsToNothingIsRefused() {
        assertThat(SaslPrep.prepare("\u00AD\u200C\u00AD")).isEmpty();
    }

    @Test
    void unpairedSurrogateIsRefused() {
        assertThat(SaslPrep.prepare("ab\uD800c")).isEmpty();
    }

    @Test
    void refusedPasswordFallsBackToItsRawUtf8BytesAsInPostgres() {
        String refused = "\u0627a\u0628";

        assertThat(SaslPrep.passwordBytes(refused)).isEqualTo(refused.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void acceptedPasswordIsUsedInItsPreparedForm() {
        assertThat(SaslPrep.passwordBytes("I\u00ADX\u00A0\u2168")).isEqualTo("IX IX".getBytes(StandardCharsets.UTF_8));
    }
}
