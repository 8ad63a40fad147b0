package dev.tusk.internal.pool;

import dev.tusk.Cursor;
import dev.tusk.CursorFactory;
import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A pooled connection's cursor factory: each use checks that the borrower still holds the
 * connection (throwing {@link InterfaceException} as the connection's own methods do, or telling
 * a subscriber), so that a cursor used after the release cannot run on the next borrower's
 * connection and in its transaction.
 */
final class HeldCursorFactory implements CursorFactory {

    private final CursorFactory cursors;
    private final Runnable stillHeld;

    /** @param stillHeld throws {@link InterfaceException} once the connection was released */
    HeldCursorFactory(CursorFactory cursors, Runnable stillHeld) {
        this.cursors = cursors;
        this.stillHeld = stillHeld;
    }

    @Override
    public CursorFactory prefetch(int rows) {
        return new HeldCursorFactory(cursors.prefetch(rows), stillHeld);
    }

    @Override
    public CompletableFuture<Void> forEach(Consumer<? super Record> action) {
        stillHeld.run();
        return cursors.forEach(action);
    }

    @Override
    public CompletableFuture<Cursor> open() {
        stillHeld.run();
        return cursors.open();
    }

    @Override
    public void subscribe(Flow.Subscriber<? super Record> subscriber) {
        Subscriptions.whileHeld(stillHeld, cursors).subscribe(subscriber);
    }
}
