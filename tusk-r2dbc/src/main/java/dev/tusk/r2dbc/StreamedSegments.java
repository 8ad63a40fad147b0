package dev.tusk.r2dbc;

import dev.tusk.Connection;
import dev.tusk.QueryResult;
import dev.tusk.Record;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.Result;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * The segments of one statement, streamed from Tusk's {@link Connection#streamTo} as the rows
 * arrive: a row segment per row, then the update count (or the error message) from the command
 * status. The statement is sent at once, when the result is made (as a statement without rows
 * must run whether or not its result is consumed); rows are then read ahead of the subscriber's
 * demand by at most {@code prefetch}, and Tusk pauses the socket (so the server waits) when the
 * subscriber falls behind, so memory stays bounded however large the result.
 *
 * <p>One subscriber (a {@link Result} is consumed once). Its signals are serialized by a
 * work-in-progress counter; rows come in on the connection's I/O thread, requests from anywhere.
 */
final class StreamedSegments implements Publisher<Result.Segment> {

    /** Rows read ahead of demand when the statement has no fetch size. */
    static final int DEFAULT_PREFETCH = 256;

    private final String sql;
    private final int prefetch;
    private final Queue<Record> rows = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicBoolean subscribed = new AtomicBoolean();
    private volatile Subscriber<? super Result.Segment> downstream;
    private volatile Flow.Subscription upstream;
    private volatile boolean cancelled;
    private volatile Throwable badRequest;
    private volatile boolean ended;
    private volatile String status;
    private volatile Throwable failure;
    private final CompletableFuture<String> completion = new CompletableFuture<>();

    // touched by the draining thread only
    private ArrayDeque<Result.Segment> tail;
    private Throwable terminalError;
    private final RowMetadataCache metadata = new RowMetadataCache();
    private int consumedSinceRequest;
    private boolean finished;

    /** Sends {@code sql} now and reads its rows up to {@code prefetch} ahead. */
    StreamedSegments(Connection connection, String sql, Object[] arguments, int prefetch) {
        this(connection, sql, arguments, prefetch, null);
    }

    /**
     * Sends {@code sql} once {@code after} has completed normally (now when it is null) and reads
     * its rows up to {@code prefetch} ahead; when {@code after} fails, the statement is not sent
     * and the segments end with that failure.
     */
    StreamedSegments(Connection connection, String sql, Object[] arguments, int prefetch, CompletionStage<?> after) {
        this.sql = sql;
        this.prefetch = prefetch;
        if (after == null) {
            start(connection, arguments);
        } else {
            after.whenComplete((ignored, error) -> {
                if (error == null) {
                    start(connection, arguments);
                } else {
                    end(null, error);
                }
            });
        }
    }

    private void start(Connection connection, Object[] arguments) {
        CompletableFuture<String> execution;
        try {
            execution = connection.streamTo(new Rows(), sql, arguments);
        } catch (RuntimeException refused) {
            end(null, refused); // in a callback of the statement before, a throw would be lost
            return;
        }
        execution.whenComplete(this::end);
    }

    private void end(String commandStatus, Throwable error) {
        status = commandStatus;
        failure = error;
        ended = true;
        drain();
        if (error == null) {
            completion.complete(commandStatus);
        } else {
            completion.completeExceptionally(error);
        }
    }

    /**
     * Completes with the command status once the statement has ended (its rows need not have been
     * consumed), or with its failure, or with the failure of the statement it waited for.
     */
    CompletableFuture<String> completion() {
        return completion;
    }

    @Override
    public void subscribe(Subscriber<? super Result.Segment> subscriber) {
        Objects.requireNonNull(subscriber, "subscriber");
        if (!subscribed.compareAndSet(false, true)) {
            subscriber.onSubscribe(new Subscription() {
                @Override
                public void request(long n) {
                }

                @Override
                public void cancel() {
                }
            });
            subscriber.onError(new IllegalStateException("the segments of a result can be consumed once"));
            return;
        }
        subscriber.onSubscribe(new Demand());
        downstream = subscriber;
        drain();
    }

    /** The downstream subscription. */
    private final class Demand implements Subscription {
        @Override
        public void request(long n) {
            if (n <= 0) {
                badRequest = new IllegalArgumentException("Subscription.request: n must be positive, got " + n);
                cancelUpstream();
                drain();
                return;
            }
            requested.getAndAccumulate(n, (current, added) -> current + added < 0 ? Long.MAX_VALUE : current + added);
            drain();
        }

        @Override
        public void cancel() {
            cancelUpstream();
            drain();
        }
    }

