package dev.tusk.connect;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.Tusk;
import dev.tusk.testkit.TempCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** What the connection tests share: options for a test cluster, connecting with a bound, openssl. */
final class ConnectTesting {

    /** Every connect in these tests finishes well within this many seconds, or the test fails. */
    static final long CONNECT_BOUND_SECONDS = 30;

    private ConnectTesting() {
    }

    /** Options for the cluster's superuser over TCP, without the environment; sslmode left to the caller. */
    static ConnectOptions.Builder optionsFor(TempCluster cluster) {
        return ConnectOptions.builder()
                .useEnvironment(false)
                .host(cluster.host())
                .port(cluster.port())
                .user(cluster.user())
                .password(cluster.password())
                .database(cluster.database());
    }

    /** Connects, waiting at most {@link #CONNECT_BOUND_SECONDS}; a failure is thrown unwrapped. */
    static Connection connect(ConnectOptions options) {
        try {
            return Tusk.connect(options).orTimeout(CONNECT_BOUND_SECONDS, TimeUnit.SECONDS).join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw e;
        }
    }

    /** The connect failure of these options; fails the test when they connect. */
    static Throwable failure(ConnectOptions options) {
        try (Connection unexpected = connect(options)) {
            throw new AssertionError("connected, but expected a failure: " + unexpected.getSettings().get("server_version"));
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Whether the server sees this connection as encrypted. */
    static boolean sslInUse(Connection connection) {
        Boolean ssl = connection.<Boolean>fetchval("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")
                .orTimeout(CONNECT_BOUND_SECONDS, TimeUnit.SECONDS).join();
        return Boolean.TRUE.equals(ssl);
    }

    /** Connects, reports whether TLS is on, and closes. */
    static boolean connectsWithTls(ConnectOptions options) {
        try (Connection connection = connect(options)) {
            return sslInUse(connection);
        }
    }

    /** Runs {@code openssl} with the arguments in {@code directory}; fails with its output if it fails. */
    static void openssl(Path directory, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true).start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " failed: " + new String(output));
            }
        } catch (IOException e) {
            throw new AssertionError("cannot run openssl: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while running openssl", e);
        }
    }

    /** A self-signed CA certificate (PEM) that signed none of the test kit's certificates. */
    static Path unrelatedCaCertificate(Path directory) {
        openssl(directory, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "2",
                "-subj", "/CN=Unrelated test CA", "-keyout", "unrelated-ca.key", "-out", "unrelated-ca.crt");
        return directory.resolve("unrelated-ca.crt");
    }
}
