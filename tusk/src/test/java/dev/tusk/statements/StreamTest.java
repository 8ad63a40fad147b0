package dev.tusk.statements;

import static dev.tusk.test.Await.failure;
import static dev.tusk.test.Await.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.exceptions.DivisionByZeroException;
import dev.tusk.exceptions.QueryTimeoutException;
import dev.tusk.test.Await;
import dev.tusk.test.Db;
import dev.tusk.test.Heap;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code Connection.stream}: rows as the server sends them, with back-pressure that reaches the server. */
class StreamTest {

    private static Connection conn;
    private static Connection observer;

    @BeforeAll
    static void connect() {
        conn = Db.connect();
        observer = Db.connect();
    }

    @AfterAll
    static void close() {
        conn.close();
        observer.close();
    }

    @Test
    void everyRowArrivesInOrderThenTheStatusAndCompletion() {
        Rows rows = new Rows(Long.MAX_VALUE);
        CompletableFuture<String> status = conn.streamTo(rows, "SELECT g FROM generate_series(1, $1::int) g", 10_000);
        assertThat(value(rows.completed)).isTrue();
        assertThat(value(status)).isEqualTo("SELECT 10000");
        assertThat(rows.values()).hasSize(10_000).startsWith(1L, 2L, 3L).endsWith(10_000L);
        assertThat(rows.values()).isSorted();
    }

    @Test
    void aStatementWithoutRowsCompletesWithItsStatus() {
        value(conn.execute("CREATE TEMP TABLE IF NOT EXISTS stream_update (id int)"));
        value(conn.execute("INSERT INTO stream_update SELECT generate_series(1, 3)"));
        Rows rows = new Rows(1);
        assertThat(value(conn.streamTo(rows, "UPDATE stream_update SET id = id + 1"))).isEqualTo("UPDATE 3");
        assertThat(rows.values()).isEmpty();
        assertThat(value(rows.completed)).isTrue();
    }

    @Test
    void nothingIsSentBeforeTheFirstRequest() {
        value(conn.execute("CREATE TEMP TABLE IF NOT EXISTS stream_lazy (id int)"));
        value(conn.execute("TRUNCATE stream_lazy"));
        Rows rows = new Rows(0);
        conn.stream("INSERT INTO stream_lazy VALUES (1) RETURNING id").subscribe(rows);
        assertThat(value(conn.<Long>fetchval("SELECT count(*) FROM stream_lazy"))).isZero();
        rows.request(1);
        assertThat(value(rows.completed)).isTrue();
        assertThat(rows.values()).containsExactly(1L);
        assertThat(value(conn.<Long>fetchval("SELECT count(*) FROM stream_lazy"))).isOne();
    }

    @Test
    void aSubscriberThatStopsRequestingStopsTheServerAndHoldsOnlyAFewRows() {
        int pid = value(conn.<Integer>fetchval("SELECT pg_backend_pid()"));
        long baseline = Heap.usedAfterGc();
        Rows rows = new Rows(1);
        // two million rows of ~110 bytes: read without pausing, they would fill hundreds of MB
        conn.stream("SELECT generate_series(1, 2000000) AS g, repeat('x', 100)").subscribe(rows);
        awaitBackendBlockedOnTheClient(pid);
        // a blocked backend says the socket is full, not that the I/O thread has delivered the first row
        Await.until("the requested row arrived", () -> rows.count.get() == 1);
        assertThat(rows.values()).hasSize(1);
        assertThat(Heap.usedAfterGc() - baseline).isLessThan(32L * 1024 * 1024);
        assertThat(rows.completed).isNotDone();
        rows.subscription.cancel();
        assertThat(value(conn.<Integer>fetchval("SELECT 5"))).isEqualTo(5);
    }

    @Test
    void largeRowsAreHeldBackByTheirSizeNotOnlyTheirNumber() {
        int pid = value(conn.<Integer>fetchval("SELECT pg_backend_pid()"));
        long baseline = Heap.usedAfterGc();
        Rows rows = new Rows(1);
        // 300 rows of 1 MB: fewer than the 512 rows that pause a stream, 300 MB if all were read
        conn.stream("SELECT g, repeat('x', 1000000) FROM generate_series(1, 300) g").subscribe(rows);
        awaitBackendBlockedOnTheClient(pid);
        assertThat(Heap.usedAfterGc() - baseline).isLessThan(64L * 1024 * 1024);
        rows.request(Long.MAX_VALUE);
        assertThat(value(rows.completed)).isTrue();
        assertThat(rows.count.get()).isEqualTo(300);
    }

