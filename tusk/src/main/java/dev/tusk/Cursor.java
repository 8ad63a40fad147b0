package dev.tusk;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * An open, scrollable cursor, as asyncpg's {@code Cursor}: {@code DECLARE ... SCROLL CURSOR}, then
 * rows fetched on demand with {@code FETCH} and skipped with {@code MOVE}. It lives until
 * {@link #close()} or the end of the transaction it was opened in.
 *
 * <p>A row count below 1 is a programming error: {@link #fetch}, {@link #forward} and
 * {@link #backward} throw {@link dev.tusk.exceptions.InterfaceException} at the call, before
 * anything is sent, as a {@link Connection} call does for a timeout that is not positive. What
 * the server refuses (a cursor already closed) fails the returned future.
 *
 * <pre>{@code
 * conn.inTransaction(c -> c.cursor("SELECT * FROM big_table").open().thenCompose(cursor ->
 *         cursor.forward(100)                            // skip 100 rows
 *                 .thenCompose(skipped -> cursor.fetch(50))  // the next 50
 *                 .thenCompose(rows -> cursor.close().thenApply(closed -> rows)))).join();
 * }</pre>
 */
public interface Cursor {

    /** The next {@code n} rows (fewer at the end; empty when exhausted). */
    CompletableFuture<List<Record>> fetch(int n);

    /** The next row, or null when exhausted. */
    CompletableFuture<Record> fetchrow();

    /** Skips {@code n} rows and returns how many were skipped. */
    CompletableFuture<Integer> forward(int n);

    /** Moves back {@code n} rows (the cursor is scrollable) and returns how many it moved. */
    CompletableFuture<Integer> backward(int n);

    /** Closes the cursor on the server. */
    CompletableFuture<Void> close();
}
