package dev.tusk.internal.connection;

import dev.tusk.BlockingRows;
import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * A subscriber whose rows a blocking reader takes one by one. It asks for {@code prefetch} rows
 * at first and then, each time the reader has taken a quarter of that, for as many again, so the
 * queue never holds more than {@code prefetch} rows and the end (or the failure) behind them.
 */
public final class BlockingRowIterator implements BlockingRows {

    private static final Object COMPLETE = new Object();

    /** A failure delivered by the publisher, queued behind the rows that came before it. */
    private record Failure(Throwable cause) {
    }

    private final BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
    private final int prefetch;
    private final int batch;
    private volatile Flow.Subscription subscription;
    private volatile boolean closed;
    private Object next;
    private int takenSinceRequest;
    private boolean ended;

    private BlockingRowIterator(int prefetch) {
        this.prefetch = prefetch;
        this.batch = Math.max(1, prefetch / 4);
    }

    /** Subscribes a new iterator to {@code rows}. */
    public static BlockingRows subscribe(Flow.Publisher<Record> rows, int prefetch) {
        Objects.requireNonNull(rows, "rows");
        if (prefetch < 1) {
            throw new IllegalArgumentException("prefetch must be at least 1, got " + prefetch);
        }
        BlockingRowIterator iterator = new BlockingRowIterator(prefetch);
        rows.subscribe(iterator.new Subscriber());
        return iterator;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            if (ended) {
                return false;
            }
            next = take();
        }
        if (next == COMPLETE) {
            end();
            return false;
        }
        if (next instanceof Failure) {
            Throwable cause = ((Failure) next).cause();
            end();
            if (cause instanceof RuntimeException) {
                throw (RuntimeException) cause;
            }
            throw new InterfaceException("reading rows failed: " + cause, cause);
        }
        return true;
    }

    @Override
    public Record next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more rows");
        }
        Record row = (Record) next;
        next = null;
        if (++takenSinceRequest >= batch) {
            subscription.request(takenSinceRequest);
            takenSinceRequest = 0;
        }
        return row;
    }

    private Object take() {
        Object item = queue.poll();
        if (item != null) {
            return item;
        }
        if (closed) {
            throw new InterfaceException("the rows were closed");
        }
        if (Transports.onIoThread()) {
            close();
            throw new InterfaceException("waiting for rows on a Tusk I/O thread would block the connection that "
                    + "delivers them; read them on a virtual thread or a worker thread (or subscribe instead)");
        }
        try {
            return queue.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new InterfaceException("interrupted while waiting for rows", e);
        }
    }

    private void end() {
        ended = true;
        next = null;
        closed = true;
    }

    @Override
    public Stream<Record> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(this, Spliterator.ORDERED | Spliterator.NONNULL),
                false).onClose(this::close);
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        ended = true;
        next = null;
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
        queue.clear();
    }

    private final class Subscriber implements Flow.Subscriber<Record> {
        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (closed) {
                s.cancel();
            } else {
                s.request(prefetch);
            }
        }

        @Override
        public void onNext(Record row) {
            if (!closed) {
                queue.add(row);
            }
        }

        @Override
        public void onError(Throwable error) {
            queue.add(new Failure(error));
        }

        @Override
        public void onComplete() {
            queue.add(COMPLETE);
        }
    }
}
