package dev.tusk.internal.connection;

import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.command.PortalCommand;
import dev.tusk.internal.command.ResultCollector;
import dev.tusk.internal.protocol.RowDescription;
import java.util.ArrayDeque;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One subscriber reading a cursor: rows are fetched {@code prefetch} at a time, and only while
 * the subscriber has demand, so a slow subscriber holds at most one chunk in memory. Signals
 * are serialized by a work-in-progress counter (the usual reactive-streams drain loop).
 *
 * <p>The portal is closed once, whether its rows ran out or not: a portal that has returned its
 * last row still holds its tables until it is closed or its transaction ends. The Close is queued
 * before {@code onComplete} or {@code onError} is signalled, and by {@code cancel()} itself, so
 * whatever the subscriber submits next finds the portal gone.
 */
final class CursorSubscription implements Flow.Subscription {

    private static final Object[] NO_ARGUMENTS = new Object[0];

    private final PgConnection connection;
    private final String sql;
    private final Object[] arguments;
    private final int prefetch;
    private final Flow.Subscriber<? super Record> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final ArrayDeque<Record> buffer = new ArrayDeque<>();
    /** Named up front, so that a cancel while it opens can queue its Close right behind the opening. */
    private final String portal;
    /**
     * Guards {@link #opening} and {@link #closing}, and the submission of each Execute and of the
     * Close, so that no Execute ever follows the Close (it would fail, and abort the transaction).
     */
    private final Object portalLock = new Object();
    private boolean opening;
    private boolean closing;
    private volatile RowDescription columns;
    private volatile boolean fetching;
    private volatile boolean exhausted;
    private volatile boolean cancelled;
    private volatile Throwable failure;
    private boolean done;

    CursorSubscription(PgConnection connection, String sql, Object[] arguments, int prefetch,
            Flow.Subscriber<? super Record> subscriber) {
        this.connection = connection;
        this.sql = sql;
        this.arguments = arguments;
        this.prefetch = prefetch;
        this.subscriber = subscriber;
        this.portal = connection.nextCursorName();
    }

    void start() {
        subscriber.onSubscribe(this);
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            failure = new IllegalArgumentException("Flow.Subscription.request: n must be positive, got " + n);
        } else {
            demand.getAndAccumulate(n, (current, added) -> current + added < 0 ? Long.MAX_VALUE : current + added);
        }
        drain();
    }

    @Override
    public void cancel() {
        cancelled = true;
        closePortal(); // at once: cancel() may come from onNext, ahead of the drain loop's next step
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (!done) {
                step();
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void step() {
        if (cancelled) {
            done = true;
            return;
        }
        Throwable error = failure;
        if (error != null) {
            done = true;
            closePortal();
            subscriber.onError(error);
            return;
        }
        while (demand.get() > 0) {
            Record row;
            synchronized (buffer) {
                row = buffer.poll();
            }
            if (row == null) {
                break;
            }
            demand.decrementAndGet();
            subscriber.onNext(row);
            if (cancelled) {
                done = true;
                return;
            }
        }
        boolean empty;
        synchronized (buffer) {
            empty = buffer.isEmpty();
        }
        if (empty && exhausted) {
            done = true;
            closePortal();
            subscriber.onComplete();
        } else if (empty && demand.get() > 0 && !fetching) {
            fetchChunk();
        }
    }

    private void fetchChunk() {
        synchronized (portalLock) {
            if (closing) {
                return; // cancelled meanwhile: the drain loop's next step sees it
            }
            fetching = true;
            if (opening) {
                connection.submit(PortalCommand.execute(portal, columns, ResultCollector.chunk(prefetch)), null,
                        "FETCH " + prefetch, NO_ARGUMENTS).whenComplete(this::chunkArrived);
                return;
            }
            if (connection.isInTransaction()) {
                opening = true;
                connection.openPortal(portal, sql, arguments, prefetch).whenComplete(this::opened);
                return;
            }
        }
        chunkArrived(null, outsideTransaction());
    }

    private void opened(PgConnection.OpenedPortal opened, Throwable error) {
        // even a failed opening may leave its portal on the server (rows it could not decode): it is closed all the same
        if (error == null) {
            columns = opened.columns();
        }
        chunkArrived(error == null ? opened.first() : null, error);
    }

    private void chunkArrived(ResultCollector.Chunk chunk, Throwable error) {
        if (error != null) {
            failure = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                    ? error.getCause() : error;
        } else {
            synchronized (buffer) {
                buffer.addAll(chunk.rows());
            }
            exhausted = !chunk.more();
        }
        fetching = false;
        drain();
    }

    /** Queues the portal's Close, once, if it was opened; no fetch is sent after it. */
    private void closePortal() {
        synchronized (portalLock) {
            if (closing) {
                return;
            }
            closing = true;
            if (opening && !connection.isClosed()) {
                connection.submit(PortalCommand.close(portal), null, "CLOSE " + portal, NO_ARGUMENTS);
            }
        }
    }

    static InterfaceException outsideTransaction() {
        return new InterfaceException("a cursor can only be used inside a transaction: start one with "
                + "Connection.transaction() or inTransaction()");
    }
}
