package dev.tusk.r2dbc;

import static dev.tusk.r2dbc.R2dbcTestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

/**
 * Rows stream as the server sends them, with back-pressure that reaches the server, in or out of
 * a transaction, and cancel cleanly.
 */
class StreamingTest extends R2dbcTestBase {

    private static final String TEN_THOUSAND = "SELECT g FROM generate_series(1, 10000) AS g";

    @Test
    void tenThousandRowsFetchedInChunksArriveInOrderUnderLimitRate() {
        AtomicLong expected = new AtomicLong(1);

        Long count = Flux.from(connection.createStatement(TEN_THOUSAND).fetchSize(250).execute())
                .concatMap(r -> r.map(row -> row.get(0, Integer.class)))
                .limitRate(100)
                .filter(g -> g == expected.getAndIncrement())
                .count()
                .block(TIMEOUT);

        assertThat(count).isEqualTo(10_000L);
    }

    @Test
    void insideATransactionTenThousandRowsStreamThroughAPortalInOrderUnderLimitRate() {
        AtomicLong expected = new AtomicLong(1);
        await(connection.beginTransaction());

        Long count = Flux.from(connection.createStatement(TEN_THOUSAND).fetchSize(250).execute())
                .concatMap(r -> r.map(row -> row.get(0, Integer.class)))
                .limitRate(100)
                .filter(g -> g == expected.getAndIncrement())
                .count()
                .block(TIMEOUT);
        await(connection.commitTransaction());

        assertThat(count).isEqualTo(10_000L);
    }

    @Test
    void insideATransactionNoMoreRowsAreDeliveredThanRequestedAndCancellingLeavesTheTransactionUsable() {
        await(connection.beginTransaction());

        StepVerifier.create(Flux.from(connection.createStatement(TEN_THOUSAND).fetchSize(100).execute())
                        .concatMap(r -> r.map(row -> row.get(0, Integer.class))), 0)
                .thenRequest(3)
                .expectNext(1, 2, 3)
                .thenRequest(150)
                .expectNextCount(150)
                .thenCancel()
                .verify(TIMEOUT);
        String inside = value("SELECT 'in transaction'", String.class);
        await(connection.commitTransaction());

        assertThat(inside).isEqualTo("in transaction");
        assertThat(value("SELECT 'after commit'", String.class)).isEqualTo("after commit");
    }

    @Test
    void aSubscriberThatStopsRequestingStopsTheServerWithoutATransaction() {
        Connection observer = otherConnection();
        int pid = value("SELECT pg_backend_pid()", Integer.class);
        long baseline = usedHeapAfterGc();

        // two million rows of ~110 bytes, no fetch size, no transaction: read whole, they would fill hundreds of MB
        StepVerifier.create(Flux.from(connection.createStatement("SELECT generate_series(1, 2000000) AS g, repeat('x', 100)")
                        .execute())
                        .concatMap(r -> r.map(row -> row.get(0, Integer.class))), 0)
                .thenRequest(1)
                .expectNext(1)
                .then(() -> {
                    awaitBackendBlockedOnTheClient(observer, pid);
                    assertThat(usedHeapAfterGc() - baseline).isLessThan(32L * 1024 * 1024);
                })
                .thenRequest(2)
                .expectNext(2, 3)
                .thenCancel()
                .verify(TIMEOUT);

        assertThat(value("SELECT 'still usable'", String.class)).isEqualTo("still usable");
    }

    @Test
    void aBatchStreamsEachStatementsRowsAndRunsTheNextOnceTheyAreRead() {
        Connection observer = otherConnection();
        int pid = value("SELECT pg_backend_pid()", Integer.class);

        // 200,000 rows of ~110 bytes: more than the read-ahead and the sockets' buffers hold
        StepVerifier.create(Flux.from(connection.createBatch()
                                .add("SELECT generate_series(1, 200000)::text AS g, repeat('x', 100)")
                                .add("SELECT 'second'")
                                .execute())
                        .concatMap(r -> r.map(row -> row.get(0, String.class))), 0)
                .thenRequest(1)
                .expectNext("1")
                .then(() -> awaitBackendBlockedOnTheClient(observer, pid))
                .thenRequest(Long.MAX_VALUE)
                .expectNextCount(199_999)
                .expectNext("second")
                .expectComplete()
                .verify(TIMEOUT);

        assertThat(value("SELECT 'still usable'", String.class)).isEqualTo("still usable");
    }