    /**
     * Waits until the backend has been seen waiting to write to the client (its send buffer
     * full) in 100 polls in a row, 10 ms apart: a client that went on reading would let it send
     * again within that second.
     */
    private static void awaitBackendBlockedOnTheClient(int pid) {
        int[] inARow = new int[1];
        Await.until("the backend stays blocked writing to the client", () -> {
            String waitEvent = value(observer.<String>fetchval("SELECT wait_event FROM pg_stat_activity WHERE pid = $1", pid));
            inARow[0] = "ClientWrite".equals(waitEvent) ? inARow[0] + 1 : 0;
            return inARow[0] >= 100;
        });
    }

    @Test
    void callsQueuedBehindAPausedStreamRunWhenItResumes() {
        int pid = value(conn.<Integer>fetchval("SELECT pg_backend_pid()"));
        Rows rows = new Rows(1);
        conn.stream("SELECT generate_series(1, 200000) AS g, repeat('x', 100)").subscribe(rows);
        awaitBackendBlockedOnTheClient(pid);
        CompletableFuture<Integer> behind = conn.fetchval("SELECT 7");
        assertThat(behind).isNotDone(); // its reply is behind the paused rows in the socket
        rows.request(Long.MAX_VALUE);
        assertThat(value(behind)).isEqualTo(7);
        assertThat(rows.completed).isDone();
        assertThat(rows.count.get()).isEqualTo(200_000);
    }

    @Test
    void cancellingStopsTheQueryOnTheServerAndTheConnectionStaysUsable() {
        Rows rows = new Rows(10);
        rows.onRow = row -> {
            if (rows.count.get() == 10) {
                rows.subscription.cancel();
            }
        };
        // a billion rows, produced one by one (the set function in the select list is not materialised first):
        // reading them all would take minutes, so only a cancel on the server ends it in time
        CompletableFuture<String> status = conn.streamTo(rows, "SELECT generate_series(1, 1000000000) AS g");
        assertThat(failure(status)).isInstanceOf(CancellationException.class);
        assertThat(value(conn.<Integer>fetchval("SELECT 42"))).isEqualTo(42);
        assertThat(rows.values()).hasSize(10);
        assertThat(rows.completed).isNotDone();
    }

    @Test
    void cancellingTheFutureOfStreamToCancelsTheStream() {
        Rows rows = new Rows(5);
        CompletableFuture<String> status = conn.streamTo(rows, "SELECT generate_series(1, 1000000000) AS g");
        Await.until("five rows arrived", () -> rows.count.get() == 5);
        status.cancel(false);
        assertThat(value(conn.<Integer>fetchval("SELECT 43"))).isEqualTo(43);
        rows.request(10);
        assertThat(value(conn.<Integer>fetchval("SELECT 44"))).isEqualTo(44);
        assertThat(rows.count.get()).isEqualTo(5);
        assertThat(rows.completed).isNotDone();
    }

    @Test
    void cancellingInsideATransactionDropsTheRestAndKeepsTheTransactionUsable() {
        value(conn.execute("CREATE TEMP TABLE IF NOT EXISTS stream_tx (id int)"));
        value(conn.execute("BEGIN"));
        try {
            value(conn.execute("INSERT INTO stream_tx VALUES (1)"));
            Rows rows = new Rows(3);
            rows.onRow = row -> {
                if (rows.count.get() == 3) {
                    rows.subscription.cancel();
                }
            };
            // produced one by one, so that the query still runs when the cancel comes
            CompletableFuture<String> status = conn.streamTo(rows, "SELECT generate_series(1, 1000000)");
            assertThat(failure(status)).isInstanceOf(CancellationException.class);
            // a cancel on the server would have aborted the transaction; the rest was read and dropped
            value(conn.execute("INSERT INTO stream_tx VALUES (2)"));
            value(conn.execute("COMMIT"));
            assertThat(rows.values()).containsExactly(1L, 2L, 3L);
            assertThat(value(conn.<Long>fetchval("SELECT count(*) FROM stream_tx WHERE id IN (1, 2)"))).isEqualTo(2L);
        } finally {
            conn.execute("ROLLBACK");
        }
    }

