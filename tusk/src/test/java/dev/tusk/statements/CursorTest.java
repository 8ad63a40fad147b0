package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.Cursor;
import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.test.Await;
import dev.tusk.test.Db;
import dev.tusk.test.Heap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CursorTest {

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
    void forEachSeesEveryRowInOrder() {
        List<Integer> seen = new ArrayList<>();
        conn.inTransaction(c -> c.cursor("SELECT g FROM generate_series(1, $1::int) g", 1234).prefetch(100)
                .forEach(row -> seen.add(row.getInt(0)))).join();
        assertThat(seen).hasSize(1234).startsWith(1, 2, 3).endsWith(1234);
    }

    @Test
    void aMillionRowCursorKeepsHeapUseBounded() {
        AtomicLong sum = new AtomicLong();
        long baseline = Heap.usedAfterGc();
        long[] growth = new long[1];
        conn.inTransaction(c -> c.cursor("SELECT g, repeat('x', 100) FROM generate_series(1, 1000000) g").prefetch(1000)
                .forEach(row -> {
                    long value = row.getLong(0);
                    sum.addAndGet(value);
                    if (value % 250_000 == 0) {
                        growth[0] = Math.max(growth[0], Heap.usedAfterGc() - baseline);
                    }
                })).join();
        assertThat(sum.get()).isEqualTo(1_000_000L * 1_000_001L / 2);
        // all rows held at once would take hundreds of MB; one chunk takes a few hundred KB
        assertThat(growth[0]).isLessThan(32L * 1024 * 1024);
    }


    @Test
    void thePublisherFetchesOnlyWhatIsRequested() throws Exception {
        conn.execute("BEGIN").join();
        try {
            CompletableFuture<List<Integer>> firstFive = new CompletableFuture<>();
            conn.cursor("SELECT g FROM generate_series(1, 100) g").prefetch(2).subscribe(new Flow.Subscriber<>() {
                private final List<Integer> rows = new ArrayList<>();
                private Flow.Subscription subscription;

                @Override
                public void onSubscribe(Flow.Subscription s) {
                    subscription = s;
                    s.request(5);
                }

                @Override
                public void onNext(Record row) {
                    rows.add(row.getInt(0));
                    if (rows.size() == 5) {
                        subscription.cancel();
                        firstFive.complete(rows);
                    }
                }

                @Override
                public void onError(Throwable failure) {
                    firstFive.completeExceptionally(failure);
                }

                @Override
                public void onComplete() {
                    firstFive.completeExceptionally(new AssertionError("completed early"));
                }
            });
            assertThat(Await.value(firstFive)).containsExactly(1, 2, 3, 4, 5);
            assertThat(conn.<Integer>fetchval("SELECT 42").join()).isEqualTo(42);
        } finally {
            conn.execute("COMMIT").join();
        }
    }

    @Test
    void anOpenedCursorFetchesAndMovesForward() {
        List<Record> rows = conn.inTransaction(c -> c.cursor("SELECT g FROM generate_series(1, 10) g").open()
                .thenCompose(cursor -> cursor.forward(3)
                        .thenCompose(skipped -> {
                            assertThat(skipped).isEqualTo(3);
                            return cursor.fetch(4);
                        })
                        .thenCompose(fetched -> cursor.fetchrow().thenApply(next -> {
                            assertThat(next.getInt(0)).isEqualTo(8);
                            return fetched;
                        }))
                        .thenCompose(fetched -> cursor.close().thenApply(closed -> fetched)))).join();
        assertThat(rows).extracting(r -> r.getInt(0)).containsExactly(4, 5, 6, 7);
    }

    @Test
    void anOpenedCursorScrollsBackward() {
        List<Record> rows = conn.inTransaction(c -> c.cursor("SELECT g FROM generate_series(1, $1::int) g", 10).open()
                .thenCompose(cursor -> cursor.fetch(6)
                        .thenCompose(first -> cursor.backward(3))
                        .thenCompose(moved -> {
                            assertThat(moved).isEqualTo(3);
                            return cursor.fetch(2);
                        }))).join();
        assertThat(rows).extracting(r -> r.getInt(0)).containsExactly(4, 5);
    }

    @Test
    void aCursorPastTheEndGivesNoRows() {
        Record last = conn.inTransaction(c -> c.cursor("SELECT 1").open()
                .thenCompose(Cursor::fetchrow)
                .thenCompose(first -> c.cursor("SELECT 1 WHERE false").open().thenCompose(Cursor::fetchrow))).join();
        assertThat(last).isNull();
    }

    @Test
    void aCursorOutsideATransactionIsAnInterfaceException() {
        assertThatThrownBy(() -> conn.cursor("SELECT 1").forEach(row -> { }).join())
                .hasCauseInstanceOf(InterfaceException.class)
                .hasMessageContaining("inside a transaction");
        assertThatThrownBy(() -> conn.cursor("SELECT 1").open().join())
                .hasCauseInstanceOf(InterfaceException.class);
    }
}
