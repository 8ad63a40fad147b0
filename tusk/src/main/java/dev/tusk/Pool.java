package dev.tusk;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A pool of connections to one database, as asyncpg's {@code Pool}. Created by
 * {@link Tusk#createPool(PoolOptions)}; see {@link PoolOptions} for its settings.
 *
 * <p>Acquires are served first come, first served. An acquire that waits past its timeout fails
 * with a {@link dev.tusk.exceptions.PoolTimeoutException} that states the pool's statistics and
 * chains the last connect failure. A connection released inside a transaction is rolled back and
 * reset; one that is broken, or whose reset fails, is closed and replaced: the next user always
 * gets a clean session. Connections closed by the server (a restart, {@code pg_terminate_backend})
 * are dropped and replaced without any action from the user.
 *
 * <pre>{@code
 * Pool pool = Tusk.createPool(PoolOptions.builder()
 *         .dsn("postgresql://app@localhost/app")
 *         .minSize(2).maxSize(20)
 *         .build()).join();
 * long users = pool.<Long>fetchval("SELECT count(*) FROM users").join();
 * try (PooledConnection conn = pool.acquire().join()) {
 *     conn.execute("INSERT INTO users VALUES ($1, $2)", 2, "Grace").join();
 * }
 * pool.close();
 * }</pre>
 *
 * <p>The one-call methods ({@code execute}, {@code fetch}, {@code fetchrow}, {@code fetchval},
 * {@code executemany}, {@code fetchmany}) acquire a connection, make the call and release the
 * connection at once: its session reset is sent right behind the call and answered with it, so a
 * pooled call costs one round trip, not two. With the default reset, a statement with parameters
 * ({@code execute(sql, args...)}, {@code fetch}, {@code fetchrow}, {@code fetchval}) and the reset
 * even share one flight, which the server runs as one transaction: the call's changes and the
 * session's reset are committed together. A call that fails, or that opens a transaction block,
 * is reset by a flight of its own; if the reset's statements fail, the call they rolled back is
 * run once more, alone (a statement that may have committed on its own, such as {@code VACUUM}
 * or a procedure, fails with the reset's error instead). Their future completes once the
 * connection is back
 * in the pool (as asyncpg's {@code pool.fetch} returns after the release), so that the next call
 * finds it idle, or 2 ms after the call when the reset takes longer (a slow network never holds
 * the answer; with a {@link PoolOptions.Builder#connect connect} function of the caller's, it
 * completes with the call); the call's outcome is never changed by the reset's.
 *
 * <p>Futures complete on I/O threads (or on the pool's timer thread for timeouts); do not block in
 * their continuations.
 */
public interface Pool extends AutoCloseable {

    /**
     * Acquires a connection, waiting at most the pool's {@link PoolOptions#acquireTimeout()}.
     *
     * @return a future of a connection that must be released ({@link PooledConnection#close()})
     */
    CompletableFuture<PooledConnection> acquire();

    /**
     * Acquires a connection, waiting at most {@code timeout} (setup included).
     *
     * @param timeout how long to wait; positive
     * @return a future of a connection that must be released; it fails with a
     *     {@link dev.tusk.exceptions.PoolTimeoutException} past the timeout and with an
     *     {@link dev.tusk.exceptions.InterfaceException} when the pool is closing
     */
    CompletableFuture<PooledConnection> acquire(Duration timeout);

    /**
     * Releases a connection acquired from this pool: the same as {@link PooledConnection#closeAsync()}.
     *
     * @param connection a connection acquired from this pool
     * @return a future that completes when the pool has taken it back; it never fails
     */
    CompletableFuture<Void> release(PooledConnection connection);

    /**
     * Releases a connection, allowing its reset at most {@code timeout}; a connection whose
     * reset takes longer is closed and replaced.
     *
     * @param connection a connection acquired from this pool
     * @param timeout the bound on the reset; positive
     * @return a future that completes when the pool has taken it back; it never fails
     */
    CompletableFuture<Void> release(PooledConnection connection, Duration timeout);

    /**
     * Acquires a connection, runs {@code work} with it and releases it when the work's future
     * completes, whatever its outcome.
     *
     * @param work what to do with the connection; must not keep it
     * @param <T> the work's result type
     * @return the work's result
     */
    <T> CompletableFuture<T> withConnection(Function<? super PooledConnection, ? extends CompletionStage<T>> work);

    /**
     * Acquires a connection and runs {@code work} in a transaction, as
     * {@link Connection#inTransaction(Function)}: committed when the work's future succeeds,
     * rolled back when it fails; then releases the connection.
     *
     * @param work what to do inside the transaction
     * @param <T> the work's result type
     * @return the work's result, once committed
     */
    <T> CompletableFuture<T> withTransaction(Function<? super PooledConnection, ? extends CompletionStage<T>> work);

    /**
     * Runs a script of statements without parameters on a pooled connection; see
     * {@link Connection#execute(String)}.
     *
     * @param sql one or more statements
     * @return the status of the last statement
     */
    CompletableFuture<String> execute(String sql);

    /**
     * Runs one statement with parameters on a pooled connection; see
     * {@link Connection#execute(String, Object...)}.
     *
     * @param sql the statement, with {@code $1}, {@code $2}, ...
     * @param args the parameters
     * @return the statement's status
     */
    CompletableFuture<String> execute(String sql, Object... args);

    /**
     * Runs a query on a pooled connection and returns all its rows.
     *
     * @param sql the query
     * @param args the parameters
     * @return the rows
     */
    CompletableFuture<List<Record>> fetch(String sql, Object... args);

    /**
     * Runs a query on a pooled connection and returns its first row, or null.
     *
     * @param sql the query
     * @param args the parameters
     * @return the first row, or null when there is none
     */
    CompletableFuture<Record> fetchrow(String sql, Object... args);

    /**
     * Runs a query on a pooled connection and returns the first column of its first row, or null.
     *
     * @param sql the query
     * @param args the parameters
     * @param <T> the column's Java type
     * @return the value, or null when there is no row
     */
    <T> CompletableFuture<T> fetchval(String sql, Object... args);

    /**
     * Streams a query's rows from a pooled connection, as {@link Connection#stream(String, Object...)}
     * does: each subscription acquires a connection, runs the query once, and releases the
     * connection when the stream ends, fails or is cancelled. When no connection can be acquired,
     * the subscriber gets {@code onSubscribe} and then {@code onError} with the pool's failure.
     *
     * @param sql the query
     * @param args the parameters
     * @return a publisher of the rows, one execution per subscription
     */
    Flow.Publisher<Record> stream(String sql, Object... args);

    /**
     * {@link Connection#streamTo} on a pooled connection, released when the stream ends.
     * Cancelling the returned future cancels the stream (or, before a connection was acquired,
     * keeps it from starting: the subscriber then only gets {@code onSubscribe}).
     *
     * @return the command status as the stream ends, or its failure
     */
    CompletableFuture<String> streamTo(Flow.Subscriber<? super Record> subscriber, String sql, Object... args);

    /**
     * Runs one statement once per argument row on a pooled connection, in one round trip and
     * atomically; see {@link Connection#executemany(String, Iterable)}.
     *
     * @param sql the statement
     * @param rows the argument rows, each an {@code Object[]} or a {@code List<?>}
     * @return a future that completes when every row has run
     */
    CompletableFuture<Void> executemany(String sql, Iterable<?> rows);

    /**
     * As {@link #executemany(String, Iterable)}, returning the rows every execution produced; see
     * {@link Connection#fetchmany(String, Iterable)}.
     *
     * @param sql the statement
     * @param rows the argument rows
     * @return the rows produced, in order
     */
    CompletableFuture<List<Record>> fetchmany(String sql, Iterable<?> rows);

    /**
     * As {@link #execute(String, Object...)}, the query bounded by {@code timeout} instead of the
     * connections' command timeout (asyncpg's {@code pool.execute(..., timeout=)}); the acquire is
     * bounded by the pool's acquire timeout, as in {@link #acquire()}.
     */
    CompletableFuture<String> execute(Duration timeout, String sql, Object... args);

    /** As {@link #fetch(String, Object...)}, the query bounded by {@code timeout}. */
    CompletableFuture<List<Record>> fetch(Duration timeout, String sql, Object... args);

    /** As {@link #fetchrow(String, Object...)}, the query bounded by {@code timeout}. */
    CompletableFuture<Record> fetchrow(Duration timeout, String sql, Object... args);

    /** As {@link #fetchval(String, Object...)}, the query bounded by {@code timeout}. */
    <T> CompletableFuture<T> fetchval(Duration timeout, String sql, Object... args);

    /** As {@link #executemany(String, Iterable)}, the batch bounded by {@code timeout}. */
    CompletableFuture<Void> executemany(Duration timeout, String sql, Iterable<?> rows);

    /** As {@link #fetchmany(String, Iterable)}, the batch bounded by {@code timeout}. */
    CompletableFuture<List<Record>> fetchmany(Duration timeout, String sql, Iterable<?> rows);

    /**
     * Copies a table out on a pooled connection; see {@link Connection#copyFromTable(String, CopySink, CopyOptions)}.
     *
     * @param table the table, optionally schema-qualified
     * @param output where the data goes
     * @param options the COPY options
     * @return the COPY status, e.g. {@code "COPY 100"}
     */
    CompletableFuture<String> copyFromTable(String table, CopySink output, CopyOptions options);

    /**
     * Copies a query's result out on a pooled connection; see {@link Connection#copyFromQuery(String, CopySink, CopyOptions)}.
     *
     * @param query the query
     * @param output where the data goes
     * @param options the COPY options
     * @return the COPY status
     */
    CompletableFuture<String> copyFromQuery(String query, CopySink output, CopyOptions options);

    /**
     * Copies data into a table on a pooled connection; see {@link Connection#copyToTable(String, CopySource, CopyOptions)}.
     *
     * @param table the table
     * @param source where the data comes from
     * @param options the COPY options
     * @return the COPY status
     */
    CompletableFuture<String> copyToTable(String table, CopySource source, CopyOptions options);

    /**
     * Copies records into a table on a pooled connection; see
     * {@link Connection#copyRecordsToTable(String, Iterable, CopyOptions)}.
     *
     * @param table the table
     * @param records the rows, each an {@code Object[]} or a {@code List<?>}
     * @param options the COPY options
     * @return the COPY status
     */
    CompletableFuture<String> copyRecordsToTable(String table, Iterable<?> records, CopyOptions options);

    /**
     * Copies the records a publisher emits into a table on a pooled connection, released when the
     * copy ends; see {@link Connection#copyRecordsToTable(String, Flow.Publisher, CopyOptions)}.
     *
     * @param table the table
     * @param records the rows, each an {@code Object[]} or a {@code List<?>}, requested as the
     *     socket drains
     * @param options the COPY options
     * @return the COPY status
     */
    CompletableFuture<String> copyRecordsToTable(String table, Flow.Publisher<?> records, CopyOptions options);

    /**
     * Closes the pool gracefully: new acquires and waiting ones fail at once, idle connections
     * close, and connections in use close when they are released.
     *
     * @return a future that completes when every connection is closed
     */
    CompletableFuture<Void> closeAsync();

    /**
     * {@link #closeAsync()} and waits for it: it returns once every acquired connection has come
     * back. Must not be called on an I/O thread. Bound the wait with
     * {@code closeAsync().orTimeout(...)} followed by {@link #terminate()} if needed.
     */
    @Override
    void close();

    /** Closes the pool and every connection at once, connections in use included. */
    void terminate();

    /**
     * Replaces every connection: idle ones now, those in use when they are released. Use it
     * after a change that existing sessions would not see (a new schema, new credentials).
     */
    void expireConnections();

    /**
     * Sets the options used for connections opened from now on; existing connections are kept
     * (combine with {@link #expireConnections()} to replace them).
     *
     * @param options the new connect options
     */
    void setConnectArgs(ConnectOptions options);

    /**
     * Returns the number of connections the pool holds: idle, in use and being opened.
     *
     * @return the pool's current size
     */
    int getSize();

    /**
     * Returns the pool's minimum size.
     *
     * @return {@link PoolOptions#minSize()}
     */
    int getMinSize();

    /**
     * Returns the pool's maximum size.
     *
     * @return {@link PoolOptions#maxSize()}
     */
    int getMaxSize();

    /**
     * Returns the number of idle connections.
     *
     * @return connections ready to be acquired
     */
    int getIdleSize();

    /**
     * Whether {@link #close()}, {@link #closeAsync()} or {@link #terminate()} was called.
     *
     * @return true once the pool is closing or closed
     */
    boolean isClosing();

    /**
     * Returns the pool's live statistics.
     *
     * @return a view that reads the current values at each call
     */
    PoolMetrics metrics();
}
