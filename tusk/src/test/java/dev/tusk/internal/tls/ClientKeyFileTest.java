package dev.tusk.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.exceptions.InterfaceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traditional OpenSSL keys made by openssl itself, read back as the same key openssl writes in PKCS#8. */
class ClientKeyFileTest {

    @TempDir
    Path directory;

    private void openssl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor()).as(new String(output, StandardCharsets.UTF_8)).isZero();
    }

    private static PrivateKey key(InputStream pem, String algorithm) throws Exception {
        String text = new String(pem.readAllBytes(), StandardCharsets.US_ASCII);
        assertThat(text).startsWith("-----BEGIN PRIVATE KEY-----");
        byte[] der = Base64.getMimeDecoder().decode(text.replaceAll("-----[A-Z ]+-----", "").strip());
        return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
    }

    @Test
    void aPkcs1RsaKeyBecomesTheSamePkcs8Key() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", "rsa.pk8");
        openssl("pkey", "-in", "rsa.pk8", "-traditional", "-out", "rsa.key");
        assertThat(Files.readString(directory.resolve("rsa.key"))).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        PrivateKey fromTraditional = key(ClientKeyFile.read(directory.resolve("rsa.key")).pem(), "RSA");
        PrivateKey fromPkcs8 = key(ClientKeyFile.read(directory.resolve("rsa.pk8")).pem(), "RSA");
        assertThat(fromTraditional).isEqualTo(fromPkcs8);
        assertThat(ClientKeyFile.read(directory.resolve("rsa.key")).encrypted()).isFalse();
    }

    @Test
    void aSec1EcKeyWithItsParametersBlockBecomesTheSamePkcs8Key() throws Exception {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.key");
        assertThat(Files.readString(directory.resolve("ec.key"))).startsWith("-----BEGIN EC PARAMETERS-----")
                .contains("-----BEGIN EC PRIVATE KEY-----");
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", "ec.key", "-out", "ec.pk8");
        PrivateKey fromTraditional = key(ClientKeyFile.read(directory.resolve("ec.key")).pem(), "EC");
        PrivateKey fromPkcs8 = key(ClientKeyFile.read(directory.resolve("ec.pk8")).pem(), "EC");
        assertThat(fromTraditional.getEncoded()).isNotEmpty();
        assertThat(((java.security.interfaces.ECPrivateKey) fromTraditional).getS())
                .isEqualTo(((java.security.interfaces.ECPrivateKey) fromPkcs8).getS());
    }

    @Test
    void anEncryptedPkcs8KeyPassesThroughAndSaysItIsEncrypted() throws Exception {
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-aes256", "-pass", "pass:pw",
                "-out", "enc.pk8");
        ClientKeyFile file = ClientKeyFile.read(directory.resolve("enc.pk8"));
        assertThat(file.encrypted()).isTrue();
        assertThat(file.pem().readAllBytes()).isEqualTo(Files.readAllBytes(directory.resolve("enc.pk8")));
    }

    @Test
    void aMalformedEcKeyAndAMissingFileFailNamingTheFile() throws IOException {
        Path badEc = Files.writeString(directory.resolve("bad-ec.key"),
                "-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n-----END EC PRIVATE KEY-----\n");
        assertThatThrownBy(() -> ClientKeyFile.read(badEc))
                .isInstanceOf(InterfaceException.class)
                .hasMessage("sslkey file \"" + badEc + "\" holds a malformed EC private key");
        Path missing = directory.resolve("missing.key");
        assertThatThrownBy(() -> ClientKeyFile.read(missing))
                .isInstanceOf(InterfaceException.class)
                .hasMessageContaining("\"" + missing + "\" does not exist");
    }
}
