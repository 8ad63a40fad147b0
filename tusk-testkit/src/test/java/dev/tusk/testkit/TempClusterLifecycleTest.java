package dev.tusk.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TempClusterLifecycleTest {

    private static TempCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TempCluster.builder().start();
    }

    @AfterAll
    static void closeCluster() {
        cluster.close();
    }

    @Test
    void acceptsTcpConnectionsOnItsLoopbackPort() throws IOException {
        assertThat(cluster.host()).isEqualTo("127.0.0.1");
        try (Socket socket = new Socket(cluster.host(), cluster.port())) {
            assertThat(socket.isConnected()).isTrue();
        }
    }

    @Test
    void asksForScramByDefaultOverTcp() throws IOException {
        try (WireProbe probe = new WireProbe(cluster.host(), cluster.port())) {
            assertThat(probe.startUp(cluster.user())).isEqualTo(WireProbe.AUTH_SASL);
        }
    }

    @Test
    void pgCtlStatusReportsTheServerRunning() {
        String output = ServerCommand.runOrThrow("pg_ctl status",
                List.of(cluster.binDirectory().resolve("pg_ctl").toString(), "status", "-D",
                        cluster.dataDirectory().toString()),
                cluster.dataDirectory().getParent(), Duration.ofSeconds(30));
        assertThat(output).contains("server is running");
        assertThat(cluster.isRunning()).isTrue();
    }

    @Test
    void listensOnItsUnixSocketDirectory() {
        assertThat(cluster.unixSocketDirectory().resolve(".s.PGSQL." + cluster.port())).exists();
    }

    @Test
    void restartBringsTheServerBackOnTheSamePort() throws IOException {
        int port = cluster.port();
        cluster.restart();
        assertThat(cluster.port()).isEqualTo(port);
        assertThat(cluster.isRunning()).isTrue();
        new Socket(cluster.host(), port).close();
    }

    @Test
    void killedServerRefusesConnectionsUntilStartedAgain() throws IOException {
        cluster.killServer();
        assertThat(cluster.isRunning()).isFalse();
        assertThatThrownBy(() -> new Socket(cluster.host(), cluster.port()).close())
                .isInstanceOf(ConnectException.class);
        cluster.start();
        new Socket(cluster.host(), cluster.port()).close();
    }

    @Test
    void stoppedServerCannotBeKilled() {
        try (TempCluster own = TempCluster.builder().start()) {
            own.stop();
            assertThatThrownBy(own::killServer).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void versionIsWhatThePostgresBinaryReports() {
        String output = ServerCommand.runOrThrow("postgres --version",
                List.of(cluster.binDirectory().resolve("postgres").toString(), "--version"),
                cluster.binDirectory(), Duration.ofSeconds(30));
        assertThat(output).contains("(PostgreSQL) " + cluster.version());
        assertThat(cluster.binariesVersion()).startsWith(cluster.majorVersion() + ".");
        assertThat(cluster.binariesVersion()).isEqualTo(System.getProperty("tusk.pg.version", "17.7.0"));
    }

    @Test
    void errcodesFileListsSqlStates() throws IOException {
        assertThat(Files.readString(cluster.errcodesFile())).contains("42P01").contains("undefined_table");
    }

    @Test
    void dataDirectoryBelongsToTheServerUser() throws IOException {
        assertThat(Files.getOwner(cluster.dataDirectory()).getName()).isEqualTo(ServerUser.current().name());
    }

    @Test
    void dsnNamesUserPasswordPortAndDatabase() {
        assertThat(cluster.dsn()).isEqualTo("postgresql://postgres:postgres@127.0.0.1:" + cluster.port() + "/postgres");
        assertThat(cluster.toString()).doesNotContain(cluster.password() + "@");
    }

    @Test
    void certificatePathsAreRefusedWithoutSsl() {
        assertThat(cluster.sslEnabled()).isFalse();
        assertThatThrownBy(cluster::caCertPath).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ssl(true)");
    }
}
