package dev.tusk.pool;

import static dev.tusk.test.Await.failure;
import static dev.tusk.test.Await.until;
import static dev.tusk.test.Await.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.BlockingRows;
import dev.tusk.Pool;
import dev.tusk.PoolOptions;
import dev.tusk.PooledConnection;
import dev.tusk.Record;
import dev.tusk.Tusk;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PoolTimeoutException;
import dev.tusk.test.Db;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code Pool.stream}: a connection acquired per subscription and released when the stream ends. */
class PoolStreamTest {

    private Pool pool;

    @BeforeEach
    void createPool() {
        pool = value(Tusk.createPool(PoolOptions.builder()
                .connectOptions(Db.options().applicationName("tusk-pool-stream").build())
                .minSize(1).maxSize(1).acquireTimeout(Duration.ofMillis(500)).build()));
    }

    @AfterEach
    void closePool() {
        try {
            value(pool.closeAsync());
        } finally {
            pool.terminate();
        }
    }

    @Test
    void theRowsStreamAndTheConnectionGoesBackWhenTheyEnd() {
        long sum;
        try (Stream<Record> rows = BlockingRows.of(pool.stream("SELECT g FROM generate_series(1, $1::int) g", 5000)).stream()) {
            sum = rows.mapToLong(row -> row.getLong(0)).sum();
        }
        assertThat(sum).isEqualTo(5000L * 5001 / 2);
        awaitTheConnectionBack();
        assertThat(value(pool.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
    }

    /**
     * A pool call completes before its connection is reset and back: the next acquire waits for
     * that, and this pool's acquire timeout is short (500 ms, for the test that needs it to fire).
     */
    private void awaitTheConnectionBack() {
        until("the connection is back in the pool", () -> pool.getIdleSize() == 1);
    }

    @Test
    void streamToGivesTheStatusAndACancelledStreamReleasesItsConnection() {
        Counter counter = new Counter(Long.MAX_VALUE);
        assertThat(value(pool.streamTo(counter, "SELECT g FROM generate_series(1, 100) g"))).isEqualTo("SELECT 100");
        assertThat(counter.rows.get()).isEqualTo(100);
        awaitTheConnectionBack();

        Counter cancelling = new Counter(3);
        CompletableFuture<String> cancelled = pool.streamTo(cancelling, "SELECT generate_series(1, 1000000000)");
        until("three rows arrived", () -> cancelling.rows.get() == 3);
        cancelling.subscription.cancel();
        failure(cancelled);
        // the pool's only connection comes back in sync once the rows the server had already sent are
        // read and dropped and the cancelled query has ended; when that takes longer than the release
        // timeout (a slow machine), the pool replaces it, and the old backend ends with its socket
        try (PooledConnection next = value(pool.acquire(Duration.ofSeconds(20)))) {
            assertThat(value(next.<Integer>fetchval("SELECT 2"))).isEqualTo(2);
            awaitNoBackendRunsTheCancelledQuery(next);
        }
    }

    private static void awaitNoBackendRunsTheCancelledQuery(PooledConnection observer) {
        until("no backend runs the cancelled query", () -> value(observer.<Long>fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE query LIKE 'SELECT generate_series(1, 1000000000)%'"
                        + " AND state = 'active'")) == 0);
    }

    @Test
    void cancellingTheFutureOfStreamToCancelsTheStreamAndReleasesTheConnection() {
        Counter counter = new Counter(3);
        CompletableFuture<String> status = pool.streamTo(counter, "SELECT generate_series(1, 1000000000)");
        until("three rows arrived", () -> counter.rows.get() == 3);
        status.cancel(false);
        try (PooledConnection next = value(pool.acquire(Duration.ofSeconds(20)))) {
            awaitNoBackendRunsTheCancelledQuery(next);
        }
        assertThat(counter.rows.get()).isEqualTo(3);
        assertThat(counter.completed).isNotDone();
    }

    @Test
    void whenNoConnectionCanBeAcquiredTheSubscriberIsToldWhy() {
        PooledConnection held = value(pool.acquire());
        try {
            Counter counter = new Counter(1);
            CompletableFuture<String> status = pool.streamTo(counter, "SELECT 1");
            assertThat(failure(status)).isInstanceOf(PoolTimeoutException.class);
            assertThat(failure(counter.completed)).isInstanceOf(PoolTimeoutException.class);
            assertThat(counter.subscription).isNotNull();
        } finally {
            held.close();
        }
    }

    @Test
    void aStreamOfAReleasedConnectionDoesNotRunOnTheConnectionsNextBorrower() {
        PooledConnection first = value(pool.acquire());
        Flow.Publisher<Record> rows = first.stream("SELECT pg_backend_pid()");
        first.close();
        try (PooledConnection next = value(pool.acquire(Duration.ofSeconds(20)))) {
            Counter late = new Counter(1);
            rows.subscribe(late);
            assertThat(failure(late.completed)).isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("released");
            assertThat(late.rows.get()).isZero();
            assertThat(value(next.<Integer>fetchval("SELECT 3"))).isEqualTo(3);
        }
    }

    @Test
    void aCursorOfAReleasedConnectionDoesNotRunInTheNextBorrowersTransaction() {
        PooledConnection first = value(pool.acquire());
        dev.tusk.CursorFactory cursor = first.cursor("SELECT g FROM generate_series(1, 10) g").prefetch(5);
        first.close();
        try (PooledConnection next = value(pool.acquire(Duration.ofSeconds(20)))) {
            value(next.execute("BEGIN"));
            assertThatThrownBy(() -> cursor.forEach(row -> { })).isInstanceOf(InterfaceException.class)
                    .hasMessageContaining("released");
            assertThatThrownBy(cursor::open).isInstanceOf(InterfaceException.class);
            Counter late = new Counter(1);
            cursor.subscribe(late);
            assertThat(failure(late.completed)).isInstanceOf(InterfaceException.class);
            assertThat(value(next.<Integer>fetchval("SELECT 4"))).isEqualTo(4);
            value(next.execute("ROLLBACK"));
        }
    }

    @Test
    void aStatementOrTransactionKeptAfterTheReleaseCannotTouchTheNextBorrowersTransaction() {
        value(pool.execute("CREATE TABLE IF NOT EXISTS pool_held (id int)"));
        awaitTheConnectionBack();
        value(pool.execute("TRUNCATE pool_held"));
        awaitTheConnectionBack();
        PooledConnection first = value(pool.acquire());
        dev.tusk.PreparedStatement insert = value(first.prepare("INSERT INTO pool_held VALUES ($1) RETURNING id"));
        dev.tusk.Transaction transaction = first.transaction();
        first.close();
        try (PooledConnection next = value(pool.acquire(Duration.ofSeconds(20)))) {
            value(next.execute("BEGIN"));
            value(next.execute("INSERT INTO pool_held VALUES (1)"));
            assertThatThrownBy(() -> insert.fetchval(2)).isInstanceOf(InterfaceException.class).hasMessageContaining("released");
            assertThatThrownBy(() -> insert.stream(2)).isInstanceOf(InterfaceException.class).hasMessageContaining("released");
            assertThatThrownBy(transaction::start).isInstanceOf(InterfaceException.class).hasMessageContaining("released");
            assertThatThrownBy(transaction::commit).isInstanceOf(InterfaceException.class);
            transaction.close(); // nothing left to do: the release rolled back what was open
            assertThat(insert.getQuery()).isEqualTo("INSERT INTO pool_held VALUES ($1) RETURNING id");
            value(next.execute("ROLLBACK"));
        }
        awaitTheConnectionBack();
        assertThat(value(pool.<Long>fetchval("SELECT count(*) FROM pool_held"))).isZero();
        awaitTheConnectionBack();
        value(pool.execute("DROP TABLE pool_held"));
    }

    @Test
    void aTransactionsWorkGetsThePooledConnection() {
        try (PooledConnection conn = value(pool.acquire())) {
            Object seen = value(conn.transaction().run(c -> CompletableFuture.completedFuture(c)));
            assertThat(seen).isSameAs(conn);
        }
    }

    private static final class Counter implements Flow.Subscriber<Record> {
        final AtomicLong rows = new AtomicLong();
        final CompletableFuture<Void> completed = new CompletableFuture<>();
        private final long initial;
        volatile Flow.Subscription subscription;

        Counter(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(initial);
        }

        @Override
        public void onNext(Record row) {
            rows.incrementAndGet();
        }

        @Override
        public void onError(Throwable error) {
            completed.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            completed.complete(null);
        }
    }
}
