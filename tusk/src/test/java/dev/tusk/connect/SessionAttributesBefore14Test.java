package dev.tusk.connect;

import static dev.tusk.connect.ConnectTesting.connect;
import static dev.tusk.connect.ConnectTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.HostAndPort;
import dev.tusk.TargetSessionAttrs;
import dev.tusk.exceptions.ClientCannotConnectException;
import dev.tusk.test.Await;
import dev.tusk.testkit.TempCluster;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * target_session_attrs against a PostgreSQL 12 primary and its streaming standby. Servers before
 * 14 report neither in_hot_standby nor default_transaction_read_only, so the driver asks, as
 * libpq does: {@code SHOW transaction_read_only} for read-write/read-only and
 * {@code SELECT pg_is_in_recovery()} for primary/standby.
 */
class SessionAttributesBefore14Test {

    private static final String VERSION = "12.22.0";

    private static ReplicatedPair pair;
    private static TempCluster primary;
    private static TempCluster standby;
    private static HostAndPort primaryHost;
    private static HostAndPort standbyHost;

    @BeforeAll
    static void startServers() {
        pair = ReplicatedPair.start(VERSION);
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

    private static String serverName(int port) {
        return pair.serverName(port);
    }

    @Test
    void theServersAreAPostgres12PrimaryAndStandbyThatReportNeitherSetting() {
        try (Connection onStandby = connect(options(standbyHost).build());
                Connection onPrimary = connect(options(primaryHost).build())) {
            for (Connection connection : List.of(onStandby, onPrimary)) {
                assertThat(connection.getSettings().get("server_version")).startsWith("12.");
                assertThat(connection.getSettings()).doesNotContainKeys("in_hot_standby", "default_transaction_read_only");
            }
            assertThat(Await.value(onStandby.<Boolean>fetchval("SELECT pg_is_in_recovery()"))).isTrue();
            assertThat(Await.value(onPrimary.<Boolean>fetchval("SELECT pg_is_in_recovery()"))).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}: primary first -> {1}, standby first -> {2}")
    @CsvSource({
            "ANY,            primary, standby",
            "READ_WRITE,     primary, primary",
            "READ_ONLY,      standby, standby",
            "PRIMARY,        primary, primary",
            "STANDBY,        standby, standby",
            "PREFER_STANDBY, standby, standby"})
    void targetSessionAttrsPicksTheRightServerByAskingIt(TargetSessionAttrs target, String primaryFirst,
            String standbyFirst) {
        assertThat(serverName(serverPort(options(primaryHost, standbyHost).targetSessionAttrs(target).build())))
                .isEqualTo(primaryFirst);
        assertThat(serverName(serverPort(options(standbyHost, primaryHost).targetSessionAttrs(target).build())))
                .isEqualTo(standbyFirst);
    }

    @Test
    void preferStandbyFallsBackToThePrimaryAlone() {
        assertThat(serverName(serverPort(options(primaryHost)
                .targetSessionAttrs(TargetSessionAttrs.PREFER_STANDBY).build()))).isEqualTo("primary");
    }

    @Test
    void aMismatchFailsNamingTheHostAndTheAttribute() {
        Throwable failure = failure(options(standbyHost).targetSessionAttrs(TargetSessionAttrs.READ_WRITE).build());
        assertThat(failure).isInstanceOf(ClientCannotConnectException.class)
                .hasMessageContaining(standbyHost.toString())
                .hasMessageContaining("target_session_attrs=read-write");
    }

    @Test
    void aPrimaryWithReadOnlySessionsCountsAsReadOnlyButStillAsPrimary() {
        ConnectOptions.Builder readOnlySessions = options(primaryHost, standbyHost)
                .serverSetting("default_transaction_read_only", "on");
        assertThat(serverName(serverPort(readOnlySessions.targetSessionAttrs(TargetSessionAttrs.READ_ONLY).build())))
                .isEqualTo("primary");
        assertThat(serverName(serverPort(readOnlySessions.targetSessionAttrs(TargetSessionAttrs.PRIMARY).build())))
                .isEqualTo("primary");
        assertThat(failure(readOnlySessions.targetSessionAttrs(TargetSessionAttrs.READ_WRITE).build()))
                .hasMessageContaining("could not connect to any of 2 hosts")
                .hasMessageContaining(primaryHost + ": server at " + primaryHost
                        + " does not match target_session_attrs=read-write")
                .hasMessageContaining(standbyHost + ": server at " + standbyHost
                        + " does not match target_session_attrs=read-write");
    }

    @Test
    void aCheckQueryThatFailsClosesThatConnectionAndMovesOnToTheNextHost() {
        String canExecute = "SELECT has_function_privilege('recovery_unknown', 'pg_catalog.pg_is_in_recovery()', 'EXECUTE')";
        try (Connection admin = connect(options(primaryHost).build());
                Connection standbyAdmin = connect(options(standbyHost).build())) {
            Await.value(admin.execute("CREATE ROLE recovery_unknown LOGIN PASSWORD 'ru-pw'"));
            Await.value(admin.execute("REVOKE EXECUTE ON FUNCTION pg_catalog.pg_is_in_recovery() FROM PUBLIC"));
            try {
                Await.until("the standby to replay the REVOKE", () -> {
                    Boolean allowed = standbyAdmin.<Boolean>fetchval(canExecute).exceptionally(notYetReplayed -> true)
                            .join();
                    return Boolean.FALSE.equals(allowed);
                });
                Throwable failure = failure(options(primaryHost, standbyHost).user("recovery_unknown").password("ru-pw")
                        .targetSessionAttrs(TargetSessionAttrs.PRIMARY).build());
                assertThat(failure).isInstanceOf(ClientCannotConnectException.class)
                        .hasMessageContaining("could not connect to any of 2 hosts")
                        .hasMessageContaining(primaryHost + ": could not check target_session_attrs=primary on " + primaryHost)
                        .hasMessageContaining(standbyHost + ": could not check target_session_attrs=primary on " + standbyHost)
                        .hasMessageContaining("permission denied for function pg_is_in_recovery");
                String sessions = "SELECT count(*) FROM pg_stat_activity WHERE usename = 'recovery_unknown'";
                Await.until("the checked connections to be closed",
                        () -> Await.value(admin.<Long>fetchval(sessions)) == 0L
                                && Await.value(standbyAdmin.<Long>fetchval(sessions)) == 0L);
            } finally {
                Await.value(admin.execute("GRANT EXECUTE ON FUNCTION pg_catalog.pg_is_in_recovery() TO PUBLIC"));
                Await.value(admin.execute("DROP ROLE recovery_unknown"));
            }
        }
    }
}
