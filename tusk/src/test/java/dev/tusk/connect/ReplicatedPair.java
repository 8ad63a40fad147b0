package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connect;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.HostAndPort;
import dev.tusk.SslMode;
import dev.tusk.test.Await;
import dev.tusk.testkit.TempCluster;
import java.util.List;

/** A primary and its streaming standby from the test kit, and options that reach them. */
final class ReplicatedPair implements AutoCloseable {

    final TempCluster primary;
    final TempCluster standby;
    final HostAndPort primaryHost;
    final HostAndPort standbyHost;

    private ReplicatedPair(TempCluster primary, TempCluster standby) {
        this.primary = primary;
        this.standby = standby;
        this.primaryHost = new HostAndPort(primary.host(), primary.port());
        this.standbyHost = new HostAndPort(standby.host(), standby.port());
    }

    /** Starts a pair of the default PostgreSQL version, or of {@code version} when it is not null. */
    static ReplicatedPair start(String version) {
        TempCluster primary = version == null ? TempCluster.builder().start()
                : TempCluster.builder().version(version).start();
        try {
            return new ReplicatedPair(primary, primary.createStandby());
        } catch (RuntimeException e) {
            primary.close();
            throw e;
        }
    }

    /** Options for the pair's user and database over {@code hosts}, without TLS. */
    ConnectOptions.Builder options(HostAndPort... hosts) {
        return ConnectOptions.builder().useEnvironment(false).hosts(List.of(hosts)).user(primary.user())
                .password(primary.password()).database(primary.database()).sslMode(SslMode.DISABLE);
    }

    /** The port of the server a connection with these options ends up on. */
    int serverPort(ConnectOptions options) {
        try (Connection connection = connect(options)) {
            return Await.value(connection.<Integer>fetchval("SELECT inet_server_port()"));
        }
    }

    /** "primary", "standby" or "port N", for readable assertions. */
    String serverName(int port) {
        return port == primary.port() ? "primary" : port == standby.port() ? "standby" : "port " + port;
    }

    @Override
    public void close() {
        try {
            standby.close();
        } finally {
            primary.close();
        }
    }
}
