package dev.tusk.pool;

import dev.tusk.test.Await;
import static dev.tusk.test.Await.failure;
import static dev.tusk.test.Await.until;
import static dev.tusk.test.Await.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Pool;
import dev.tusk.PoolOptions;
import dev.tusk.PooledConnection;
import dev.tusk.Tusk;
import dev.tusk.exceptions.ConnectionException;
import dev.tusk.exceptions.OperatorInterventionException;
import dev.tusk.exceptions.PoolTimeoutException;
import dev.tusk.testkit.TempCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The server stops and starts again under a busy pool: nothing hangs and the pool heals itself. */
class PoolServerRestartTest {

    private static TempCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = TempCluster.builder().start();
    }

    @AfterAll
    static void closeCluster() {
        cluster.close();
    }

    private static PoolOptions.Builder options() {
        return PoolOptions.builder()
                .connectOptions(ConnectOptions.builder().useEnvironment(false).dsn(cluster.dsn())
                        .applicationName("tusk-pool-restart").connectTimeout(Duration.ofSeconds(10)).build())
                .minSize(2).maxSize(10).acquireTimeout(Duration.ofMillis(500));
    }

    /** Fifty tasks, each querying through the pool in a loop and recording every outcome. */
    private static final class Load {
        final AtomicLong successes = new AtomicLong();
        final AtomicLong poolTimeouts = new AtomicLong();
        final AtomicLong connectionErrors = new AtomicLong();
        final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        final AtomicInteger phase = new AtomicInteger();
        volatile boolean stopping;

        CompletableFuture<Void> task(Pool pool) {
            return pool.<Integer>fetchval("SELECT 1").handle((value, failure) -> {
                record(failure);
                return null;
            }).thenCompose(ignored -> stopping ? CompletableFuture.completedFuture(null) : task(pool));
        }

        private void record(Throwable failure) {
            if (failure == null) {
                successes.incrementAndGet();
                return;
            }
            Throwable cause = failure.getCause() != null && !(failure instanceof PoolTimeoutException)
                    && !(failure instanceof ConnectionException) ? failure.getCause() : failure;
            if (cause instanceof PoolTimeoutException) {
                poolTimeouts.incrementAndGet();
            } else if (cause instanceof ConnectionException || cause instanceof OperatorInterventionException) {
                connectionErrors.incrementAndGet();
            } else {
                unexpected.add(cause);
            }
        }
    }

    @Test
    void serverStoppedUnderFiftyQueryingTasksAndStartedAgainEveryCallEndsAndThePoolRefills() {
        Pool pool = value(Tusk.createPool(options().build()));
        Load load = new Load();
        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tasks.add(load.task(pool));
        }
        until("queries succeed before the stop", () -> load.successes.get() >= 200);

        cluster.stop();
        until("acquires fail at their deadline while the server is down", () -> load.poolTimeouts.get() >= 50);
        Throwable down = failure(pool.acquire(Duration.ofMillis(200)));
        assertThat(down).isInstanceOf(PoolTimeoutException.class).hasMessageContaining("timed out after");
        assertThat(down.getCause()).isInstanceOf(ConnectionException.class);

        cluster.start();
        long beforeRestart = load.successes.get();
        until("queries succeed again after the start", () -> load.successes.get() >= beforeRestart + 200);
        load.stopping = true;
        tasks.forEach(Await::value);

        assertThat(load.unexpected).isEmpty();
        List<PooledConnection> all = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            all.add(value(pool.acquire(Await.BOUND)));
        }
        for (PooledConnection conn : all) {
            assertThat(value(conn.<Integer>fetchval("SELECT 2"))).isEqualTo(2);
        }
        assertThat(pool.getSize()).isEqualTo(10);
        all.forEach(PooledConnection::close);
        value(pool.closeAsync());
        assertThat(pool.getSize()).isZero();
    }

    @Test
    void createPoolFailsWithTheConnectErrorWhenTheServerIsDown() {
        cluster.stop();
        try {
            Throwable failure = failure(Tusk.createPool(options().build()));
            assertThat(failure).isInstanceOf(ConnectionException.class);
        } finally {
            cluster.start();
        }
    }
}
