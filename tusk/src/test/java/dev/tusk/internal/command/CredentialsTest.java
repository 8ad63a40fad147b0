package dev.tusk.internal.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.AuthenticationMethod;
import dev.tusk.ChannelBinding;
import dev.tusk.internal.auth.AuthenticationException;
import dev.tusk.internal.auth.ScramSha256Client;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which SCRAM mechanism each channel_binding setting picks, and the refusals channel_binding=require makes. */
class CredentialsTest {

    private static final Set<AuthenticationMethod> ALL = EnumSet.allOf(AuthenticationMethod.class);


    private static final List<String> BOTH = List.of("SCRAM-SHA-256-PLUS", "SCRAM-SHA-256");
    private static X509Certificate certificate;

    @BeforeAll
    static void makeCertificate(@TempDir Path directory) throws Exception {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256",
                "-days", "1", "-subj", "/CN=localhost", "-keyout", "key.pem", "-out", "cert.pem")
                .directory(directory.toFile()).redirectErrorStream(true).start();
        String output = new String(openssl.getInputStream().readAllBytes());
        assertThat(openssl.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(openssl.exitValue()).as(output).isZero();
        try (InputStream in = Files.newInputStream(directory.resolve("cert.pem"))) {
            certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static String mechanism(X509Certificate serverCertificate, ChannelBinding binding, List<String> offered) {
        return new Credentials("u", "pw", serverCertificate, binding, ALL, false).newScramClient(offered, "pw")
                .mechanism();
    }

    @Test
    void preferAndRequireBindToTlsWhenTheServerOffersPlus() {
        assertThat(mechanism(certificate, ChannelBinding.PREFER, BOTH)).isEqualTo("SCRAM-SHA-256-PLUS");
        assertThat(mechanism(certificate, ChannelBinding.REQUIRE, BOTH)).isEqualTo("SCRAM-SHA-256-PLUS");
    }

    @Test
    void disableUsesPlainScramEvenOverTls() {
        assertThat(mechanism(certificate, ChannelBinding.DISABLE, BOTH)).isEqualTo("SCRAM-SHA-256");
    }

    @Test
    void preferUsesPlainScramWithoutTls() {
        assertThat(mechanism(null, ChannelBinding.PREFER, List.of("SCRAM-SHA-256"))).isEqualTo("SCRAM-SHA-256");
    }

    @Test
    void requireRefusesAServerThatOffersOnlyPlainScram() {
        assertThatThrownBy(() -> mechanism(certificate, ChannelBinding.REQUIRE, List.of("SCRAM-SHA-256")))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("channel binding is required");
        assertThatThrownBy(() -> mechanism(null, ChannelBinding.REQUIRE, List.of("SCRAM-SHA-256")))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("without TLS");
    }

    @Test
    void requireRefusesCleartextAndMd5AndAnAuthenticationWithoutScram() {
        Credentials required = new Credentials("u", "pw", certificate, ChannelBinding.REQUIRE, ALL, false);
        assertThatThrownBy(required::refuseCleartextIfRequired).isInstanceOf(AuthenticationException.class);
        assertThatThrownBy(() -> required.requireBoundAuthentication(null))
                .isInstanceOf(AuthenticationException.class).hasMessageContaining("without channel binding");
        ScramSha256Client unbound = new Credentials("u", "pw", certificate, ChannelBinding.DISABLE, ALL, false)
                .newScramClient(BOTH, "pw");
        assertThatThrownBy(() -> required.requireBoundAuthentication(unbound))
                .isInstanceOf(AuthenticationException.class);
    }

    @Test
    void preferAcceptsAnAuthenticationWithoutScram() {
        new Credentials("u", null, certificate, ChannelBinding.PREFER, ALL, false).requireBoundAuthentication(null);
        new Credentials("u", null, null, ChannelBinding.DISABLE, ALL, false).requireBoundAuthentication(null);
    }

    @Test
    void toStringMasksThePassword() {
        assertThat(new Credentials("u", "hidden-pw-77", certificate, ChannelBinding.PREFER, ALL, false).toString())
                .doesNotContain("hidden-pw-77").contains("***");
    }
}
