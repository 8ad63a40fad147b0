package dev.tusk.statements;

import static dev.tusk.test.Await.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.BlockingRows;
import dev.tusk.Connection;
import dev.tusk.Cursor;
import dev.tusk.LoggedQuery;
import dev.tusk.Record;
import dev.tusk.Transaction;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.test.Await;
import dev.tusk.test.Db;
import dev.tusk.test.Heap;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
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
    void forEachClosesItsPortalOnceWhetherItReadsToTheEndOrItsActionThrows() {
        List<String> closes = closesWhile("cursor_for_each", () -> {
            value(conn.cursor("SELECT * FROM cursor_for_each").prefetch(30).forEach(row -> { }));
            CompletableFuture<Void> thrown = conn.cursor("SELECT * FROM cursor_for_each").prefetch(30).forEach(row -> {
                throw new IllegalStateException("boom");
            });
            assertThat(Await.failure(thrown)).isInstanceOf(IllegalStateException.class);
            value(conn.execute("DROP TABLE cursor_for_each"));
        });
        assertThat(closes).hasSize(2);
    }

    @Test
    void forEachFailsWithAnErrorItsActionThrowsAndClosesThePortal() {
        List<String> closes = closesWhile("cursor_for_each_error", () -> {
            AssertionError wrong = new AssertionError("wrong row");
            CompletableFuture<Void> thrown = conn.cursor("SELECT * FROM cursor_for_each_error").forEach(row -> {
                throw wrong;
            });
            assertThat(Await.failure(thrown)).isSameAs(wrong);
            value(conn.execute("DROP TABLE cursor_for_each_error"));
        });
        assertThat(closes).hasSize(1);
    }

    @Test
    void aStatementSubmittedFromTheSubscribersLastSignalFindsThePortalClosed() {
        for (LastSignal ending : LastSignal.values()) {
            List<String> closes = closesWhile("cursor_last_signal", () -> {
                ThenRun reader = new ThenRun(ending, () -> conn.execute("DROP TABLE cursor_last_signal"));
                conn.cursor("SELECT * FROM cursor_last_signal").prefetch(10).subscribe(reader);
                assertThat(value(reader.next)).as(ending.name()).isEqualTo("DROP TABLE");
            });
            assertThat(closes).as(ending.name()).hasSize(1);
        }
    }

    @Test
    void aSubscriptionCancelledBeforeItsFirstRowsArriveClosesItsPortalAheadOfTheNextStatement() {
        List<String> closes = closesWhile("cursor_cancel_early", () -> {
            List<Flow.Subscription> subscriptions = new ArrayList<>();
            conn.cursor("SELECT * FROM cursor_cancel_early").subscribe(new Flow.Subscriber<Record>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriptions.add(subscription);
                    subscription.request(1); // opens the portal before subscribe returns
                }

                @Override
                public void onNext(Record row) {
                }

                @Override
                public void onError(Throwable failure) {
                }

                @Override
                public void onComplete() {
                }
            });
            subscriptions.get(0).cancel();
            subscriptions.get(0).cancel();
            value(conn.execute("DROP TABLE cursor_cancel_early"));
        });
        assertThat(closes).hasSize(1);
    }

    @Test
    void aCancelRacingTheNextFetchNeverLetsAFetchFollowTheClose() {
        int subscriptions = 200;
        List<String> closes = closesWhile("cursor_cancel_race", () -> {
            for (int i = 0; i < subscriptions; i++) {
                CompletableFuture<Flow.Subscription> firstRow = new CompletableFuture<>();
                // one row per fetch, all requested: the I/O thread keeps fetching while this thread cancels
                conn.cursor("SELECT * FROM cursor_cancel_race").prefetch(1).subscribe(new Flow.Subscriber<Record>() {
                    private Flow.Subscription subscription;

                    @Override
                    public void onSubscribe(Flow.Subscription subscription) {
                        this.subscription = subscription;
                        subscription.request(Long.MAX_VALUE);
                    }

                    @Override
                    public void onNext(Record row) {
                        firstRow.complete(subscription);
                    }

                    @Override
                    public void onError(Throwable failure) {
                        firstRow.completeExceptionally(failure);
                    }

                    @Override
                    public void onComplete() {
                    }
                });
                value(firstRow).cancel();
            }
            // a fetch sent after its portal's Close would have failed and aborted the transaction
            value(conn.execute("DROP TABLE cursor_cancel_race"));
        });
        assertThat(closes).hasSize(subscriptions);
    }

    @Test
    void blockingRowsReadToTheEndOrClosedEarlyLeaveNoPortalOpen() {
        List<String> closes = closesWhile("cursor_blocking", () -> {
            try (BlockingRows rows = BlockingRows.of(conn.cursor("SELECT * FROM cursor_blocking").prefetch(10), 5)) {
                assertThat(rows.next().getInt(0)).isEqualTo(1);
            }
            int read = 0;
            try (BlockingRows rows = BlockingRows.of(conn.cursor("SELECT * FROM cursor_blocking").prefetch(30))) {
                while (rows.hasNext()) {
                    rows.next();
                    read++;
                }
            }
            assertThat(read).isEqualTo(100);
            value(conn.execute("DROP TABLE cursor_blocking"));
        });
        assertThat(closes).hasSize(2);
    }

    /**
     * Runs {@code body} in a transaction, rolled back afterwards, with {@code table} holding 100
     * rows; returns the portal Closes sent meanwhile (a last round trip makes sure a late one is
     * counted too).
     */
    private static List<String> closesWhile(String table, Runnable body) {
        List<String> closes = new CopyOnWriteArrayList<>();
        Consumer<LoggedQuery> logger = query -> {
            if (query.query().startsWith("CLOSE ")) {
                closes.add(query.query());
            }
        };
        Transaction tx = conn.transaction();
        value(tx.start());
        conn.addQueryLogger(logger);
        try {
            value(conn.execute("CREATE TABLE " + table + " (id int); INSERT INTO " + table
                    + " SELECT generate_series(1, 100)"));
            body.run();
            value(conn.execute("SELECT 1"));
            return closes;
        } finally {
            conn.removeQueryLogger(logger);
            value(tx.rollback());
        }
    }

    /** How a {@link ThenRun} subscriber ends its subscription. */
    private enum LastSignal {
        /** It reads every row: onComplete. */
        COMPLETE,
        /** It cancels at the first row, in onNext. */
        CANCEL_IN_ON_NEXT,
        /** It breaks the protocol with request(0) at the first row: onError. */
        ERROR
    }

    /**
     * Reads a cursor and submits {@code statement} from the signal that ends its subscription,
     * on the I/O thread, as a user's callback would.
     */
    private static final class ThenRun implements Flow.Subscriber<Record> {

        final CompletableFuture<String> next = new CompletableFuture<>();
        private final LastSignal ending;
        private final Supplier<CompletableFuture<String>> statement;
        private Flow.Subscription subscription;
        private boolean ran;

        ThenRun(LastSignal ending, Supplier<CompletableFuture<String>> statement) {
            this.ending = ending;
            this.statement = statement;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(ending == LastSignal.ERROR ? 1 : Long.MAX_VALUE);
        }

        @Override
        public void onNext(Record row) {
            if (ending == LastSignal.CANCEL_IN_ON_NEXT) {
                subscription.cancel();
                run();
            } else if (ending == LastSignal.ERROR) {
                subscription.request(0);
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (ending == LastSignal.ERROR && failure instanceof IllegalArgumentException) {
                run();
            } else {
                next.completeExceptionally(failure);
            }
        }

        @Override
        public void onComplete() {
            if (ending == LastSignal.COMPLETE) {
                run();
            } else {
                next.completeExceptionally(new AssertionError("completed, expected " + ending));
            }
        }

        private void run() {
            if (ran) {
                return;
            }
            ran = true;
            statement.get().whenComplete((status, failure) -> {
                if (failure != null) {
                    next.completeExceptionally(failure);
                } else {
                    next.complete(status);
                }
            });
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
