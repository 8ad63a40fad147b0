package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connect;
import static dev.tusk.connect.ConnectTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.exceptions.ClientCannotConnectException;
import dev.tusk.internal.connection.Transports;
import dev.tusk.testkit.TempCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Unix-domain socket connections ({@code host=<directory>}), through the transport this JVM uses
 * (native epoll where it loads) and, in a child JVM started with {@code -Dtusk.transport.nio=true},
 * through the JDK's NIO domain sockets.
 */
class UnixSocketTest {

    private static TempCluster cluster;

    @BeforeAll
    static void startServer() {
        cluster = TempCluster.builder().start();
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void connectsThroughTheSocketDirectory() {
        ConnectOptions options = ConnectOptions.builder().useEnvironment(false)
                .host(cluster.unixSocketDirectory().toString()).port(cluster.port())
                .user(cluster.user()).database(cluster.database()).build();
        try (Connection connection = connect(options)) {
            assertThat(UnixSocketProbe.describe(connection)).isEqualTo("unix socket, no TLS");
        }
    }

    @Test
    void connectsThroughTheSocketDirectoryGivenInAConnectionString() {
        String dsn = "host=" + cluster.unixSocketDirectory() + " port=" + cluster.port() + " user=" + cluster.user()
                + " dbname=" + cluster.database();
        try (Connection connection = connect(ConnectOptions.builder().useEnvironment(false).dsn(dsn).build())) {
            assertThat(UnixSocketProbe.describe(connection)).isEqualTo("unix socket, no TLS");
        }
        String uri = "postgresql:///" + cluster.database() + "?host=" + cluster.unixSocketDirectory()
                + "&port=" + cluster.port() + "&user=" + cluster.user();
        try (Connection connection = connect(ConnectOptions.builder().useEnvironment(false).dsn(uri).build())) {
            assertThat(UnixSocketProbe.describe(connection)).isEqualTo("unix socket, no TLS");
        }
    }

    @Test
    void tlsIsNotUsedOverAUnixSocketWhateverTheSslmode() {
        ConnectOptions options = ConnectOptions.builder().useEnvironment(false)
                .host(cluster.unixSocketDirectory().toString()).port(cluster.port()).user(cluster.user())
                .database(cluster.database()).sslMode(dev.tusk.SslMode.VERIFY_FULL).build();
        try (Connection connection = connect(options)) {
            assertThat(UnixSocketProbe.describe(connection)).isEqualTo("unix socket, no TLS");
        }
    }

    /** The user the server runs as: the owner of its data directory. */
    private static String serverOsUser() throws IOException {
        return Files.getOwner(cluster.dataDirectory()).getName();
    }

    private ConnectOptions.Builder overTheSocket() {
        return ConnectOptions.builder().useEnvironment(false).host(cluster.unixSocketDirectory().toString())
                .port(cluster.port()).user(cluster.user()).database(cluster.database());
    }

    @Test
    void requirepeerLetsInTheServersUserOnly() throws IOException {
        try (Connection connection = connect(overTheSocket().dsn("requirepeer=" + serverOsUser()).build())) {
            assertThat(UnixSocketProbe.describe(connection)).isEqualTo("unix socket, no TLS");
        }
        assertThat(failure(overTheSocket().requirePeer("tusk-not-the-server").build()))
                .isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining("requirepeer specifies \"tusk-not-the-server\", but actual peer user name is \""
                        + serverOsUser() + "\"");
    }

    @Test
    void requirepeerIsNotCheckedOverTcp() {
        ConnectOptions tcp = ConnectOptions.builder().useEnvironment(false).host(cluster.host()).port(cluster.port())
                .user(cluster.user()).password(cluster.password()).database(cluster.database())
                .requirePeer("tusk-not-the-server").build();
        try (Connection connection = connect(tcp)) {
            assertThat(UnixSocketProbe.describe(connection)).startsWith("tcp");
        }
    }

    @Test
    void thisJvmUsesTheNativeEpollTransport() {
        assertThat(Transports.isEpoll()).as("epoll is the default on Linux").isTrue();
    }

    @Test
    void connectsThroughTheSocketWithTheNioTransport() throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dtusk.transport.nio=true");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(UnixSocketProbe.class.getName());
        command.add(cluster.unixSocketDirectory().toString());
        command.add(Integer.toString(cluster.port()));
        command.add(cluster.user());
        command.add(serverOsUser());
        command.add("tusk-not-the-server");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output;
        try {
            output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe JVM finished").isTrue();
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        }
        assertThat(output).contains("transport=nio unix socket, no TLS");
        assertThat(output).contains("refused: FATAL: requirepeer specifies \"tusk-not-the-server\", but actual peer user "
                + "name is \"" + serverOsUser() + "\"");
        assertThat(process.exitValue()).as(output).isZero();
    }
}
