package dev.tusk.reliability;

import static dev.tusk.reliability.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.CopyOptions;
import dev.tusk.CopySource;
import dev.tusk.Cursor;
import dev.tusk.Record;
import dev.tusk.Transaction;
import dev.tusk.exceptions.QueryCanceledException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

/** The operations {@link RandomCancellationTest} cancels: queries, pipelines, transactions, cursors, streams and COPY. */
final class CancellableOperations {

    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);
    private static final int COPY_ROWS = 20_000;
    private static final int CURSOR_ROWS = 3_000;

    private CancellableOperations() {
    }

    /** A random operation for iteration {@code i} (which also makes ids and batch numbers unique). */
    static CancellableOperation pick(Random random, int i) {
        switch (random.nextInt(9)) {
            case 8:
                return chain("stream", (conn, steps) -> {
                    java.util.concurrent.atomic.AtomicLong seen = new java.util.concurrent.atomic.AtomicLong();
                    return steps.step(conn.streamTo(new java.util.concurrent.Flow.Subscriber<Record>() {
                        @Override
                        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
                            subscription.request(Long.MAX_VALUE);
                        }

                        @Override
                        public void onNext(Record row) {
                            assertThat(row.getInt(0)).isEqualTo((int) seen.incrementAndGet());
                        }

                        @Override
                        public void onError(Throwable error) {
                        }

                        @Override
                        public void onComplete() {
                        }
                    }, "SELECT g, md5(g::text) FROM generate_series(1, $1) g", 500 + i))
                            .thenAccept(status -> {
                                assertThat(status).isEqualTo("SELECT " + (500 + i));
                                assertThat(seen.get()).isEqualTo(500 + i);
                            });
                });
            case 0:
                return chain("query", (conn, steps) -> steps.step(
                        conn.fetch("SELECT g, md5(g::text) FROM generate_series(1, $1) g", 500 + i))
                        .thenAccept(rows -> assertThat(rows).hasSize(500 + i)));
            case 1:
                return chain("sleep", (conn, steps) -> steps.step(conn.execute("SELECT pg_sleep($1)", 0.002)));
            case 2:
                return new Pipeline(i);
            case 3:
                return new TransactionInsert(i);
            case 4:
                return new CursorRead(random.nextInt(300) + 1);
            case 5:
                return chain("copyFromQuery", (conn, steps) -> steps.step(conn.copyFromQuery(
                        "SELECT g, repeat('x', 40) FROM generate_series(1, " + COPY_ROWS + ") g",
                        chunk -> DONE, CopyOptions.defaults()))
                        .thenAccept(status -> assertThat(status).isEqualTo("COPY " + COPY_ROWS)));
            case 6:
                return new CopyIn(i, false);
            default:
                return new CopyIn(i, true);
        }
    }

    /** The body of a chain: starts its calls through {@code steps}. */
    private interface Body {
        CompletableFuture<?> run(Connection conn, CancellableOperation.Steps steps);
    }

    private static CancellableOperation chain(String kind, Body body) {
        return new Chain(kind) {
            @Override
            CompletableFuture<?> run(Connection conn) {
                return body.run(conn, steps);
            }
        };
    }

    /** Calls one after another; the one running is cancelled. */
    private abstract static class Chain implements CancellableOperation {
        final CancellableOperation.Steps steps = new CancellableOperation.Steps();
        private final String kind;

        Chain(String kind) {
            this.kind = kind;
        }

        abstract CompletableFuture<?> run(Connection conn);

        @Override
        public String kind() {
            return kind;
        }

        @Override
        public CompletableFuture<?> start(Connection conn) {
            return run(conn);
        }

        @Override
        public void cancel(int pick) {
            steps.cancelCurrent();
        }

        @Override
        public void verify(Connection conn, CompletableFuture<?> result, String what) {
            // the value was checked by the chain itself when it succeeded
        }
    }

    /** Eight pipelined calls; one of them is cancelled, and every other one must return its own value. */
    private static final class Pipeline implements CancellableOperation {
        private final List<CompletableFuture<Integer>> calls = new ArrayList<>();
        private final int base;

        Pipeline(int i) {
            this.base = i * 10;
        }

        @Override
        public String kind() {
            return "pipeline";
        }

        @Override
        public CompletableFuture<?> start(Connection conn) {
            for (int k = 0; k < 8; k++) {
                calls.add(conn.fetchval("SELECT $1::int", base + k));
            }
            return CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0]));
        }

        @Override
        public void cancel(int pick) {
            calls.get(pick % calls.size()).cancel(true);
        }

        @Override
        public void verify(Connection conn, CompletableFuture<?> result, String what) {
            for (int k = 0; k < calls.size(); k++) {
                CompletableFuture<Integer> call = calls.get(k);
                if (call.isCancelled() || conn.isClosed()) {
                    continue;
                }
                Outcomes.settled(call);
                Throwable failure = call.handle((v, f) -> f).join();
                if (failure != null) {
                    // the cancel aimed at the call before it, which finished first (see docs/reliability.md)
                    assertThat(Outcomes.unwrap(failure)).as(what + ": call " + k).isInstanceOf(QueryCanceledException.class);
                } else {
                    assertThat(call.join()).as(what + ": call " + k + " of the pipeline returns its own value")
                            .isEqualTo(base + k);
                }
            }
        }
    }

    /** BEGIN, INSERT a unique id, a short sleep, COMMIT; an acknowledged COMMIT must be stored. */
    private static final class TransactionInsert extends Chain {
        private final int id;
        private Transaction tx;
        private volatile boolean commitSent;

        TransactionInsert(int id) {
            super("transaction");
            this.id = id;
        }

        @Override
        CompletableFuture<?> run(Connection conn) {
            tx = conn.transaction();
            return steps.step(tx.start())
                    .thenCompose(started -> steps.step(conn.execute("INSERT INTO cancel_tx VALUES ($1)", id)))
                    .thenCompose(inserted -> steps.step(conn.execute("SELECT pg_sleep(0.001)")))
                    .thenCompose(slept -> {
                        commitSent = true;
                        return steps.step(tx.commit());
                    });
        }

        @Override
        public CompletableFuture<?> recover(Connection conn) {
            return tx.isActive() ? tx.rollback() : DONE;
        }


        @Override
        public void verify(Connection conn, CompletableFuture<?> result, String what) {
            long stored = value(conn.<Long>fetchval("SELECT count(*) FROM cancel_tx WHERE id = $1", id));
            if (!result.isCompletedExceptionally()) {
                assertThat(stored).as(what + ": an acknowledged COMMIT is stored").isEqualTo(1);
            } else if (!commitSent) {
                assertThat(stored).as(what + ": a transaction never committed is rolled back").isZero();
            }
        }
    }

    /** A cursor in a transaction, read in chunks; each chunk must continue where the last one ended. */
    private static final class CursorRead extends Chain {
        private final int chunk;
        private final ConcurrentLinkedQueue<String> outOfSync = new ConcurrentLinkedQueue<>();
        private Transaction tx;
        private int next = 1;

        CursorRead(int chunk) {
            super("cursor");
            this.chunk = chunk;
        }

        @Override
        CompletableFuture<?> run(Connection conn) {
            tx = conn.transaction();
            return steps.step(tx.start())
                    .thenCompose(started -> steps.step(
                            conn.cursor("SELECT g FROM generate_series(1, $1) g", CURSOR_ROWS).open()))
                    .thenCompose(this::readAll)
                    .thenCompose(read -> steps.step(tx.commit()));
        }

        private CompletableFuture<Void> readAll(Cursor cursor) {
            return steps.step(cursor.fetch(chunk)).thenCompose(rows -> {
                for (Record row : rows) {
                    if (row.getInt(0) != next) {
                        outOfSync.add("expected row " + next + ", got " + row.getInt(0));
                    }
                    next++;
                }
                return rows.isEmpty() ? steps.step(cursor.close()) : readAll(cursor);
            });
        }

        @Override
        public CompletableFuture<?> recover(Connection conn) {
            return tx.isActive() ? tx.rollback() : DONE;
        }


        @Override
        public void verify(Connection conn, CompletableFuture<?> result, String what) {
            assertThat(outOfSync).as(what).isEmpty();
            if (!result.isCompletedExceptionally()) {
                assertThat(next).as(what + ": rows read").isEqualTo(CURSOR_ROWS + 1);
            }
        }
    }

    /** COPY FROM STDIN of one batch (text data, or records in binary): all of its rows are stored or none. */
    private static final class CopyIn extends Chain {
        private final int batch;
        private final boolean records;

        CopyIn(int batch, boolean records) {
            super(records ? "copyRecordsToTable" : "copyToTable");
            this.batch = batch;
            this.records = records;
        }

        @Override
        CompletableFuture<?> run(Connection conn) {
            CopyOptions columns = CopyOptions.builder().columns("batch", "n").build();
            if (records) {
                Iterable<Object[]> rows = () -> IntStream.range(0, COPY_ROWS)
                        .mapToObj(n -> new Object[] {batch, n}).iterator();
                return steps.step(conn.copyRecordsToTable("cancel_copy", rows, columns));
            }
            Iterable<byte[]> chunks = () -> IntStream.range(0, COPY_ROWS / 500).mapToObj(c -> {
                StringBuilder text = new StringBuilder();
                for (int n = c * 500; n < (c + 1) * 500; n++) {
                    text.append(batch).append('\t').append(n).append('\n');
                }
                return text.toString().getBytes(StandardCharsets.US_ASCII);
            }).iterator();
            return steps.step(conn.copyToTable("cancel_copy", CopySource.ofByteArrays(chunks), columns));
        }

        @Override
        public void verify(Connection conn, CompletableFuture<?> result, String what) {
            long stored = value(conn.<Long>fetchval("SELECT count(*) FROM cancel_copy WHERE batch = $1", batch));
            if (result.isCompletedExceptionally()) {
                assertThat(stored).as(what + ": rows of a failed COPY").isIn(0L, (long) COPY_ROWS);
            } else {
                assertThat(stored).as(what + ": rows of a successful COPY").isEqualTo(COPY_ROWS);
            }
        }
    }
}
