package dev.tusk;

import java.util.concurrent.CompletableFuture;

/**
 * A connection lent by a {@link Pool}: every {@link Connection} call goes to the pool's underlying
 * connection until the connection is released, as asyncpg's {@code PoolConnectionProxy}.
 *
 * <p>{@link #close()} and {@link #closeAsync()} <em>release</em> the connection to its pool; they
 * do not close it. After release every call other than {@code close}, {@code closeAsync},
 * {@code isReleased}, {@code isClosed} and {@code toString} throws an
 * {@link dev.tusk.exceptions.InterfaceException}: the underlying connection may already serve
 * someone else.
 *
 * <pre>{@code
 * try (PooledConnection conn = pool.acquire().join()) {
 *     conn.execute("UPDATE accounts SET balance = balance - $1 WHERE id = $2", 10, 7).join();
 * }   // released: the pool resets the session and lends the connection again
 * }</pre>
 */
public interface PooledConnection extends Connection {

    /**
     * Releases the connection to its pool. The pool rolls back an open transaction and resets the
     * session before lending the connection again; a connection that cannot be reset is closed and
     * replaced. Calling it again does nothing.
     *
     * @return a future that completes when the pool has taken the connection back (reset, or
     *     discarded); it never fails
     */
    @Override
    CompletableFuture<Void> closeAsync();

    /**
     * Releases the connection to its pool without waiting for the reset to finish, so it is safe
     * on any thread. Calling it again does nothing.
     */
    @Override
    void close();

    /**
     * Closes the underlying connection at once and releases it; the pool replaces it. Pending
     * calls fail with a connection exception.
     */
    @Override
    void terminate();

    /**
     * Whether the connection has been released to its pool.
     *
     * @return true once {@link #close()}, {@link #closeAsync()} or {@link #terminate()} was called
     *     or the pool released it
     */
    boolean isReleased();

    /**
     * Whether the underlying connection is closed; true once the connection is released.
     *
     * @return true when this connection can no longer run queries
     */
    @Override
    boolean isClosed();
}
