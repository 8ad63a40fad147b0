package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connectsWithTls;
import static dev.tusk.connect.ConnectTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.SslMode;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.testkit.AuthMethod;
import dev.tusk.testkit.TempCluster;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cert} authentication with a client certificate, an encrypted key, and a caller's own SSLContext. */
class ClientCertificateTest {

    private static final String KEY_PASSPHRASE = "key-Passphrase-7f3a";

    private static TempCluster cluster;
    @TempDir
    static Path files;

    @BeforeAll
    static void startServer() {
        cluster = TempCluster.builder().authMethod(AuthMethod.CERT).start();
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    /** The superuser over TCP with no password: only the certificate can prove who we are. */
    private static ConnectOptions.Builder options() {
        return ConnectOptions.builder().useEnvironment(false).host(cluster.host()).port(cluster.port())
                .user(cluster.user()).database(cluster.database()).passfile(files.resolve("no-passfile"));
    }

    @Test
    void aClientCertificateAndKeyLogIn() {
        assertThat(connectsWithTls(options().sslMode(SslMode.VERIFY_FULL).sslRootCert(cluster.caCertPath())
                .sslCert(cluster.clientCertPath()).sslKey(cluster.clientKeyPath()).build())).isTrue();
    }

    @Test
    void aClientCertificateWorksWithRequireToo() {
        assertThat(connectsWithTls(options().sslMode(SslMode.REQUIRE)
                .sslCert(cluster.clientCertPath()).sslKey(cluster.clientKeyPath()).build())).isTrue();
    }

    @Test
    void withoutAClientCertificateTheServerRefusesTheLogin() {
        Throwable failure = failure(options().sslMode(SslMode.REQUIRE).build());
        assertThat(failure).hasMessageContaining("certificate");
    }

    @Test
    void anEncryptedPkcs8KeyIsOpenedWithSslPassword() {
        Path encrypted = encryptedKey();
        assertThat(connectsWithTls(options().sslMode(SslMode.VERIFY_CA).sslRootCert(cluster.caCertPath())
                .sslCert(cluster.clientCertPath()).sslKey(encrypted).sslPassword(KEY_PASSPHRASE).build())).isTrue();
    }

    @Test
    void aTraditionalRsaKeyIsReadAsLibpqReadsIt() {
        Path pkcs1 = files.resolve("client-pkcs1.key");
        ConnectTesting.openssl(files, "pkey", "-in", cluster.clientKeyPath().toString(), "-traditional",
                "-out", pkcs1.toString());
        assertThat(pkcs1).content().startsWith("-----BEGIN RSA PRIVATE KEY-----");
        assertThat(connectsWithTls(options().sslMode(SslMode.VERIFY_CA).sslRootCert(cluster.caCertPath())
                .sslCert(cluster.clientCertPath()).sslKey(pkcs1).build())).isTrue();
    }

    @Test
    void aPassphraseGivenForAPlainKeyIsNotUsed() {
        assertThat(connectsWithTls(options().sslMode(SslMode.VERIFY_CA).sslRootCert(cluster.caCertPath())
                .sslCert(cluster.clientCertPath()).sslKey(cluster.clientKeyPath()).sslPassword("unused").build()))
                .isTrue();
    }

    @Test
    void anEncryptedTraditionalKeyFailsWithTheCommandThatConvertsIt() {
        Path legacy = files.resolve("client-legacy-encrypted.key");
        ConnectTesting.openssl(files, "rsa", "-in", cluster.clientKeyPath().toString(), "-traditional",
                "-aes256", "-passout", "pass:" + KEY_PASSPHRASE, "-out", legacy.toString());
        Throwable failure = failure(options().sslMode(SslMode.REQUIRE)
                .sslCert(cluster.clientCertPath()).sslKey(legacy).sslPassword(KEY_PASSPHRASE).build());
        assertThat(failure).isInstanceOf(InterfaceException.class)
                .hasMessageContaining("traditional OpenSSL key encrypted")
                .hasMessageContaining("openssl pkcs8 -topk8 -in " + legacy);
        SecretsInMessages.assertAbsent(failure, KEY_PASSPHRASE);
    }

    @Test
    void anEncryptedKeyWithTheWrongPassphraseFailsWithoutShowingIt() {
        Path encrypted = encryptedKey();
        String wrong = "wrong-Passphrase-91c2";
        Throwable failure = failure(options().sslMode(SslMode.REQUIRE)
                .sslCert(cluster.clientCertPath()).sslKey(encrypted).sslPassword(wrong).build());
        assertThat(failure).hasMessageContaining("TLS");
        SecretsInMessages.assertAbsent(failure, wrong, KEY_PASSPHRASE);
    }

    @Test
    void aCallersSslContextSuppliesTheTrustAndTheClientCertificate() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(), trustManagers(cluster.caCertPath()), null);
        assertThat(connectsWithTls(options().sslMode(SslMode.VERIFY_FULL).sslContext(context).build())).isTrue();
    }

    @Test
    void aCallersSslContextThatTrustsAnotherCaRefusesTheServer() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers(), trustManagers(ConnectTesting.unrelatedCaCertificate(files)), null);
        Throwable failure = failure(options().sslMode(SslMode.VERIFY_CA).sslContext(context).build());
        assertThat(failure).hasMessageContaining("TLS handshake");
    }

    private static Path encryptedKey() {
        Path encrypted = files.resolve("client-encrypted.key");
        if (!Files.exists(encrypted)) {
            ConnectTesting.openssl(files, "pkcs8", "-topk8", "-in", cluster.clientKeyPath().toString(),
                    "-out", encrypted.toString(), "-v2", "aes-256-cbc", "-passout", "pass:" + KEY_PASSPHRASE);
        }
        return encrypted;
    }

    private static javax.net.ssl.TrustManager[] trustManagers(Path caFile) throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream in = Files.newInputStream(caFile)) {
            trusted.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(trusted);
        return factory.getTrustManagers();
    }

    private static javax.net.ssl.KeyManager[] keyManagers() throws Exception {
        String pem = Files.readString(cluster.clientKeyPath());
        String base64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        Certificate certificate;
        try (InputStream in = Files.newInputStream(cluster.clientCertPath())) {
            certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        char[] storePassword = "store".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("client", key, storePassword, new Certificate[] {certificate});
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(store, storePassword);
        return factory.getKeyManagers();
    }
}
