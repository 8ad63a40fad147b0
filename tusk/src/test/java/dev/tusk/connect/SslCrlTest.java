package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connectsWithTls;
import static dev.tusk.connect.ConnectTesting.failure;
import static dev.tusk.connect.ConnectTesting.optionsFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.SslMode;
import dev.tusk.exceptions.ClientCannotConnectException;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.testkit.TempCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * sslcrl against a server with SSL on: a certificate revocation list signed by the server's CA
 * refuses the server's certificate whenever the chain is verified (verify-ca, verify-full, and
 * require with a root certificate, as libpq), and is not read when nothing is verified.
 */
class SslCrlTest {

    private static final String PASSWORD = "crl-test-pw-4711";

    private static TempCluster server;
    @TempDir
    static Path files;
    private static Path revoking;
    private static Path revokingNothing;

    @BeforeAll
    static void startServer() {
        server = TempCluster.builder().ssl(true).password(PASSWORD).start();
        revoking = server.writeCrl(files.resolve("revoking.crl"), true);
        revokingNothing = server.writeCrl(files.resolve("empty.crl"), false);
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    private static ConnectOptions.Builder verifying(SslMode mode, Path crl) {
        return optionsFor(server).sslMode(mode).sslRootCert(server.caCertPath()).sslCrl(crl);
    }

    @ParameterizedTest
    @EnumSource(value = SslMode.class, names = {"VERIFY_CA", "VERIFY_FULL"})
    void aRevokedServerCertificateIsRefusedSayingItIsRevoked(SslMode mode) {
        Throwable failure = failure(verifying(mode, revoking).build());
        assertThat(failure).isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining("TLS handshake with 127.0.0.1:" + server.port() + " failed")
                .hasMessageContaining("revoked");
        SecretsInMessages.assertAbsent(failure, PASSWORD);
    }

    @ParameterizedTest
    @EnumSource(value = SslMode.class, names = {"VERIFY_CA", "VERIFY_FULL"})
    void aCrlThatRevokesNothingLetsTheVerifyModesConnect(SslMode mode) {
        assertThat(connectsWithTls(verifying(mode, revokingNothing).build())).isTrue();
    }

    @Test
    void requireWithARootCertificateChecksTheCrlAsVerifyCaDoes() {
        assertThat(failure(verifying(SslMode.REQUIRE, revoking).build()))
                .isInstanceOf(ClientCannotConnectException.class).hasMessageContaining("revoked");
        assertThat(connectsWithTls(verifying(SslMode.REQUIRE, revokingNothing).build())).isTrue();
    }

    @Test
    void requireWithoutARootCertificateVerifiesNothingAndReadsNoCrl() {
        assertThat(connectsWithTls(optionsFor(server).sslMode(SslMode.REQUIRE).sslCrl(revoking).build())).isTrue();
        assertThat(connectsWithTls(optionsFor(server).sslMode(SslMode.REQUIRE)
                .sslCrl(files.resolve("absent.crl")).build())).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = SslMode.class, names = {"VERIFY_CA", "VERIFY_FULL"})
    void aMissingCrlFileFailsNamingTheFile(SslMode mode) {
        Path absent = files.resolve("absent.crl");
        assertThat(failure(verifying(mode, absent).build())).isInstanceOf(InterfaceException.class)
                .hasMessageContaining("sslcrl file \"" + absent + "\" does not exist");
    }

    @Test
    void aMalformedCrlFileFailsNamingTheFile() throws IOException {
        Path garbage = Files.writeString(files.resolve("garbage.crl"),
                "-----BEGIN X509 CRL-----\nbm90IGEgQ1JM\n-----END X509 CRL-----\n", StandardCharsets.US_ASCII);
        assertThat(failure(verifying(SslMode.VERIFY_FULL, garbage).build())).isInstanceOf(InterfaceException.class)
                .hasMessageContaining("sslcrl file \"" + garbage + "\"");
    }

    @Test
    void aFileWithoutAnyCrlFailsNamingTheFile() {
        Path certificateOnly = server.caCertPath();
        assertThat(failure(verifying(SslMode.VERIFY_CA, certificateOnly).build())).isInstanceOf(InterfaceException.class)
                .hasMessageContaining("sslcrl file \"" + certificateOnly + "\"");
    }

    @Test
    void aCrlFromAnotherCaLeavesTheStatusUnknownAndFails() throws IOException {
        Path otherCa = Files.createDirectories(files.resolve("other-ca"));
        ConnectTesting.unrelatedCaCertificate(otherCa);
        Files.writeString(otherCa.resolve("ca.cnf"), "[ca]\ndefault_ca = c\n[c]\ndatabase = index.txt\n"
                + "default_md = sha256\ndefault_crl_days = 2\n", StandardCharsets.US_ASCII);
        Files.createFile(otherCa.resolve("index.txt"));
        ConnectTesting.openssl(otherCa, "ca", "-config", "ca.cnf", "-cert", "unrelated-ca.crt",
                "-keyfile", "unrelated-ca.key", "-gencrl", "-out", "other.crl");
        Throwable failure = failure(verifying(SslMode.VERIFY_CA, otherCa.resolve("other.crl")).build());
        assertThat(failure).isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining("TLS handshake with 127.0.0.1:" + server.port() + " failed")
                .hasMessageContaining("revocation status");
    }

    @Test
    void aHashedCrlDirectoryIsCheckedAsTheFileIs() throws IOException {
        Path revokingDir = Files.createDirectories(files.resolve("crldir-revoking"));
        Files.copy(revoking, revokingDir.resolve("revoking.pem"));
        ConnectTesting.openssl(revokingDir, "rehash", ".");
        Path cleanDir = Files.createDirectories(files.resolve("crldir-clean"));
        Files.copy(revokingNothing, cleanDir.resolve("nothing.pem"));
        ConnectTesting.openssl(cleanDir, "rehash", ".");
        ConnectOptions.Builder viaDirectory = optionsFor(server).sslMode(SslMode.VERIFY_FULL).sslRootCert(server.caCertPath());
        assertThat(failure(viaDirectory.sslCrlDir(revokingDir).build()))
                .isInstanceOf(ClientCannotConnectException.class).hasMessageContaining("revoked");
        assertThat(connectsWithTls(viaDirectory.sslCrlDir(cleanDir).build())).isTrue();
        // with a directory, the file is read too (two lists of one CA that disagree are not a fair
        // question: the JDK may take the newer one alone)
        Path noLists = Files.createDirectories(files.resolve("crldir-empty"));
        assertThat(failure(viaDirectory.sslCrlDir(noLists).sslCrl(revoking).build()))
                .isInstanceOf(ClientCannotConnectException.class).hasMessageContaining("revoked");
        Path absent = files.resolve("absent-with-dir.crl");
        assertThat(failure(viaDirectory.sslCrlDir(cleanDir).sslCrl(absent).build()))
                .isInstanceOf(InterfaceException.class)
                .hasMessageContaining("sslcrl file \"" + absent + "\" does not exist");
        Path notADirectory = files.resolve("no-such-dir");
        assertThat(failure(viaDirectory.sslCrl(null).sslCrlDir(notADirectory).build()))
                .isInstanceOf(InterfaceException.class)
                .hasMessageContaining("sslcrldir \"" + notADirectory + "\" is not a directory");
    }

    @Test
    void withoutSslcrlTheRootCrlInTheHomeDirectoryIsChecked() throws IOException {
        Path home = files.resolve("home");
        Path dotPostgresql = Files.createDirectories(home.resolve(".postgresql"));
        Files.copy(server.caCertPath(), dotPostgresql.resolve("root.crt"));
        Files.copy(revoking, dotPostgresql.resolve("root.crl"));
        String realHome = System.getProperty("user.home");
        System.setProperty("user.home", home.toString());
        try {
            assertThat(failure(optionsFor(server).sslMode(SslMode.VERIFY_FULL).build()))
                    .isInstanceOf(ClientCannotConnectException.class).hasMessageContaining("revoked");
            assertThat(connectsWithTls(optionsFor(server).sslMode(SslMode.VERIFY_FULL).sslCrl(revokingNothing).build()))
                    .isTrue();
        } finally {
            System.setProperty("user.home", realHome);
        }
    }

    @Test
    void sslcrlIsReadFromBothConnectionStringForms() {
        String keyValue = "host=" + server.host() + " port=" + server.port() + " user=" + server.user()
                + " dbname=" + server.database() + " sslmode=verify-full sslrootcert=" + server.caCertPath();
        ConnectOptions revokedByKeyValue = ConnectOptions.builder().useEnvironment(false)
                .dsn(keyValue + " sslcrl=" + revoking).password(PASSWORD).build();
        assertThat(revokedByKeyValue.sslCrl()).isEqualTo(revoking);
        assertThat(failure(revokedByKeyValue)).hasMessageContaining("revoked");
        assertThat(connectsWithTls(ConnectOptions.builder().useEnvironment(false)
                .dsn(keyValue + " sslcrl=" + revokingNothing).password(PASSWORD).build())).isTrue();

        String uri = "postgresql://" + server.user() + "@" + server.host() + ":" + server.port() + "/"
                + server.database() + "?sslmode=verify-ca&sslrootcert=" + server.caCertPath() + "&sslcrl=" + revoking;
        assertThat(failure(ConnectOptions.builder().useEnvironment(false).dsn(uri).password(PASSWORD).build()))
                .hasMessageContaining("revoked");
    }
}
