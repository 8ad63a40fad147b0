package dev.tusk.internal.connection;

import dev.tusk.Record;
import dev.tusk.internal.command.ExtendedQueryCommand;
import dev.tusk.internal.command.ResultCollector;
import dev.tusk.internal.row.DataRecord;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Flow;

/**
 * One subscriber reading the rows of one query as the server sends them, in a single execution
 * (no cursor, no transaction needed). Rows the subscriber has not asked for wait in a small
 * buffer; when it holds {@link #PAUSE_AT} rows (or {@link #PAUSE_AT_BYTES} of row data) the
 * connection stops reading its socket, so the server's send buffer fills and the backend waits
 * (back-pressure reaches the server, and memory stays bounded however large the result). Reading
 * resumes once the subscriber has taken the buffer down to {@link #RESUME_AT} rows and
 * {@link #RESUME_AT_BYTES}.
 *
 * <p>Everything after {@code onSubscribe} runs on the connection's event loop, so signals are
 * serialized without locks; {@link #request} and {@link #cancel} from other threads hop onto it.
 * The query is written at the first request. Cancelling drops the rows still to come; outside a
 * transaction it also asks the server to stop (a cancel request), inside one the rows are read to
 * the end so that the transaction stays usable.
 */
final class RowStreamSubscription extends ResultCollector<String> implements Flow.Subscription {

    /** Buffered rows at which reading from the socket pauses. */
    static final int PAUSE_AT = 512;
    /** Buffered rows at which reading resumes. */
    static final int RESUME_AT = 128;
    /** Buffered bytes of row data at which reading pauses, whatever the number of rows. */
    static final long PAUSE_AT_BYTES = 8L << 20;
    /** Buffered bytes at which reading may resume. */
    static final long RESUME_AT_BYTES = 2L << 20;

    private final PgConnection connection;
    private final String sql;
    private final Object[] arguments;
    private final Duration timeout;
    private final Flow.Subscriber<? super Record> subscriber;
    private final CompletableFuture<String> result;
    private final Channel channel;
    private final EventLoop loop;
    private final ArrayDeque<Record> buffer = new ArrayDeque<>();
    private ExtendedQueryCommand<String> command;
    private long demand;
    private long bufferedBytes;
    private boolean rowsSeen;
    private boolean paused;
    private boolean draining;
    private boolean finished;
    private boolean terminated;
    private Throwable failure;
    private String status;

    RowStreamSubscription(PgConnection connection, String sql, Object[] arguments, Duration timeout,
            Flow.Subscriber<? super Record> subscriber, CompletableFuture<String> result) {
        this.connection = connection;
        this.sql = sql;
        this.arguments = arguments;
        this.timeout = timeout;
        this.subscriber = subscriber;
        this.result = result;
        this.channel = connection.core().channel();
        this.loop = channel.eventLoop();
    }

    void start() {
        try {
            subscriber.onSubscribe(this);
        } catch (RuntimeException e) {
            onLoop(() -> terminate(e, false));
        }
    }

    // ---- Flow.Subscription, from any thread

    @Override
    public void request(long n) {
        onLoop(() -> requested(n));
    }

    @Override
    public void cancel() {
        onLoop(() -> terminate(new CancellationException("the subscriber cancelled the stream of " + sql), false));
    }

    private void onLoop(Runnable task) {
        if (loop.inEventLoop()) {
            task.run();
        } else {
            loop.execute(task);
        }
    }

    private void requested(long n) {
        if (terminated) {
            return;
        }
        if (n <= 0) {
            terminate(new IllegalArgumentException("Flow.Subscription.request: n must be positive, got " + n), true);
            return;
        }
        demand = demand + n < 0 ? Long.MAX_VALUE : demand + n;
        if (command == null) {
            submit();
        }
        drain();
    }

    private void submit() {
        command = new ExtendedQueryCommand<>(sql, arguments, this, true, null, connection.core()::resubmit);
        CompletableFuture<String> done;
        try {
            done = connection.submit(command, timeout, sql, arguments);
        } catch (RuntimeException refused) {
            terminate(refused, true);
            return;
        }
        done.whenComplete((status, error) -> onLoop(() -> finished(status, error)));
    }

    // ---- ResultCollector, called by the command on the event loop

    @Override
    public boolean wantsRows() {
        return true;
    }

    @Override
    public void row(Record row) {
        rowsSeen = true;
        if (terminated) {
            return;
        }
        if (demand > 0 && buffer.isEmpty() && !draining) {
            demand--;
            deliver(row);
            return;
        }
        buffer.add(row);
        bufferedBytes += sizeOf(row);
        if ((buffer.size() >= PAUSE_AT || bufferedBytes >= PAUSE_AT_BYTES) && !paused) {
            paused = true;
            channel.config().setAutoRead(false);
        }
    }

    @Override
    public String result(String status) {
        return status;
    }

    /** The query may run again (a stray cancel or a stale statement) only before a row was seen. */
    @Override
    public boolean repeatable() {
        return !rowsSeen;
    }

    @Override
    public ResultCollector<String> fresh() {
        return this;
    }

    // ---- delivery, on the event loop

    private void finished(String status, Throwable error) {
        if (terminated) {
            return;
        }
        finished = true;
        this.status = status;
        failure = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        resumeReading(); // no row can come any more: the calls behind the stream need not wait for its subscriber
        drain();
    }

    private void drain() {
        if (draining) {
            return;
        }
        draining = true;
        try {
            while (!terminated && demand > 0 && !buffer.isEmpty()) {
                demand--;
                Record next = buffer.poll();
                bufferedBytes -= sizeOf(next);
                deliver(next);
            }
        } finally {
            draining = false;
        }
        if (terminated) {
            return;
        }
        if (paused && buffer.size() <= RESUME_AT && bufferedBytes <= RESUME_AT_BYTES) {
            resumeReading();
        }
        if (finished && buffer.isEmpty()) {
            terminated = true;
            if (failure != null) {
                result.completeExceptionally(failure);
                subscriber.onError(failure);
            } else {
                result.complete(status);
                subscriber.onComplete();
            }
        }
    }

    private static long sizeOf(Record row) {
        return row instanceof DataRecord ? ((DataRecord) row).byteSize() : 0;
    }

    private void deliver(Record row) {
        try {
            subscriber.onNext(row);
        } catch (RuntimeException e) {
            // a subscriber must not throw (Reactive Streams rule 2.13): it is treated as cancelled
            terminate(e, false);
        }
    }

    /**
     * Ends the stream early: drops buffered rows and lets the connection read again; outside a
     * transaction it asks the server to stop the query, inside one the rest of the rows is read
     * and dropped instead (a cancelled statement would abort the transaction). {@code signal}
     * tells the subscriber.
     */
    private void terminate(Throwable cause, boolean signal) {
        if (terminated) {
            return;
        }
        terminated = true;
        buffer.clear();
        bufferedBytes = 0;
        resumeReading();
        if (command != null && !connection.core().isInTransaction()) {
            command.future().cancel(false);
        }
        result.completeExceptionally(cause);
        if (signal) {
            subscriber.onError(cause);
        }
    }

    private void resumeReading() {
        if (paused) {
            paused = false;
            channel.config().setAutoRead(true);
        }
    }
}
