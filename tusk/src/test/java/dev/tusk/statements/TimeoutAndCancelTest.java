package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.Tusk;
import dev.tusk.exceptions.InFailedSqlTransactionException;
import dev.tusk.exceptions.QueryTimeoutException;
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
        assertThatThrownBy(() -> sleeping.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(QueryTimeoutException.class)
                .hasMessageContaining("200 ms");
        // the server was told to cancel: the next call runs at once, on the same backend
        assertThat(conn.<Integer>fetchval("SELECT $1::int4", 7).orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(7);
        assertThat(conn.isClosed()).isFalse();
    }

    @Test
    void theCommandTimeoutOptionAppliesToEveryCall() {
        try (Connection timed = Tusk.connect(Db.options().commandTimeout(Duration.ofMillis(150)).build()).join()) {
            assertThatThrownBy(() -> timed.execute("SELECT pg_sleep(10)", new Object[0]).get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(QueryTimeoutException.class);
            assertThat(timed.<Integer>fetchval("SELECT 1").orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(1);
        }
    }

    @Test
    void cancellingTheFutureCancelsTheQueryOnTheServer() {
        CompletableFuture<List<Record>> sleeping = conn.fetch("SELECT pg_sleep(10)");
        // wait until the server runs it, so that the cancel reaches a running query
        awaitRunning("SELECT pg_sleep(10)");
        assertThat(sleeping.cancel(true)).isTrue();
        assertThatThrownBy(sleeping::join).isInstanceOf(CancellationException.class);
        assertThat(conn.<String>fetchval("SELECT 'after'").orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo("after");
    }

    @Test
    void aTimeoutInsideATransactionLeavesItFailed() {
        conn.execute("BEGIN").join();
        try {
            CompletableFuture<String> sleeping = conn.execute(Duration.ofMillis(200), "SELECT pg_sleep(10)");
            assertThatThrownBy(() -> sleeping.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(QueryTimeoutException.class);
            assertThatThrownBy(() -> conn.fetchval("SELECT 1").orTimeout(5, TimeUnit.SECONDS).join())
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
        assertThat(queuedA.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo(2);
        assertThat(queuedB.orTimeout(5, TimeUnit.SECONDS).join()).isEqualTo("SELECT 1");
        assertThat(conn.<Integer>fetchval("SELECT 3").join()).isEqualTo(3);
    }

    @Test
    void aTimeoutMustBePositive() {
        assertThatThrownBy(() -> conn.fetch(Duration.ZERO, "SELECT 1"))
                .isInstanceOf(dev.tusk.exceptions.InterfaceException.class)
                .hasMessageContaining("timeout must be positive");
    }

    private static void awaitRunning(String query) {
        try (Connection watcher = Db.connect()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                Long running = watcher.<Long>fetchval(
                        "SELECT count(*) FROM pg_stat_activity WHERE query = $1 AND state = 'active'", query).join();
                if (running > 0) {
                    return;
                }
            }
            throw new AssertionError("the query never started on the server: " + query);
        }
    }
}