    @Test
    void anErrorAfterSomeRowsArrivesAfterThem() {
        Rows rows = new Rows(Long.MAX_VALUE);
        CompletableFuture<String> status = conn.streamTo(rows, "SELECT 10 / (5 - g) FROM generate_series(1, 10) g");
        assertThat(failure(status)).isInstanceOf(DivisionByZeroException.class);
        assertThat(failure(rows.completed)).isInstanceOf(DivisionByZeroException.class);
        assertThat(rows.values()).containsExactly(2L, 3L, 5L, 10L);
        assertThat(value(conn.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
    }

    @Test
    void rowsLeftUnrequestedWhenTheQueryFailsStillComeFirst() {
        int pid = value(conn.<Integer>fetchval("SELECT pg_backend_pid()"));
        Rows rows = new Rows(1);
        conn.stream("SELECT 10 / (5 - g) FROM generate_series(1, 10) g").subscribe(rows);
        Await.until("the query ended on the server", () -> value(observer.<Long>fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'idle'"
                        + " AND query LIKE 'SELECT 10 / (5 - g)%'", pid)) == 1);
        // the server being idle says nothing about when its bytes reach this side
        Await.until("the requested row arrived", () -> rows.count.get() == 1);
        assertThat(rows.values()).containsExactly(2L);
        rows.request(3);
        assertThat(failure(rows.completed)).isInstanceOf(DivisionByZeroException.class);
        assertThat(rows.values()).containsExactly(2L, 3L, 5L, 10L);
    }

    @Test
    void aNonPositiveRequestFailsTheStream() {
        Rows rows = new Rows(0);
        conn.stream("SELECT 1").subscribe(rows);
        rows.request(0);
        assertThat(failure(rows.completed)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("positive");
        assertThat(value(conn.<Integer>fetchval("SELECT 2"))).isEqualTo(2);
    }

    @Test
    void aSubscriberThatThrowsIsCancelled() {
        Rows rows = new Rows(Long.MAX_VALUE);
        IllegalStateException thrown = new IllegalStateException("subscriber bug");
        rows.onRow = row -> {
            if (rows.count.get() == 3) {
                throw thrown;
            }
        };
        CompletableFuture<String> status = conn.streamTo(rows, "SELECT generate_series(1, 1000000000) AS g");
        assertThat(failure(status)).isSameAs(thrown);
        assertThat(value(conn.<Integer>fetchval("SELECT 3"))).isEqualTo(3);
    }

    @Test
    void theTimeoutBoundsTheWholeStream() {
        Rows rows = new Rows(Long.MAX_VALUE);
        // shorter than the bound of the next call, which waits out the sleep when the cancel reached the
        // server before it started the query (a slow machine)
        conn.stream(Duration.ofMillis(200), "SELECT pg_sleep(10)").subscribe(rows);
        assertThat(failure(rows.completed)).isInstanceOf(QueryTimeoutException.class);
        assertThat(value(conn.<Integer>fetchval("SELECT 4"))).isEqualTo(4);
    }

    @Test
    void eachSubscriptionRunsTheQueryAgainAndWorksInATransaction() {
        value(conn.execute("CREATE TEMP TABLE IF NOT EXISTS stream_again (id int)"));
        Flow.Publisher<Record> publisher = conn.stream("INSERT INTO stream_again VALUES ($1) RETURNING id", 5);
        Rows first = new Rows(Long.MAX_VALUE);
        publisher.subscribe(first);
        assertThat(value(first.completed)).isTrue();
        Rows second = new Rows(Long.MAX_VALUE);
        value(conn.inTransaction(c -> {
            publisher.subscribe(second);
            return second.completed;
        }));
        assertThat(first.values()).containsExactly(5L);
        assertThat(second.values()).containsExactly(5L);
        assertThat(value(conn.<Long>fetchval("SELECT count(*) FROM stream_again"))).isEqualTo(2L);
    }


    /** A subscriber that keeps the first column of each row and requests as told. */
    private static final class Rows implements Flow.Subscriber<Record> {
        final CompletableFuture<Boolean> completed = new CompletableFuture<>();
        final AtomicLong count = new AtomicLong();
        private final List<Long> values = new CopyOnWriteArrayList<>();
        private final long initialRequest;
        volatile Flow.Subscription subscription;
        volatile Consumer<Record> onRow = row -> { };

        Rows(long initialRequest) {
            this.initialRequest = initialRequest;
        }

        void request(long n) {
            subscription.request(n);
        }

        List<Long> values() {
            return values;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initialRequest > 0) {
                s.request(initialRequest);
            }
        }

        @Override
        public void onNext(Record row) {
            count.incrementAndGet();
            if (values.size() < 20_000) {
                values.add(((Number) row.get(0)).longValue());
            }
            onRow.accept(row);
        }

        @Override
        public void onError(Throwable error) {
            completed.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            completed.complete(true);
        }
    }
}
