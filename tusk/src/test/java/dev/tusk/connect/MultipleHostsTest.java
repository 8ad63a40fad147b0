package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connect;
import static dev.tusk.connect.ConnectTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.HostAndPort;
import dev.tusk.TargetSessionAttrs;
import dev.tusk.exceptions.ClientCannotConnectException;
import dev.tusk.testkit.TempCluster;
import java.io.IOException;
import java.net.ServerSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Several hosts tried in order, and libpq's target_session_attrs against a real primary and its
 * streaming standby.
 */
class MultipleHostsTest {

    private static ReplicatedPair pair;
    private static TempCluster primary;
    private static TempCluster standby;
    private static HostAndPort primaryHost;
    private static HostAndPort standbyHost;

    @BeforeAll
    static void startServers() {
        pair = ReplicatedPair.start(null);
        primary = pair.primary;
        standby = pair.standby;
        primaryHost = pair.primaryHost;
        standbyHost = pair.standbyHost;
    }

    @AfterAll
    static void stopServers() {
        if (pair != null) {
            pair.close();
        }
    }

    private static ConnectOptions.Builder options(HostAndPort... hosts) {
        return pair.options(hosts);
    }

    private static int serverPort(ConnectOptions options) {
        return pair.serverPort(options);
    }

    /** A loopback port on which nothing listens: connecting is refused at once. */
    private static HostAndPort refusedHost() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return new HostAndPort("127.0.0.1", socket.getLocalPort());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void theStandbyReallyIsOne() {
        try (Connection connection = connect(options(standbyHost).build())) {
            assertThat(connection.<Boolean>fetchval("SELECT pg_is_in_recovery()").join()).isTrue();
            if (connection.getServerVersion().major() >= 14) {
                assertThat(connection.getSettings()).containsEntry("in_hot_standby", "on");
            } else {
                // reported from PostgreSQL 14 on; before it the driver asks (SessionAttributesBefore14Test)
                assertThat(connection.getSettings()).doesNotContainKey("in_hot_standby");
            }
        }
    }

    @Test
    void aRefusingHostIsSkippedForTheNextOne() {
        assertThat(serverPort(options(refusedHost(), primaryHost).build())).isEqualTo(primary.port());
    }

    @Test
    void whenEveryHostFailsTheErrorNamesEachHostAndWhy() {
        HostAndPort refused = refusedHost();
        HostAndPort unknown = new HostAndPort("no-such-host.invalid", 5432);
        Throwable failure = failure(options(refused, unknown, primaryHost).password("wrong-password-123").build());
        assertThat(failure).isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining("could not connect to any of 3 hosts")
                .hasMessageContaining(refused + ": Connection refused")
                .hasMessageContaining("no-such-host.invalid:5432: could not translate host name")
                .hasMessageContaining(primaryHost + ": ")
                .hasMessageContaining("password authentication failed");
        assertThat(failure.getSuppressed()).hasSize(2);
        SecretsInMessages.assertAbsent(failure, "wrong-password-123");
    }

    @ParameterizedTest(name = "{0}: primary first -> {1}, standby first -> {2}")
    @CsvSource({
            "ANY,            primary, standby",
            "READ_WRITE,     primary, primary",
            "READ_ONLY,      standby, standby",
            "PRIMARY,        primary, primary",
            "STANDBY,        standby, standby",
            "PREFER_STANDBY, standby, standby"})
    void targetSessionAttrsPicksTheRightServer(TargetSessionAttrs target, String primaryFirst, String standbyFirst) {
        assertThat(serverName(serverPort(options(primaryHost, standbyHost).targetSessionAttrs(target).build())))
                .isEqualTo(primaryFirst);
        assertThat(serverName(serverPort(options(standbyHost, primaryHost).targetSessionAttrs(target).build())))
                .isEqualTo(standbyFirst);
    }

    @Test
    void targetSessionAttrsIsReadFromTheConnectionString() {
        String dsn = "postgresql://" + primary.user() + ":" + primary.password() + "@" + primaryHost + "," + standbyHost
                + "/" + primary.database() + "?sslmode=disable&target_session_attrs=standby";
        assertThat(serverPort(ConnectOptions.builder().useEnvironment(false).dsn(dsn).build())).isEqualTo(standby.port());
    }

    @Test
    void preferStandbyFallsBackToThePrimaryWhenNoStandbyIsUp() {
        assertThat(serverPort(options(refusedHost(), primaryHost)
                .targetSessionAttrs(TargetSessionAttrs.PREFER_STANDBY).build())).isEqualTo(primary.port());
    }

    @Test
    void standbyFailsNamingTheAttributeWhenNoStandbyIsUp() {
        Throwable failure = failure(options(primaryHost).targetSessionAttrs(TargetSessionAttrs.STANDBY).build());
        assertThat(failure).isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining(primaryHost.toString())
                .hasMessageContaining("target_session_attrs=standby");
    }

    @Test
    void aPrimaryWithReadOnlySessionsCountsAsReadOnlyButStillAsPrimary() {
        ConnectOptions.Builder readOnlySessions = options(primaryHost).serverSetting("default_transaction_read_only", "on");
        assertThat(serverPort(readOnlySessions.targetSessionAttrs(TargetSessionAttrs.READ_ONLY).build()))
                .isEqualTo(primary.port());
        assertThat(serverPort(readOnlySessions.targetSessionAttrs(TargetSessionAttrs.PRIMARY).build()))
                .isEqualTo(primary.port());
        assertThat(failure(readOnlySessions.targetSessionAttrs(TargetSessionAttrs.READ_WRITE).build()))
                .hasMessageContaining("target_session_attrs=read-write");
    }

    @Test
    void loadBalanceHostsRandomStillConnects() {
        ConnectOptions options = options(primaryHost, standbyHost).loadBalanceHosts(true).build();
        for (int i = 0; i < 10; i++) {
            assertThat(serverPort(options)).isIn(primary.port(), standby.port());
        }
        ConnectOptions fromDsn = ConnectOptions.builder().useEnvironment(false)
                .dsn("host=127.0.0.1,127.0.0.1 port=" + primary.port() + "," + standby.port()
                        + " load_balance_hosts=random sslmode=disable")
                .user(primary.user()).password(primary.password()).build();
        assertThat(fromDsn.loadBalanceHosts()).isTrue();
        assertThat(serverPort(fromDsn)).isIn(primary.port(), standby.port());
    }

    private static String serverName(int port) {
        return pair.serverName(port);
    }
}
