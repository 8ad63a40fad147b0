package dev.tusk.statements;

import static dev.tusk.test.Await.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.BlockingRows;
import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.exceptions.DivisionByZeroException;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.test.Db;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link BlockingRows}: a stream's or a cursor's rows read by a thread that may block. */
class BlockingRowsTest {

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Db.connect();
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    /** Runs a blocking read on a thread of its own, so that a read that never ends fails the test instead. */
    private static <T> T read(Supplier<T> reading) {
        return value(CompletableFuture.supplyAsync(reading, Executors.newSingleThreadExecutor()));
    }

    @Test
    void everyRowComesInOrderThenTheEnd() {
        List<Integer> seen = read(() -> {
            List<Integer> values = new ArrayList<>();
            try (BlockingRows rows = BlockingRows.of(conn.stream("SELECT g FROM generate_series(1, 10000) g"), 16)) {
                while (rows.hasNext()) {
                    values.add(rows.next().getInt(0));
                }
                assertThat(rows.hasNext()).isFalse();
                assertThatThrownBy(rows::next).isInstanceOf(NoSuchElementException.class);
            }
            return values;
        });
        assertThat(seen).hasSize(10_000).isSorted().startsWith(1).endsWith(10_000);
    }

    @Test
    void asAStreamClosedEarlyItCancelsAndTheConnectionStaysUsable() {
        List<Integer> first = read(() -> {
            try (Stream<Record> rows = BlockingRows.of(conn.stream("SELECT generate_series(1, 1000000000) AS g")).stream()) {
                return rows.limit(10).map(row -> row.getInt(0)).collect(Collectors.toList());
            }
        });
        assertThat(first).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(value(conn.<Integer>fetchval("SELECT 11"))).isEqualTo(11);
    }

    @Test
    void aFailureIsThrownAfterTheRowsBeforeIt() {
        List<Integer> seen = new ArrayList<>();
        BlockingRows rows = BlockingRows.of(conn.stream("SELECT 10 / (5 - g) FROM generate_series(1, 10) g"));
        Throwable thrown = read(() -> {
            try {
                while (rows.hasNext()) {
                    seen.add(rows.next().getInt(0));
                }
                return null;
            } catch (RuntimeException e) {
                return e;
            }
        });
        assertThat(thrown).isInstanceOf(DivisionByZeroException.class);
        assertThat(seen).containsExactly(2, 3, 5, 10);
        assertThat(rows.hasNext()).isFalse();
        assertThat(value(conn.<Integer>fetchval("SELECT 12"))).isEqualTo(12);
    }

    @Test
    void aCursorsRowsCanBeReadTheSameWayInsideATransaction() {
        long sum = value(conn.inTransaction(c -> CompletableFuture.supplyAsync(() -> {
            try (Stream<Record> rows = BlockingRows.of(c.cursor("SELECT g FROM generate_series(1, 5000) g").prefetch(100))
                    .stream()) {
                return rows.mapToLong(row -> row.getLong(0)).sum();
            }
        })));
        assertThat(sum).isEqualTo(5000L * 5001 / 2);
    }

    @Test
    void waitingOnAnIoThreadFailsInsteadOfBlockingTheConnection() {
        // a stream's signals always come on the connection's I/O thread (a future's callback may not)
        CompletableFuture<Throwable> onIoThread = new CompletableFuture<>();
        conn.stream("SELECT 1").subscribe(new Flow.Subscriber<Record>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(1);
            }

            @Override
            public void onNext(Record row) {
                try (BlockingRows rows = BlockingRows.of(conn.stream("SELECT g FROM generate_series(1, 100000) g"))) {
                    rows.hasNext();
                    onIoThread.complete(null);
                } catch (RuntimeException e) {
                    onIoThread.complete(e);
                }
            }

            @Override
            public void onError(Throwable error) {
                onIoThread.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
            }
        });
        assertThat(value(onIoThread)).isInstanceOf(InterfaceException.class).hasMessageContaining("I/O thread");
        assertThat(value(conn.<Integer>fetchval("SELECT 13"))).isEqualTo(13);
    }

    @Test
    void anInterruptedReaderCancelsAndKeepsItsInterrupt() throws Exception {
        CompletableFuture<Throwable> thrown = new CompletableFuture<>();
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BlockingRows rows = BlockingRows.of(conn.stream("SELECT pg_sleep(30)"))) {
                rows.hasNext();
                thrown.complete(null);
            } catch (RuntimeException e) {
                thrown.complete(e);
            }
            interruptedAfter.complete(Thread.currentThread().isInterrupted());
        });
        int pid = value(conn.<Integer>fetchval("SELECT pg_backend_pid()"));
        reader.start();
        // a cancel request that reaches the backend before it starts running the query is lost (the
        // server ignores it while it reads messages, also between Bind and Execute, when it already
        // shows the query as active): interrupt once pg_sleep runs
        try (Connection observer = Db.connect()) {
            dev.tusk.test.Await.until("pg_sleep runs", () -> value(observer.<Long>fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND state = 'active'"
                            + " AND query = 'SELECT pg_sleep(30)' AND wait_event = 'PgSleep'", pid)) == 1);
        }
        dev.tusk.test.Await.until("the reader waits", () -> reader.getState() == Thread.State.WAITING);
        reader.interrupt();
        assertThat(value(thrown)).isInstanceOf(InterfaceException.class).hasMessageContaining("interrupted");
        assertThat(value(interruptedAfter)).isTrue();
        assertThat(value(conn.<Integer>fetchval("SELECT 14"))).isEqualTo(14);
    }

    @Test
    void aPrefetchBelowOneIsRefused() {
        assertThatThrownBy(() -> BlockingRows.of(conn.stream("SELECT 1"), 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("prefetch");
    }
}