    /**
     * Waits until the backend has been seen waiting to write to the client (its send buffer
     * full) in 100 polls in a row, 10 ms apart: a client that went on reading would let it send
     * again within that second.
     */
    private static void awaitBackendBlockedOnTheClient(Connection observer, int pid) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        int inARow = 0;
        while (inARow < 100) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the backend did not stay blocked writing to the client within " + TIMEOUT);
            }
            List<String> waitEvent = Flux.from(observer.createStatement("SELECT wait_event FROM pg_stat_activity WHERE pid = $1")
                            .bind(0, pid).execute())
                    .concatMap(r -> r.map(row -> String.valueOf(row.get(0, String.class)))).collectList().block(TIMEOUT);
            inARow = List.of("ClientWrite").equals(waitEvent) ? inARow + 1 : 0;
            LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    @Test
    void aFetchSizeLargerThanTheResultGivesEveryRow() {
        assertThat(Flux.from(connection.createStatement("SELECT g FROM generate_series(1, 7) AS g").fetchSize(1000).execute())
                .concatMap(r -> r.map(row -> row.get(0, Integer.class))).collectList().block(TIMEOUT))
                .containsExactly(1, 2, 3, 4, 5, 6, 7);
    }

    @Test
    void noMoreRowsAreDeliveredThanRequested() {
        StepVerifier.create(Flux.from(connection.createStatement(TEN_THOUSAND).fetchSize(100).execute())
                        .concatMap(r -> r.map(row -> row.get(0, Integer.class))), 0)
                .thenRequest(3)
                .expectNext(1, 2, 3)
                .thenRequest(2)
                .expectNext(4, 5)
                .thenCancel()
                .verify(TIMEOUT);

        assertThat(value("SELECT 'still usable'", String.class)).isEqualTo("still usable");
    }

    @Test
    void takingTheFirstRowsOfAStreamedQueryCancelsItAndTheConnectionStaysUsable() {
        List<Integer> first = Flux.from(connection.createStatement(TEN_THOUSAND).fetchSize(50).execute())
                .concatMap(r -> r.map(row -> row.get(0, Integer.class)))
                .take(5)
                .collectList().block(TIMEOUT);

        assertThat(first).containsExactly(1, 2, 3, 4, 5);
        assertThat(value("SELECT count(*) FROM generate_series(1, 10)", Long.class)).isEqualTo(10L);
    }

    @Test
    void takingTheFirstRowsOfAQueryWithoutFetchSizeCancelsItAndTheConnectionStaysUsable() {
        List<Integer> first = Flux.from(connection.createStatement(TEN_THOUSAND).execute())
                .concatMap(r -> r.map(row -> row.get(0, Integer.class)))
                .take(5)
                .collectList().block(TIMEOUT);

        assertThat(first).containsExactly(1, 2, 3, 4, 5);
        assertThat(value("SELECT 42", Integer.class)).isEqualTo(42);
    }

    @Test
    void cancellingAStreamInsideATransactionKeepsTheTransactionUsable() {
        String table = newTable("id int");
        await(connection.beginTransaction());
        run("INSERT INTO " + table + " VALUES (1)");

        List<Integer> first = Flux.from(connection.createStatement(TEN_THOUSAND).fetchSize(100).execute())
                .concatMap(r -> r.map(row -> row.get(0, Integer.class)))
                .take(2)
                .collectList().block(TIMEOUT);
        run("INSERT INTO " + table + " VALUES (2)");
        await(connection.commitTransaction());

        assertThat(first).containsExactly(1, 2);
        assertThat(count(otherConnection(), table)).isEqualTo(2L);
    }

    @Test
    void aStreamConsumedAfterAnotherOneWasCancelledStartsAtItsOwnFirstRow() {
        Flux.from(connection.createStatement(TEN_THOUSAND).fetchSize(10).execute())
                .concatMap(r -> r.map(row -> row.get(0, Integer.class)))
                .take(1).blockLast(TIMEOUT);

        List<String> next = Flux.from(connection.createStatement("SELECT 'a' UNION ALL SELECT 'b'").fetchSize(10).execute())
                .concatMap(r -> r.map(row -> row.get(0, String.class)))
                .collectList().block(TIMEOUT);

        assertThat(next).containsExactly("a", "b");
    }
}
