package dev.tusk.reliability;

import static dev.tusk.reliability.Outcomes.assertConnectionFailure;
import static dev.tusk.reliability.Outcomes.failure;
import static dev.tusk.reliability.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Pool;
import dev.tusk.PoolOptions;
import dev.tusk.PooledConnection;
import dev.tusk.Tusk;
import dev.tusk.exceptions.PoolTimeoutException;
import dev.tusk.testkit.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A pool under a crowd of acquirers and under network cuts: every call ends, nothing leaks, cut connections are replaced. */
class PoolUnderFaultsTest {

    private static final String APP = "tusk-reliability-pool";

    private FaultProxy proxy;
    private Pool pool;

    @BeforeEach
    void startProxy() {
        proxy = SharedServer.proxy();
    }

    @AfterEach
    void noSessionLeft() {
        if (pool != null) {
            pool.terminate();
        }
        proxy.close();
        ServerSessions.assertNoneLeft(SharedServer.direct(), APP);
    }

    @Test
    void tenThousandConcurrentAcquiresOnAPoolOfTenAllCompleteServedOrTimedOutAndNoConnectionLeaks() {
        assertThat(ServerSessions.count(SharedServer.direct(), APP)).isZero(); // also warms up the JVM's connect path
        pool = value(Tusk.createPool(PoolOptions.builder().connectOptions(SharedServer.direct().applicationName(APP).build())
                .minSize(0).maxSize(10).acquireTimeout(Duration.ofSeconds(2)).build()));
        AtomicInteger served = new AtomicInteger();
        AtomicInteger timedOut = new AtomicInteger();
        AtomicInteger lent = new AtomicInteger();
        AtomicInteger mostLent = new AtomicInteger();
        ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<Void>> calls = new ArrayList<>(10_000);

        for (int i = 0; i < 10_000; i++) {
            int n = i;
            calls.add(pool.acquire().thenCompose(conn -> {
                mostLent.accumulateAndGet(lent.incrementAndGet(), Math::max);
                return conn.<Integer>fetchval("SELECT $1::int", n).handle((answer, error) -> {
                    if (error != null || answer != n) {
                        unexpected.add(error != null ? error : new AssertionError("call " + n + " returned " + answer));
                    }
                    lent.decrementAndGet();
                    return conn;
                }).thenCompose(PooledConnection::closeAsync).thenRun(served::incrementAndGet);
            }).exceptionally(error -> {
                Throwable cause = Outcomes.unwrap(error);
                if (cause instanceof PoolTimeoutException) {
                    timedOut.incrementAndGet();
                } else {
                    unexpected.add(cause);
                }
                return null;
            }).orTimeout(60, TimeUnit.SECONDS));
        }
        for (CompletableFuture<Void> call : calls) {
            Outcomes.settled(call);
            assertThat(call).as("every acquire completes within its bound").isNotCompletedExceptionally();
        }

        assertThat(unexpected).isEmpty();
        assertThat(served.get() + timedOut.get()).isEqualTo(10_000);
        assertThat(served.get()).isPositive();
        assertThat(mostLent.get()).isLessThanOrEqualTo(10);
        Outcomes.eventually("every connection is back and idle", () -> pool.getIdleSize() == pool.getSize());
        assertThat(pool.getSize()).isLessThanOrEqualTo(10);
        // a connection the pool replaced (a reset past its bound on a slow machine) leaves a backend
        // that exits in its own time
        Outcomes.eventually("the server has one session per pooled connection",
                () -> ServerSessions.count(SharedServer.direct(), APP) == pool.getSize());
        assertThat(value(pool.<Integer>fetchval("SELECT 42"))).isEqualTo(42);
        value(pool.closeAsync());
        assertThat(pool.getSize()).isZero();
    }

    @Test
    void pooledConnectionsCutByTheNetworkFailTheirCallAndAreReplacedByNewOnes() {
        pool = value(Tusk.createPool(PoolOptions.builder().connectOptions(SharedServer.through(proxy, APP).build())
                .minSize(3).maxSize(3).acquireTimeout(Duration.ofSeconds(5)).build()));
        Set<Integer> pidsBefore = serverPids(3);
        PooledConnection busy = value(pool.acquire());
        // short: a sleeping backend notices its client is gone only when the sleep ends
        CompletableFuture<?> running = busy.execute("SELECT pg_sleep(3)");

        proxy.cut();

        assertConnectionFailure(failure(running));
        assertThat(busy.isClosed()).isTrue();
        value(busy.closeAsync());
        Outcomes.eventually("the pool has replaced the cut connections", () -> pool.getSize() == 3
                && pool.getIdleSize() == 3 && pool.metrics().getClosedCount() >= 3);
        Set<Integer> pidsAfter = serverPids(3);
        assertThat(pidsAfter).hasSize(3).doesNotContainAnyElementsOf(pidsBefore);
        assertThat(value(pool.<Integer>fetchval("SELECT $1::int", 7))).isEqualTo(7);
        // the proxy sees a connection the client closed end only when its threads notice
        Outcomes.eventually("the proxy carries the pool's three connections only", () -> proxy.openConnections() == 3);
    }

    /** Acquires {@code count} connections at once and returns their server process ids. */
    private Set<Integer> serverPids(int count) {
        List<PooledConnection> held = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                held.add(value(pool.acquire()));
            }
            Set<Integer> pids = new HashSet<>();
            for (PooledConnection conn : held) {
                pids.add(value(conn.<Integer>fetchval("SELECT pg_backend_pid()")));
            }
            return pids;
        } finally {
            held.forEach(conn -> value(conn.closeAsync()));
        }
    }
}
