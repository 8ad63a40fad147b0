package dev.tusk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsMaterialCrlTest {

    @TempDir
    Path directory;

    @Test
    void writeCrlRevokesTheServerCertificateOrNothingAndIsSignedByTheCa() throws Exception {
        TlsMaterial tls = TlsMaterial.generate(directory.resolve("tls"), "postgres");
        X509Certificate ca = certificate(tls.caCert());
        X509Certificate server = certificate(tls.serverCert());

        Path file = directory.resolve("list.crl");
        tls.writeCrl(file, true);
        X509CRL revoking = crl(file);
        revoking.verify(ca.getPublicKey());
        assertThat(revoking.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(revoking.isRevoked(server)).isTrue();
        assertThat(revoking.isRevoked(ca)).isFalse();
        assertThat(revoking.getNextUpdate().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(365)));

        tls.writeCrl(file, false);
        X509CRL revokingNothing = crl(file);
        revokingNothing.verify(ca.getPublicKey());
        assertThat(revokingNothing.isRevoked(server)).isFalse();
        assertThat(revokingNothing.getRevokedCertificates()).isNull();
    }

    private static X509Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static X509CRL crl(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(in);
        }
    }
}
