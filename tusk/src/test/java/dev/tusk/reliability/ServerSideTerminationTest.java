package dev.tusk.reliability;

import static dev.tusk.reliability.Outcomes.failure;
import static dev.tusk.reliability.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.Tusk;
import dev.tusk.exceptions.AdminShutdownException;
import dev.tusk.exceptions.IdleInTransactionSessionTimeoutException;
import dev.tusk.exceptions.QueryCanceledException;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The server ends a session or a statement on its own initiative. */
class ServerSideTerminationTest {

    private static final String APP = "tusk-reliability-server-side";

    @AfterEach
    void noSessionLeft() {
        ServerSessions.assertNoneLeft(SharedServer.direct(), APP);
    }

    private static Connection connect() {
        return value(Tusk.connect(SharedServer.direct().applicationName(APP).build()));
    }

    @Test
    void pgTerminateBackendFailsThePendingAndTheNextCallWithAdminShutdown() {
        Connection victim = connect();
        try (Connection admin = connect()) {
            CompletableFuture<?> sleeping = victim.execute("SELECT pg_sleep(60)");
            Outcomes.eventually("the victim's query is running", () -> "active".equals(value(admin.<String>fetchval(
                    "SELECT state FROM pg_stat_activity WHERE pid = $1", victim.getServerPid()))));

            assertThat(value(admin.<Boolean>fetchval("SELECT pg_terminate_backend($1)", victim.getServerPid()))).isTrue();

            assertThat(failure(sleeping)).isInstanceOf(AdminShutdownException.class);
            value(victim.onClose());
            assertThat(victim.isClosed()).isTrue();
            assertThat(failure(victim.fetchval("SELECT 1"))).isInstanceOf(AdminShutdownException.class);
        }
        victim.close();
    }

    @Test
    void pgTerminateBackendOfAnIdleConnectionClosesItAndFailsTheNextCall() {
        Connection victim = connect();
        try (Connection admin = connect()) {
            assertThat(value(admin.<Boolean>fetchval("SELECT pg_terminate_backend($1)", victim.getServerPid()))).isTrue();

            value(victim.onClose());
            assertThat(victim.isClosed()).isTrue();
            assertThat(failure(victim.fetchval("SELECT 1"))).isInstanceOf(AdminShutdownException.class);
        }
        victim.close();
    }

    @Test
    void idleInTransactionSessionTimeoutClosesTheConnectionWithItsExceptionClass() {
        Connection conn = connect();
        value(conn.execute("SET idle_in_transaction_session_timeout = '100ms'"));
        value(conn.execute("BEGIN"));

        value(conn.onClose());

        assertThat(conn.isClosed()).isTrue();
        assertThat(failure(conn.fetchval("SELECT 1"))).isInstanceOf(IdleInTransactionSessionTimeoutException.class);
        conn.close();
    }

    @Test
    void statementTimeoutFailsTheCallWithQueryCanceledAndTheConnectionStaysUsable() {
        try (Connection conn = connect()) {
            value(conn.execute("SET statement_timeout = '100ms'"));

            assertThat(failure(conn.execute("SELECT pg_sleep(30)"))).isInstanceOf(QueryCanceledException.class);
            assertThat(failure(conn.fetchval("SELECT pg_sleep($1)", 30.0))).isInstanceOf(QueryCanceledException.class);

            assertThat(conn.isClosed()).isFalse();
            assertThat(value(conn.<Integer>fetchval("SELECT $1::int", 7))).isEqualTo(7);
        }
    }
}
