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
 */
final class CursorSubscription implements Flow.Subscription {

    private final PgConnection connection;
    private final String sql;
    private final Object[] arguments;
    private final int prefetch;
    private final Flow.Subscriber<? super Record> subscriber;
    private final AtomicLong demand = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private final ArrayDeque<Record> buffer = new ArrayDeque<>();
    private volatile String portal;
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
            closePortal();
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
                closePortal();
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
        fetching = true;
        if (portal == null) {
            connection.openPortal(sql, arguments, prefetch).whenComplete((opened, error) -> {
                if (error == null) {
                    columns = opened.columns();
                    portal = opened.portal();
                }
                chunkArrived(error == null ? opened.first() : null, error);
            });
        } else {
            connection.submit(PortalCommand.execute(portal, columns, ResultCollector.chunk(prefetch)), null,
                    "FETCH " + prefetch, new Object[0]).whenComplete(this::chunkArrived);
        }
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

    private void closePortal() {
        String open = portal;
        if (open != null && !exhausted && !connection.isClosed()) {
            connection.submit(PortalCommand.close(open), null, "CLOSE " + open, new Object[0]);
        }
    }

    static InterfaceException outsideTransaction() {
        return new InterfaceException("a cursor can only be used inside a transaction: start one with "
                + "Connection.transaction() or inTransaction()");
    }
}
