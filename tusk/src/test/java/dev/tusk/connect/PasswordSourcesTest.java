package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connect;
import static dev.tusk.connect.ConnectTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.SslMode;
import dev.tusk.testkit.TempCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the password comes from: a supplier called at each connect, or the password file. */
class PasswordSourcesTest {

    private static TempCluster cluster;
    @TempDir
    Path files;

    @BeforeAll
    static void startServer() {
        cluster = TempCluster.builder().hbaLine("local all from_passfile scram-sha-256").start();
        try (Connection admin = connect(options().password(cluster.password()).build())) {
            admin.execute("CREATE ROLE rotating LOGIN PASSWORD 'token-1'").join();
            admin.execute("CREATE ROLE from_passfile LOGIN PASSWORD 'passfile-pw'").join();
        }
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private static ConnectOptions.Builder options() {
        return ConnectOptions.builder().useEnvironment(false).host(cluster.host()).port(cluster.port())
                .user(cluster.user()).database(cluster.database()).sslMode(SslMode.DISABLE);
    }

    @Test
    void thePasswordSupplierIsCalledAtEachConnectAndMayRotate() {
        AtomicReference<String> token = new AtomicReference<>("token-1");
        AtomicInteger calls = new AtomicInteger();
        ConnectOptions options = options().user("rotating").passwordSupplier(() -> {
            calls.incrementAndGet();
            return token.get();
        }).build();
        int before = calls.get();
        try (Connection first = connect(options)) {
            assertThat(calls.get()).isEqualTo(before + 1);
            first.execute("ALTER ROLE rotating PASSWORD 'token-2'").join();
        }
        token.set("token-2");
        try (Connection second = connect(options)) {
            assertThat(second.<String>fetchval("SELECT current_user").join()).isEqualTo("rotating");
        }
        assertThat(calls.get()).isEqualTo(before + 2);
    }

    @Test
    void thePasswordFileIsUsedWhenNoPasswordIsGiven() throws IOException {
        Path passfile = passfile("# a comment\n"
                + "otherhost:*:*:*:not-this-one\n"
                + "127.0.0.1:" + cluster.port() + ":*:from_passfile:passfile-pw\n"
                + "*:*:*:*:not-this-one-either\n", "rw-------");
        try (Connection connection = connect(options().user("from_passfile").passfile(passfile).build())) {
            assertThat(connection.<String>fetchval("SELECT current_user").join()).isEqualTo("from_passfile");
        }
    }

    @Test
    void aSupplierReturningNullFallsBackToThePasswordFile() throws IOException {
        Path passfile = passfile("*:*:*:from_passfile:passfile-pw\n", "rw-------");
        try (Connection connection = connect(options().user("from_passfile").passwordSupplier(() -> null)
                .passfile(passfile).build())) {
            assertThat(connection.<String>fetchval("SELECT current_user").join()).isEqualTo("from_passfile");
        }
    }

    @Test
    void aUnixSocketMatchesLocalhostOrItsDirectoryInThePasswordFile() throws IOException {
        String socketDirectory = cluster.unixSocketDirectory().toString();
        ConnectOptions.Builder overSocket = options().host(socketDirectory).user("from_passfile");
        for (String host : new String[] {"localhost", socketDirectory.replace(":", "\\:")}) {
            Path passfile = passfile(host + ":" + cluster.port() + ":" + cluster.database() + ":from_passfile:passfile-pw\n",
                    "rw-------");
            try (Connection connection = connect(overSocket.passfile(passfile).build())) {
                assertThat(connection.<String>fetchval("SELECT current_user").join()).as(host).isEqualTo("from_passfile");
            }
        }
    }

    @Test
    void thePasswordSupplierIsNotCalledOnAnEventLoopThread() {
        AtomicReference<String> thread = new AtomicReference<>();
        ConnectOptions options = options().user("rotating").passwordSupplier(() -> {
            thread.set(Thread.currentThread().getName());
            return "token-ignored";
        }).build();
        ConnectTesting.failure(options);
        assertThat(thread.get()).isNotNull().doesNotStartWith("tusk-io");
    }

    @Test
    void aFailingPasswordSupplierFailsTheConnectNamingIt() {
        ConnectOptions options = options().passwordSupplier(() -> {
            throw new IllegalStateException("token service unavailable");
        }).build();
        assertThat(failure(options)).hasMessageContaining("the password supplier failed")
                .hasMessageContaining("token service unavailable");
    }

    @Test
    void aPasswordFileThatOthersCanReadIsIgnored() throws IOException {
        Path passfile = passfile("*:*:*:from_passfile:passfile-pw\n", "rw-r--r--");
        Throwable failure = failure(options().user("from_passfile").passfile(passfile).build());
        assertThat(failure).hasMessageContaining("none was supplied");
        SecretsInMessages.assertAbsent(failure, "passfile-pw");
    }

    @Test
    void anExplicitPasswordWinsOverThePasswordFile() throws IOException {
        Path passfile = passfile("*:*:*:from_passfile:wrong-from-file\n", "rw-------");
        try (Connection connection = connect(options().user("from_passfile").password("passfile-pw")
                .passfile(passfile).build())) {
            assertThat(connection.<String>fetchval("SELECT current_user").join()).isEqualTo("from_passfile");
        }
    }

    private Path passfile(String content, String permissions) throws IOException {
        Path file = files.resolve("pgpass");
        Files.writeString(file, content);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }
}
