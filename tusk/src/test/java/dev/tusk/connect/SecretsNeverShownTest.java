package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connect;
import static dev.tusk.connect.ConnectTesting.failure;
import static dev.tusk.connect.ConnectTesting.optionsFor;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ChannelBinding;
import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.HostAndPort;
import dev.tusk.SslMode;
import dev.tusk.testkit.TempCluster;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No password, key passphrase or token appears in an exception message, a cause, a
 * {@code toString()} or a log line, whichever way connecting fails. Every test uses its own
 * distinctive secret and checks the failure and everything logged (at any level) meanwhile.
 */
class SecretsNeverShownTest {

    private static TempCluster cluster;
    @TempDir
    static Path files;

    private final List<String> logged = new ArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            synchronized (logged) {
                logged.add(record.getLoggerName() + " " + record.getMessage() + " " + java.util.Arrays.toString(
                        record.getParameters()) + " " + record.getThrown());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level rootLevel;

    @BeforeAll
    static void startServer() {
        cluster = TempCluster.builder().ssl(true).hbaLine("host all cleartext_user 127.0.0.1/32 password").start();
        try (Connection admin = connect(optionsFor(cluster).sslMode(SslMode.REQUIRE).build())) {
            admin.execute("CREATE ROLE cleartext_user LOGIN PASSWORD 'right-pw'").join();
        }
    }

    @AfterAll
    static void stopServer() {
        if (cluster != null) {
            cluster.close();
        }
    }

    @BeforeEach
    void captureLogs() {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

    @AfterEach
    void stopCapturing() {
        Logger root = Logger.getLogger("");
        root.removeHandler(capture);
        root.setLevel(rootLevel);
    }

    /** Fails when the secret is in the failure or in anything logged since the test began. */
    private void assertNowhere(Throwable failure, String secret) {
        SecretsInMessages.assertAbsent(failure, secret);
        synchronized (logged) {
            for (String line : logged) {
                assertThat(line).as("log line").doesNotContain(secret);
            }
        }
    }

    @Test
    void aWrongScramPassword() {
        String secret = "scram-Secret-a81f";
        assertNowhere(failure(optionsFor(cluster).password(secret).build()), secret);
    }

    @Test
    void aWrongCleartextPasswordOverTls() {
        String secret = "cleartext-Secret-b72e";
        assertNowhere(failure(optionsFor(cluster).user("cleartext_user").sslMode(SslMode.REQUIRE).password(secret)
                .build()), secret);
    }

    @Test
    void aCleartextRequestRefusedBecauseChannelBindingIsRequired() {
        String secret = "binding-Secret-c63d";
        assertNowhere(failure(optionsFor(cluster).user("cleartext_user").sslMode(SslMode.REQUIRE).password(secret)
                .channelBinding(ChannelBinding.REQUIRE).build()), secret);
    }

    @Test
    void aWrongPasswordInsideAConnectionString() {
        String secret = "dsnSecret-d54c";
        String uri = "postgresql://" + cluster.user() + ":" + secret + "@" + cluster.host() + ":" + cluster.port()
                + "/" + cluster.database();
        assertNowhere(failure(ConnectOptions.builder().useEnvironment(false).dsn(uri).build()), secret);
        String keywords = "host=" + cluster.host() + " port=" + cluster.port() + " password='" + secret + "'";
        assertNowhere(failure(ConnectOptions.builder().useEnvironment(false).dsn(keywords)
                .user(cluster.user()).build()), secret);
    }

    @Test
    void malformedConnectionStringsThatCarryAPassword() {
        String secret = "malformedSecret-e45b";
        List<String> malformed = List.of(
                "postgresql://user:" + secret + "@host:99999/db",
                "postgresql://user:" + secret + "@[::1/db",
                "postgresql://user:" + secret + "@host/db?no_such_option=1",
                "postgresql://user@host/db?password=" + secret + "&sslmode=sometimes",
                "password=" + secret + " port=abc",
                "password=" + secret + " no_such_option=1",
                "password='" + secret,
                "password=" + secret + " stray",
                "sslpassword=" + secret + " sslmode=sometimes");
        for (String dsn : malformed) {
            RuntimeException failure = null;
            try {
                ConnectOptions.builder().useEnvironment(false).dsn(dsn).build();
            } catch (RuntimeException e) {
                failure = e;
            }
            assertThat(failure).as(dsn).isNotNull();
            assertNowhere(failure, secret);
        }
    }

    @Test
    void aWrongKeyPassphrase() throws IOException {
        String secret = "keySecret-f36a";
        Path encrypted = files.resolve("client-encrypted.key");
        ConnectTesting.openssl(files, "pkcs8", "-topk8", "-in", cluster.clientKeyPath().toString(),
                "-out", encrypted.toString(), "-v2", "aes-256-cbc", "-passout", "pass:the-real-passphrase");
        assertNowhere(failure(optionsFor(cluster).sslMode(SslMode.REQUIRE).sslCert(cluster.clientCertPath())
                .sslKey(encrypted).sslPassword(secret).build()), secret);
    }

    @Test
    void aConnectTimeout() throws IOException {
        String secret = "timeoutSecret-0a9b";
        try (ServerSocket blackHole = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertNowhere(failure(optionsFor(cluster).hosts(List.of(new HostAndPort("127.0.0.1", blackHole.getLocalPort())))
                    .password(secret).connectTimeout(Duration.ofSeconds(2)).build()), secret);
        }
    }

    @Test
    void everyHostFailing() throws IOException {
        String secret = "hostsSecret-1b8c";
        int refused;
        try (ServerSocket socket = new ServerSocket(0)) {
            refused = socket.getLocalPort();
        }
        assertNowhere(failure(optionsFor(cluster).hosts(List.of(new HostAndPort("127.0.0.1", refused),
                new HostAndPort("no-such-host.invalid", 5432), new HostAndPort(cluster.host(), cluster.port())))
                .passwordSupplier(() -> secret).build()), secret);
    }

    @Test
    void aPasswordFileWithOpenPermissions() throws IOException {
        String secret = "passfileSecret-2c7d";
        Path passfile = files.resolve("open-pgpass");
        Files.writeString(passfile, "*:*:*:*:" + secret + "\n");
        Files.setPosixFilePermissions(passfile, PosixFilePermissions.fromString("rw-rw-rw-"));
        assertNowhere(failure(optionsFor(cluster).password(null).passfile(passfile).build()), secret);
    }

    @Test
    void optionsAndConnectionsPrintNoSecret() {
        String password = "printedSecret-3d6e";
        String keyPassphrase = "printedKeySecret-4e5f";
        ConnectOptions explicit = optionsFor(cluster).password(password).sslPassword(keyPassphrase).build();
        ConnectOptions fromUri = ConnectOptions.builder().useEnvironment(false)
                .dsn("postgresql://u:" + password + "@h/db?sslpassword=" + keyPassphrase).build();
        ConnectOptions fromKeywords = ConnectOptions.builder().useEnvironment(false)
                .dsn("host=h user=u password=" + password + " sslpassword=" + keyPassphrase).build();
        ConnectOptions supplied = optionsFor(cluster).passwordSupplier(() -> password).build();
        for (ConnectOptions options : List.of(explicit, fromUri, fromKeywords, supplied)) {
            assertThat(options.toString()).doesNotContain(password).doesNotContain(keyPassphrase).contains("***");
            assertThat(options.toBuilder().toString()).doesNotContain(password).doesNotContain(keyPassphrase);
        }
        try (Connection connection = connect(optionsFor(cluster).sslMode(SslMode.REQUIRE).build())) {
            assertThat(connection.toString()).doesNotContain(cluster.password());
        }
    }
}
