package dev.tusk;

import dev.tusk.internal.connection.BlockingRowIterator;
import java.util.Iterator;
import java.util.concurrent.Flow;
import java.util.stream.Stream;

/**
 * The rows of a {@link Flow.Publisher} of records — {@link Connection#stream(String, Object...)}
 * or {@link Connection#cursor(String, Object...)} — read one at a time by a thread that may
 * block: a virtual thread, or a worker thread of your own. It keeps up to {@code prefetch} rows
 * ahead of the reader and asks for more as they are read, so back-pressure reaches the server
 * as with any subscriber.
 *
 * <pre>{@code
 * try (BlockingRows rows = BlockingRows.of(conn.stream("SELECT * FROM events WHERE day = $1", day))) {
 *     while (rows.hasNext()) {
 *         archive(rows.next());
 *     }
 * }
 * // or as a java.util.stream.Stream, closed by try-with-resources
 * try (Stream<Record> rows = BlockingRows.of(conn.stream("SELECT * FROM events")).stream()) {
 *     long big = rows.filter(row -> row.getLong("size") > 1_000_000).count();
 * }
 * }</pre>
 *
 * <p>{@link #hasNext()} blocks until a row, the end or a failure arrives; a failure of the query
 * (or of the connection) is thrown from it as the driver's exception. Closing before the end
 * cancels the subscription (see {@link Connection#stream(String, Object...)} for what that does
 * on the server). Always close it (try-with-resources): one abandoned half-read keeps its stream
 * paused, and the connection with it. Reading on one of Tusk's I/O threads (in a subscriber's
 * signal, or in a future's callback when it runs there) would block the connection that has to
 * deliver the rows, so it fails with {@link dev.tusk.exceptions.InterfaceException} instead. An
 * interrupted reader cancels the subscription and gets an {@code InterfaceException}, with its
 * interrupt flag set again.
 */
public interface BlockingRows extends Iterator<Record>, AutoCloseable {

    /** Rows kept ahead of the reader by {@link #of(Flow.Publisher)}. */
    int DEFAULT_PREFETCH = 256;

    /** Subscribes to {@code rows} now, keeping up to {@value #DEFAULT_PREFETCH} rows ahead. */
    static BlockingRows of(Flow.Publisher<Record> rows) {
        return of(rows, DEFAULT_PREFETCH);
    }

    /**
     * Subscribes to {@code rows} now, keeping up to {@code prefetch} rows ahead.
     *
     * @throws IllegalArgumentException when {@code prefetch} is below 1
     */
    static BlockingRows of(Flow.Publisher<Record> rows, int prefetch) {
        return BlockingRowIterator.subscribe(rows, prefetch);
    }

    /** Whether another row follows; blocks until it is known. */
    @Override
    boolean hasNext();

    /** The next row; blocks until it arrives. */
    @Override
    Record next();

    /** The remaining rows as a sequential {@link Stream}; closing the stream closes this. */
    Stream<Record> stream();

    /** Stops reading: cancels the subscription unless every row was read; idempotent. */
    @Override
    void close();
}
