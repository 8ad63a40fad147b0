package dev.tusk.internal.connection;

import dev.tusk.Cursor;
import dev.tusk.CursorFactory;
import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/** A query to read through portals of one connection. */
final class PgCursorFactory implements CursorFactory {

    private final PgConnection connection;
    private final String sql;
    private final Object[] arguments;
    private final int prefetch;

    PgCursorFactory(PgConnection connection, String sql, Object[] arguments, int prefetch) {
        if (prefetch <= 0) {
            throw new InterfaceException("prefetch must be positive, got " + prefetch);
        }
        this.connection = connection;
        this.sql = sql;
        this.arguments = arguments;
        this.prefetch = prefetch;
    }

    @Override
    public CursorFactory prefetch(int rows) {
        return new PgCursorFactory(connection, sql, arguments, rows);
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Record> subscriber) {
        new CursorSubscription(connection, sql, arguments, prefetch, subscriber).start();
    }

    @Override
    public CompletableFuture<Void> forEach(Consumer<? super Record> action) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        subscribe(new Flow.Subscriber<Record>() {
            private Flow.Subscription subscription;

            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                this.subscription = subscription;
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(Record row) {
                try {
                    action.accept(row);
                } catch (Throwable e) { // an Error too (a failed assertion): thrown on, it would leave forEach pending
                    subscription.cancel(); // queues the Close ahead of what the caller runs on the failure
                    done.completeExceptionally(e);
                }
            }

            @Override
            public void onError(Throwable failure) {
                done.completeExceptionally(failure);
            }

            @Override
            public void onComplete() {
                done.complete(null);
            }
        });
        return done;
    }

    @Override
    public CompletableFuture<Cursor> open() {
        return PgCursor.declare(connection, connection.nextCursorName(), sql, arguments);
    }
}
