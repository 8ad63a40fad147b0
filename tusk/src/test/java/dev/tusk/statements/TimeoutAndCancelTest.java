package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.Tusk;
import dev.tusk.exceptions.InFailedSqlTransactionException;
import dev.tusk.exceptions.QueryTimeoutException;
import dev.tusk.test.Await;
import dev.tusk.test.Db;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TimeoutAndCancelTest {

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Db.connect();
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    @Test
    void aQueryPastItsTimeoutFailsAndTheConnectionStaysUsable() {
        CompletableFuture<List<Record>> sleeping = conn.fetch(Duration.ofMillis(200), "SELECT pg_sleep(10)");
        assertThatThrownBy(() -> sleeping.get(Await.BOUND.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(QueryTimeoutException.class)
                .hasMessageContaining("200 ms");
        // the server was told to cancel: the next call runs on the same backend (after the sleep when
        // the cancel reached the server before it started the query, which a slow machine may see)
        assertThat(Await.value(conn.<Integer>fetchval("SELECT $1::int4", 7))).isEqualTo(7);
        assertThat(conn.isClosed()).isFalse();
    }

    @Test
    void theCommandTimeoutOptionAppliesToEveryCall() {
        try (Connection timed = Tusk.connect(Db.options().commandTimeout(Duration.ofMillis(150)).build()).join()) {
            assertThatThrownBy(() -> timed.execute("SELECT pg_sleep(10)", new Object[0])
                    .get(Await.BOUND.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(QueryTimeoutException.class);
            // a bound of its own: 150 ms may not cover a round trip on a slow machine, nor the rest of the
            // sleep when the cancel reached the server before it started the query
            assertThat(Await.value(timed.<Integer>fetchval(Await.BOUND, "SELECT 1"))).isEqualTo(1);
        }
    }

    @Test
    void cancellingTheFutureCancelsTheQueryOnTheServer() {
        // longer than the bound below: only a cancel on the server lets the next call run within it
        CompletableFuture<List<Record>> sleeping = conn.fetch("SELECT pg_sleep(60)");
        // wait until the server runs it, so that the cancel reaches a running query
        awaitRunning("SELECT pg_sleep(60)");
        assertThat(sleeping.cancel(true)).isTrue();
        assertThatThrownBy(sleeping::join).isInstanceOf(CancellationException.class);
        assertThat(Await.value(conn.<String>fetchval("SELECT 'after'"))).isEqualTo("after");
    }

    @Test
    void aTimeoutInsideATransactionLeavesItFailed() {
        conn.execute("BEGIN").join();
        try {
            CompletableFuture<String> sleeping = conn.execute(Duration.ofMillis(200), "SELECT pg_sleep(10)");
            assertThatThrownBy(() -> sleeping.get(Await.BOUND.toSeconds(), TimeUnit.SECONDS))
                    .hasCauseInstanceOf(QueryTimeoutException.class);
            assertThatThrownBy(() -> conn.fetchval("SELECT 1").orTimeout(Await.BOUND.toSeconds(), TimeUnit.SECONDS)
                    .join())
                    .isInstanceOf(CompletionException.class)
                    .hasCauseInstanceOf(InFailedSqlTransactionException.class);
        } finally {
            conn.execute("ROLLBACK").join();
        }
        assertThat(conn.isInTransaction()).isFalse();
    }

    @Test
    void callsQueuedBehindACancelledOneAreNotHit() {
        CompletableFuture<List<Record>> sleeping = conn.fetch("SELECT pg_sleep(10)");
        CompletableFuture<Integer> queuedA = conn.fetchval("SELECT $1::int4 + 1", 1);
        CompletableFuture<String> queuedB = conn.execute("SELECT pg_sleep(0.3)", new Object[0]);
        awaitRunning("SELECT pg_sleep(10)");
        sleeping.cancel(true);
        assertThat(Await.value(queuedA)).isEqualTo(2);
        assertThat(Await.value(queuedB)).isEqualTo("SELECT 1");
        assertThat(conn.<Integer>fetchval("SELECT 3").join()).isEqualTo(3);
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> conn.fetch(Duration.ZERO, "SELECT 1"))
                .isInstanceOf(dev.tusk.exceptions.InterfaceException.class)
                .hasMessageContaining("timeout must be positive");
    }

    /**
     * Waits until this class's connection sleeps in {@code query} on the server: the sleep itself,
     * not only state 'active', which also covers the moments between Bind and Execute when the
     * server ignores a cancel request; and this backend, not another session's leftover.
     */
    private static void awaitRunning(String query) {
        try (Connection watcher = Db.connect()) {
            Await.until("the server runs " + query, () -> Await.value(watcher.<Long>fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND query = $2 AND wait_event = 'PgSleep'",
                    conn.getServerPid(), query)) == 1);
        }
    }
}
