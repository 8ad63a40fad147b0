package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connect;
import static dev.tusk.connect.ConnectTesting.connectsWithTls;
import static dev.tusk.connect.ConnectTesting.failure;
import static dev.tusk.connect.ConnectTesting.optionsFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.SslMode;
import dev.tusk.TlsProvider;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.test.Await;
import dev.tusk.test.ClusterPerClass;
import dev.tusk.testkit.TempCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * libpq's {@code sslkeylogfile}: each TLS connection's secrets appended to a file in the NSS key
 * log format (what Wireshark reads), through OpenSSL's key log callback; refused where the JDK's
 * engine would have to serve (it cannot give its keys). Without netty-tcnative:
 * {@link OpenSslMissingTest}.
 */
class SslKeyLogFileTest {

    /** TLS 1.3's four traffic secrets, each with the handshake's client random (64 hex digits). */
    private static final Set<String> TLS13_LABELS = Set.of("CLIENT_HANDSHAKE_TRAFFIC_SECRET",
            "SERVER_HANDSHAKE_TRAFFIC_SECRET", "CLIENT_TRAFFIC_SECRET_0", "SERVER_TRAFFIC_SECRET_0");
    private static final Pattern LINE = Pattern.compile("[A-Z0-9_]+ [0-9a-f]{64} [0-9a-f]{64,}");

    @RegisterExtension
    static final ClusterPerClass tlsServer = new ClusterPerClass(settings -> settings.ssl(true));

    @TempDir
    Path directory;

    private static TempCluster server() {
        return tlsServer.get();
    }

    private static List<String> linesOnceWritten(Path file, int connections) {
        Await.until("the key log has the secrets of " + connections + " connection(s)",
                () -> Files.exists(file) && lines(file).size() >= TLS13_LABELS.size() * connections);
        return lines(file);
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void eachConnectionAppendsItsTrafficSecretsToAFileOnlyItsOwnerCanRead() throws IOException {
        Path file = directory.resolve("keys.log");
        ConnectOptions options = optionsFor(server()).sslMode(SslMode.REQUIRE).sslKeyLogFile(file).build();

        assertThat(connectsWithTls(options)).isTrue();
        assertThat(connectsWithTls(options)).isTrue();

        List<String> lines = linesOnceWritten(file, 2);
        assertThat(lines).allSatisfy(line -> assertThat(line).matches(LINE));
        Map<String, Set<String>> labelsByClientRandom = lines.stream().map(line -> line.split(" "))
                .collect(Collectors.groupingBy(fields -> fields[1],
                        Collectors.mapping(fields -> fields[0], Collectors.toSet())));
        assertThat(labelsByClientRandom).hasSize(2)
                .allSatisfy((clientRandom, labels) -> assertThat(labels).containsAll(TLS13_LABELS));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void theConnectionStringKeywordIsLibpqs() {
        Path file = directory.resolve("from-dsn.log");
        ConnectOptions options = ConnectOptions.builder().useEnvironment(false)
                .dsn("postgresql://u@h/d?sslkeylogfile=" + file).build();
        assertThat(options.sslKeyLogFile()).isEqualTo(file);
        assertThat(options.toString()).contains("sslKeyLogFile=" + file);
    }

    @Test
    void aFileThatCannotBeWrittenLeavesTheConnectionAsItIs() {
        Path file = directory.resolve("no-such-directory").resolve("keys.log");
        try (Connection connection = connect(optionsFor(server()).sslMode(SslMode.REQUIRE).sslKeyLogFile(file).build())) {
            assertThat(connection.<Integer>fetchval("SELECT 1").join()).isEqualTo(1);
        }
        assertThat(file.getParent()).doesNotExist();
    }

    @Test
    void theJdkEngineIsRefusedForItCannotGiveItsKeys() {
        Path file = directory.resolve("keys.log");
        assertThat(failure(optionsFor(server()).sslMode(SslMode.REQUIRE).sslKeyLogFile(file)
                .tlsProvider(TlsProvider.JDK).build()))
                .isInstanceOf(InterfaceException.class)
                .hasMessage("sslkeylogfile needs tlsProvider OPENSSL or AUTO: the JDK's TLS engine cannot give its keys");
        assertThat(failure(optionsFor(server()).sslMode(SslMode.REQUIRE).sslKeyLogFile(file).sslSni(false).build()))
                .isInstanceOf(InterfaceException.class)
                .hasMessageContaining("cannot be combined with sslsni=0");
        assertThat(file).doesNotExist();
    }
}
