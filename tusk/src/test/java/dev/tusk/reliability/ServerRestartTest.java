package dev.tusk.reliability;

import static dev.tusk.reliability.Outcomes.failure;
import static dev.tusk.reliability.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.Tusk;
import dev.tusk.exceptions.PostgresException;
import dev.tusk.testkit.TempCluster;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server process goes away under a connection in use: a restart and a crash. */
class ServerRestartTest {

    private static final String APP = "tusk-reliability-restart";

    private static TempCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TempCluster.builder().start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    @AfterEach
    void noSessionLeft() {
        cluster.start(); // a no-op when the test left it running
        ServerSessions.assertNoneLeft(options(), APP);
    }

    private static ConnectOptions.Builder options() {
        return ConnectOptions.builder().useEnvironment(false).dsn(cluster.dsn()).applicationName(APP);
    }

    @Test
    void restartFailsTheCallsInFlightAsTheServerGoingAwayAndNewConnectionsWorkAfterwards() {
        Connection conn = value(Tusk.connect(options().build()));
        CompletableFuture<?> sleeping = conn.execute("SELECT pg_sleep(60)");
        CompletableFuture<?> queued = conn.fetchval("SELECT 1");
        ServerSessions.awaitRunning(options(), "SELECT pg_sleep(60)");

        cluster.restart();

        Outcomes.assertServerWentAway(failure(sleeping));
        Outcomes.assertServerWentAway(failure(queued));
        value(conn.onClose());
        assertThat(conn.isClosed()).isTrue();
        try (Connection fresh = value(Tusk.connect(options().build()))) {
            assertThat(value(fresh.<Integer>fetchval("SELECT $1::int", 1))).isEqualTo(1);
        }
        conn.close();
    }

    @Test
    void killMinusNineFailsTheCallsInFlightAsTheServerGoingAwayAndNewConnectionsWorkAfterStart() {
        Connection conn = value(Tusk.connect(options().build()));
        CompletableFuture<?> sleeping = conn.execute("SELECT pg_sleep(60)");
        CompletableFuture<?> queued = conn.fetchval("SELECT 1");

        cluster.killServer();

        Throwable lost = failure(sleeping);
        Outcomes.assertServerWentAway(lost);
        Outcomes.assertServerWentAway(failure(queued));
        value(conn.onClose());
        assertThat(conn.isClosed()).isTrue();
        // a later call fails as the calls in flight did: with the shutdown notice when the backend
        // outlived its postmaster long enough to send one, with the lost connection otherwise
        Throwable later = failure(conn.fetchval("SELECT 1"));
        Outcomes.assertServerWentAway(later);
        assertThat(((PostgresException) later).getSqlState()).isEqualTo(((PostgresException) lost).getSqlState());

        cluster.start();
        try (Connection fresh = value(Tusk.connect(options().build()))) {
            assertThat(value(fresh.<Integer>fetchval("SELECT $1::int", 2))).isEqualTo(2);
        }
        conn.close();
    }
}
