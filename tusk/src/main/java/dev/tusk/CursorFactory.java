package dev.tusk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Consumer;

/**
 * A query to read through a cursor, in chunks of {@code prefetch} rows (asyncpg's
 * {@code CursorFactory}). Cursors live in a transaction: using one outside a transaction block
 * fails with {@link dev.tusk.exceptions.InterfaceException}.
 *
 * <p>It is a {@link Flow.Publisher} of rows that honours back-pressure: rows are fetched from the
 * server only as the subscriber requests them. Each subscription opens its own cursor.
 *
 * <pre>{@code
 * conn.inTransaction(c -> c.cursor("SELECT * FROM events WHERE day = $1", day)
 *         .prefetch(1000)
 *         .forEach(row -> process(row))).join();
 * }</pre>
 */
public interface CursorFactory extends Flow.Publisher<Record> {

    /** The default number of rows fetched per round trip (asyncpg's default). */
    int DEFAULT_PREFETCH = 50;

    /**
     * The same query with another chunk size.
     *
     * @throws dev.tusk.exceptions.InterfaceException when {@code rows} is below 1
     */
    CursorFactory prefetch(int rows);

    /**
     * Calls {@code action} with every row, fetching {@code prefetch} rows at a time; completes when
     * all rows were seen. The action runs on the connection's I/O thread and must not block.
     */
    CompletableFuture<Void> forEach(Consumer<? super Record> action);

    /** Opens a cursor for fetching by hand. */
    CompletableFuture<Cursor> open();
}
