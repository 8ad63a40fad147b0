package dev.tusk.testkit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The certificates of an SSL-enabled cluster, made with the {@code openssl} command: a
 * self-signed CA, a server certificate for {@code localhost}, {@code 127.0.0.1} and {@code ::1}
 * signed by it, and a client certificate whose common name is the superuser (for
 * {@link AuthMethod#CERT}). All files are PEM; private keys are unencrypted PKCS#8. On request,
 * certificate revocation lists signed by the CA ({@link #writeCrl}).
 */
final class TlsMaterial {

    private static final Duration OPENSSL_TIMEOUT = Duration.ofSeconds(60);
    private static final String CONFIG = """
            [req]
            distinguished_name = dn
            [dn]
            [ext_ca]
            basicConstraints = critical, CA:TRUE
            keyUsage = critical, keyCertSign, cRLSign
            subjectKeyIdentifier = hash
            [ext_server]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature, keyEncipherment
            extendedKeyUsage = serverAuth
            subjectAltName = DNS:localhost, IP:127.0.0.1, IP:::1
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            [ext_client]
            basicConstraints = critical, CA:FALSE
            keyUsage = critical, digitalSignature, keyEncipherment
            extendedKeyUsage = clientAuth
            subjectKeyIdentifier = hash
            authorityKeyIdentifier = keyid
            """;
    /** A minimal {@code openssl ca} configuration: just enough to revoke and to sign a CRL. */
    private static final String CRL_CONFIG = """
            [ca]
            default_ca = test_ca
            [test_ca]
            database = index.txt
            default_md = sha256
            default_crl_days = 3650
            """;

    private final Path directory;

    private TlsMaterial(Path directory) {
        this.directory = directory;
    }

    /** The material generated earlier into {@code directory}, for example a copy of another's. */
    static TlsMaterial in(Path directory) {
        return new TlsMaterial(directory);
    }

    /** Creates {@code directory} and generates all certificates and keys in it. */
    static TlsMaterial generate(Path directory, String clientCommonName) {
        TlsMaterial material = new TlsMaterial(directory);
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("openssl.cnf"), CONFIG, StandardCharsets.US_ASCII);
            material.openssl("req", "-x509", "-new", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "3650",
                    "-config", "openssl.cnf", "-extensions", "ext_ca", "-subj", "/CN=Tusk test CA",
                    "-keyout", "ca.key", "-out", "ca.crt");
            material.issue("server", "localhost", "ext_server");
            material.issue("client", clientCommonName, "ext_client");
            Files.delete(directory.resolve("openssl.cnf"));
            for (String key : List.of("ca.key", "server.key", "client.key")) {
                material.requirePkcs8(key);
                Files.setPosixFilePermissions(directory.resolve(key), PosixFilePermissions.fromString("rw-------"));
            }
        } catch (IOException e) {
            throw new TempClusterException("could not write certificates into " + directory + ": " + e, e);
        }
        return material;
    }

    Path caCert() {
        return directory.resolve("ca.crt");
    }

    Path serverCert() {
        return directory.resolve("server.crt");
    }

    Path serverKey() {
        return directory.resolve("server.key");
    }

    Path clientCert() {
        return directory.resolve("client.crt");
    }

    Path clientKey() {
        return directory.resolve("client.key");
    }

    /**
     * Writes a certificate revocation list (PEM), signed by the CA and valid for ten years, to
     * {@code file}: revoking the server certificate, or revoking nothing. The CA's revocation
     * database lives in a temporary directory for the call, so every call starts from scratch.
     */
    void writeCrl(Path file, boolean revokeServerCertificate) {
        Path target = file.toAbsolutePath();
        Path work = null;
        try {
            work = Files.createTempDirectory("tusk-crl-");
            Files.writeString(work.resolve("ca.cnf"), CRL_CONFIG, StandardCharsets.US_ASCII);
            Files.createFile(work.resolve("index.txt"));
            String ca = caCert().toAbsolutePath().toString();
            String caKey = directory.resolve("ca.key").toAbsolutePath().toString();
            if (revokeServerCertificate) {
                openssl(work, "ca", "-config", "ca.cnf", "-cert", ca, "-keyfile", caKey,
                        "-revoke", serverCert().toAbsolutePath().toString());
            }
            openssl(work, "ca", "-config", "ca.cnf", "-cert", ca, "-keyfile", caKey, "-gencrl", "-out", target.toString());
        } catch (IOException e) {
            throw new TempClusterException("could not write a certificate revocation list to " + target + ": " + e, e);
        } finally {
            if (work != null) {
                FileTrees.deleteQuietly(work);
            }
        }
    }

    private void issue(String name, String commonName, String extensions) throws IOException {
        openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-config", "openssl.cnf",
                "-subj", "/CN=" + escapeDnValue(commonName), "-keyout", name + ".key", "-out", name + ".csr");
        byte[] serial = new byte[16];
        new SecureRandom().nextBytes(serial);
        serial[0] &= 0x7f; // serial numbers must be positive
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-sha256",
                "-days", "3650", "-set_serial", "0x" + HexFormat.of().formatHex(serial),
                "-extfile", "openssl.cnf", "-extensions", extensions, "-out", name + ".crt");
        Files.delete(directory.resolve(name + ".csr"));
    }

    /** Older openssl releases write traditional ("BEGIN RSA PRIVATE KEY") keys; Java reads PKCS#8. */
    private void requirePkcs8(String key) throws IOException {
        if (Files.readString(directory.resolve(key)).startsWith("-----BEGIN PRIVATE KEY-----")) {
            return;
        }
        openssl("pkcs8", "-topk8", "-nocrypt", "-in", key, "-out", key + ".pk8");
        Files.move(directory.resolve(key + ".pk8"), directory.resolve(key), StandardCopyOption.REPLACE_EXISTING);
    }

    private void openssl(String... arguments) {
        openssl(directory, arguments);
    }

    private static void openssl(Path workingDirectory, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        ServerCommand.Result result;
        try {
            result = ServerCommand.runAsCaller(command, workingDirectory, OPENSSL_TIMEOUT);
        } catch (TempClusterException e) {
            throw new TempClusterException("ssl(true) needs the openssl command on the PATH to make certificates: "
                    + e.getMessage(), e);
        }
        ServerCommand.requireSuccess("openssl " + arguments[0], command, result);
    }

    private static String escapeDnValue(String value) {
        return value.replace("\\", "\\\\").replace("/", "\\/").replace("+", "\\+").replace("=", "\\=");
    }
}