    /** Stops the statement (Tusk asks the server to cancel it if it still runs) and drops its rows. */
    private void cancelUpstream() {
        cancelled = true;
        Flow.Subscription source = upstream;
        if (source != null) {
            source.cancel();
        }
    }

    /** Tusk's rows, on the connection's I/O thread. */
    private final class Rows implements Flow.Subscriber<Record> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            upstream = subscription;
            if (cancelled) {
                subscription.cancel();
            } else {
                subscription.request(prefetch);
            }
        }

        @Override
        public void onNext(Record row) {
            if (wip.compareAndSet(0, 1)) {
                // no drain running: a row the subscriber is waiting for goes straight to it
                if (!emitNow(row)) {
                    rows.offer(row);
                }
                if (wip.decrementAndGet() != 0) {
                    drainMissed();
                }
                return;
            }
            rows.offer(row);
            drain();
        }

        @Override
        public void onError(Throwable error) {
            // the future of streamTo carries the same failure, with the status path
        }

        @Override
        public void onComplete() {
            // the future of streamTo carries the status
        }
    }

    private void drain() {
        if (wip.getAndIncrement() == 0) {
            drainMissed();
        }
    }

    /** Emits until no signal came meanwhile; the caller holds the drain (work-in-progress at least 1). */
    private void drainMissed() {
        int missed = 1;
        do {
            emit();
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    /**
     * Hands {@code row} to the subscriber at once when nothing is queued before it and the
     * subscriber has asked for it; the caller holds the drain.
     */
    private boolean emitNow(Record row) {
        Subscriber<? super Result.Segment> subscriber = downstream;
        long wanted = requested.get();
        if (subscriber == null || finished || cancelled || badRequest != null || wanted == 0 || !rows.isEmpty()) {
            return false;
        }
        if (wanted != Long.MAX_VALUE) {
            requested.decrementAndGet();
        }
        replenish();
        subscriber.onNext(new TuskRow(row, metadata.of(row)));
        return true;
    }

    private void emit() {
        Subscriber<? super Result.Segment> subscriber = downstream;
        if (finished) {
            return;
        }
        if (subscriber != null && badRequest != null) {
            finished = true;
            rows.clear();
            subscriber.onError(badRequest);
            return;
        }
        if (cancelled) {
            finished = true;
            rows.clear();
            return;
        }
        if (subscriber == null) {
            return;
        }
        long wanted = requested.get();
        long emitted = 0;
        while (emitted != wanted) {
            Result.Segment next = nextSegment();
            if (next == null) {
                break;
            }
            subscriber.onNext(next);
            emitted++;
            if (cancelled) {
                finished = true;
                rows.clear();
                return;
            }
        }
        if (emitted > 0 && wanted != Long.MAX_VALUE) {
            requested.addAndGet(-emitted);
        }
        if (endOfRows() && tail.isEmpty()) {
            finished = true;
            if (terminalError != null) {
                subscriber.onError(terminalError);
            } else {
                subscriber.onComplete();
            }
        }
    }

    /** The next row, or once the rows ended the update count or error message; null for none yet. */
    private Result.Segment nextSegment() {
        Record row = rows.poll();
        if (row != null) {
            replenish();
            return new TuskRow(row, metadata.of(row));
        }
        return endOfRows() ? tail.poll() : null;
    }

    /**
     * Whether every row was handed on and the statement ended; then {@link #tail} holds what
     * follows the rows: the update count, or the error message of a failed statement.
     */
    private boolean endOfRows() {
        if (tail != null) {
            return true;
        }
        if (!ended || !rows.isEmpty()) {
            return false;
        }
        tail = new ArrayDeque<>(1);
        Throwable error = failure;
        if (error == null) {
            OptionalLong count = QueryResult.rowCount(status);
            if (count.isPresent()) {
                tail.add(new UpdateCountSegment(count.getAsLong()));
            }
        } else {
            Throwable translated = ErrorTranslator.translate(unwrap(error), sql);
            if (translated instanceof R2dbcException) {
                tail.add(new ErrorMessage((R2dbcException) translated));
            } else {
                terminalError = translated;
            }
        }
        return true;
    }

    /** Asks Tusk for as many rows as were handed on, a quarter of the window at a time. */
    private void replenish() {
        if (++consumedSinceRequest >= Math.max(1, prefetch / 4)) {
            Flow.Subscription source = upstream;
            if (source != null) {
                source.request(consumedSinceRequest);
            }
            consumedSinceRequest = 0;
        }
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
