package dev.tusk.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

class TempClusterSslTest {

    @Test
    void sslClusterPresentsALocalhostCertificateSignedByItsCa() throws Exception {
        try (TempCluster cluster = TempCluster.builder().ssl(true).start();
                WireProbe probe = new WireProbe(cluster.host(), cluster.port())) {
            SSLSession session = probe.upgradeToTls(context(cluster, false));
            X509Certificate server = (X509Certificate) session.getPeerCertificates()[0];
            assertThat(server.getSubjectX500Principal().getName()).isEqualTo("CN=localhost");
            assertThat(probe.startUp(cluster.user())).isEqualTo(WireProbe.AUTH_SASL);
            assertThat(cluster.serverCertPath()).exists();
        }
    }

    @Test
    void certClusterAcceptsTheClientCertificateAndRefusesConnectionsWithoutSsl() throws Exception {
        try (TempCluster cluster = TempCluster.builder().authMethod(AuthMethod.CERT).start()) {
            assertThat(cluster.sslEnabled()).isTrue();
            assertThat(Files.readAllLines(cluster.hbaFile())).contains("hostssl all all 127.0.0.1/32 cert");
            assertThat(Files.readString(cluster.clientKeyPath())).startsWith("-----BEGIN PRIVATE KEY-----");
            try (WireProbe probe = new WireProbe(cluster.host(), cluster.port())) {
                probe.upgradeToTls(context(cluster, true));
                assertThat(probe.startUp(cluster.user())).isEqualTo(WireProbe.AUTH_OK);
            }
            try (WireProbe probe = new WireProbe(cluster.host(), cluster.port())) {
                assertThat(probe.startUp(cluster.user())).isEqualTo(-1);
            }
        }
    }

    /** An SSL context trusting the cluster's CA and, if asked, presenting its client certificate. */
    private static SSLContext context(TempCluster cluster, boolean withClientCertificate)
            throws IOException, GeneralSecurityException {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", certificate(cluster.caCertPath()));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore own = KeyStore.getInstance("PKCS12");
        own.load(null, null);
        if (withClientCertificate) {
            own.setKeyEntry("client", privateKey(cluster.clientKeyPath()), new char[0],
                    new Certificate[] {certificate(cluster.clientCertPath())});
        }
        keys.init(own, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static Certificate certificate(Path pem) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(pem)) {
            return CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    private static PrivateKey privateKey(Path pem) throws IOException, GeneralSecurityException {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
