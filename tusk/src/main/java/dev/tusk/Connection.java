package dev.tusk;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A connection to a PostgreSQL server, as asyncpg's {@code Connection}.
 *
 * <p>Every call returns at once with a {@link CompletableFuture}. Calls made while others are
 * running are queued and pipelined: they are written to the server without waiting for earlier
 * replies and complete in the order they were made. An error in one call does not affect the
 * others, and the connection stays usable after a query error.
 *
 * <p>Every call may be given a timeout (the overloads taking a {@link Duration} first; otherwise
 * {@link ConnectOptions#commandTimeout()} applies). When it expires, or when the caller cancels
 * the returned future, Tusk sends the server a cancel request and fails the call; the connection
 * stays usable and in sync for the next call.
 *
 * <p>Futures complete on the connection's I/O thread. Continuations that block (for example
 * {@code join()} inside {@code thenApply}) must move to another executor with the
 * {@code ...Async} variants; blocking the I/O thread stalls every connection that shares it.
 *
 * <pre>{@code
 * try (Connection conn = Tusk.connect("postgresql://app@localhost/app").join()) {
 *     conn.execute("CREATE TABLE IF NOT EXISTS users (id int PRIMARY KEY, name text)").join();
 *     conn.execute("INSERT INTO users VALUES ($1, $2)", 1, "Ada").join();   // "INSERT 0 1"
 *     List<Record> rows = conn.fetch("SELECT * FROM users WHERE id > $1", 0).join();
 *     String name = conn.<String>fetchval("SELECT name FROM users WHERE id = $1", 1).join();
 * }
 * }</pre>
 */
public interface Connection extends AutoCloseable {

    /**
     * Runs a script of one or more SQL statements without parameters (simple protocol) and
     * returns the status of the last one, e.g. {@code "CREATE TABLE"}.
     */
    CompletableFuture<String> execute(String sql);

    /**
     * Runs one statement with parameters ({@code $1}, {@code $2}, ...; extended protocol, binary
     * format) and returns its status, e.g. {@code "INSERT 0 1"}. Parameters are never interpolated
     * into the SQL text.
     */
    CompletableFuture<String> execute(String sql, Object... args);

    /** Runs a query and returns all its rows. */
    CompletableFuture<List<Record>> fetch(String sql, Object... args);

    /** Runs a query and returns its first row, or null when it returns none. */
    CompletableFuture<Record> fetchrow(String sql, Object... args);

    /**
     * Runs a query and returns the first column of its first row, or null when it returns no
     * rows. The value's type follows the column's type (see the type table in the README).
     */
    <T> CompletableFuture<T> fetchval(String sql, Object... args);

    /** {@link #execute(String, Object...)} failing with {@code QueryTimeoutException} after {@code timeout}. */
    CompletableFuture<String> execute(Duration timeout, String sql, Object... args);

    /** {@link #fetch(String, Object...)} failing with {@code QueryTimeoutException} after {@code timeout}. */
    CompletableFuture<List<Record>> fetch(Duration timeout, String sql, Object... args);

    /** {@link #fetchrow(String, Object...)} failing with {@code QueryTimeoutException} after {@code timeout}. */
    CompletableFuture<Record> fetchrow(Duration timeout, String sql, Object... args);

    /** {@link #fetchval(String, Object...)} failing with {@code QueryTimeoutException} after {@code timeout}. */
    <T> CompletableFuture<T> fetchval(Duration timeout, String sql, Object... args);

    /**
     * Runs one statement once per argument row, as asyncpg's {@code executemany}: all Bind and
     * Execute messages go in one flight with a single Sync, so the batch costs one round trip and
     * is atomic (an error in any row rolls back every row). Each row is an {@code Object[]} or a
     * {@code List<?>}. The rows are read lazily and written as the socket drains, so a batch of
     * any length runs in bounded memory; the iterable is read on the connection's I/O thread and
     * must not block.
     *
     * <pre>{@code
     * conn.executemany("INSERT INTO items (id, name) VALUES ($1, $2)",
     *         List.of(List.of(1, "a"), List.of(2, "b"))).join();
     * }</pre>
     */
    CompletableFuture<Void> executemany(String sql, Iterable<?> rows);

    /** As {@link #executemany(String, Iterable)} but returns the rows every execution produced, in order. */
    CompletableFuture<List<Record>> fetchmany(String sql, Iterable<?> rows);

    /** A transaction with the server's default isolation level, read-write; not yet started. */
    Transaction transaction();

    /**
     * A transaction with these characteristics, not yet started (asyncpg's
     * {@code transaction(isolation, readonly, deferrable)}).
     *
     * @param isolation the isolation level, or null for the server's default
     */
    Transaction transaction(IsolationLevel isolation, boolean readOnly, boolean deferrable);

    /**
     * Runs {@code work} in a transaction: commits when the returned stage succeeds, rolls back
     * when it fails (and passes the failure on). Nested calls become savepoints.
     *
     * <pre>{@code
     * conn.inTransaction(c -> c.execute("DELETE FROM sessions WHERE user_id = $1", id)
     *         .thenCompose(status -> c.execute("DELETE FROM users WHERE id = $1", id))).join();
     * }</pre>
     */
    <T> CompletableFuture<T> inTransaction(Function<? super Connection, ? extends CompletionStage<T>> work);

    /**
     * Listens to a channel (LISTEN, with the channel name quoted as an identifier) and calls
     * {@code listener} for each notification on it. Several listeners may share a channel.
     */
    CompletableFuture<Void> addListener(String channel, NotificationListener listener);

    /** Removes a listener; the last one removed for a channel issues UNLISTEN. */
    CompletableFuture<Void> removeListener(String channel, NotificationListener listener);

    /** Calls {@code listener} with each notice or warning the server sends (e.g. RAISE NOTICE). */
    void addLogListener(LogListener listener);

    void removeLogListener(LogListener listener);

    /** Calls {@code listener} once when the connection closes, for whatever reason. */
    void addTerminationListener(Consumer<? super Connection> listener);

    void removeTerminationListener(Consumer<? super Connection> listener);

    /**
     * Calls {@code logger} after each call with its query, arguments, timeout, elapsed time and
     * failure (asyncpg's {@code add_query_logger}). Called on the I/O thread: it must not block.
     */
    void addQueryLogger(Consumer<? super LoggedQuery> logger);

    void removeQueryLogger(Consumer<? super LoggedQuery> logger);

    /** Whether the server reported an open transaction block at the end of the last call. */
    boolean isInTransaction();

    /** Whether the connection is closed (by {@link #close()}, {@link #terminate()} or a failure). */
    boolean isClosed();

    /** The process id of the server backend serving this connection. */
    int getServerPid();

    /** The server's version, parsed from its {@code server_version} setting. */
    ServerVersion getServerVersion();

    /** The server's run-time parameters as last reported by ParameterStatus, read-only. */
    Map<String, String> getSettings();

    /**
     * The SQL that {@link #reset()} runs: it unlocks advisory locks, closes cursors, stops
     * listening and resets every session setting ({@code SELECT pg_advisory_unlock_all(); CLOSE ALL;
     * UNLISTEN *; RESET ALL;}). Prepared statements stay, so the statement cache remains valid.
     */
    String getResetQuery();

    /**
     * Returns the session to a clean state, as a pool does before handing the connection to the
     * next user: rolls back an open transaction, then runs {@link #getResetQuery()}.
     */
    CompletableFuture<Void> reset();

    /**
     * Closes the connection gracefully: calls already made run to completion, then a Terminate
     * message is sent and the socket closed. New calls fail at once.
     */
    CompletableFuture<Void> closeAsync();

    /** {@link #closeAsync()} and waits for it. Must not be called on the connection's I/O thread. */
    @Override
    void close();

    /** Closes the socket at once; every pending call fails with a connection exception. */
    void terminate();

    /** A future that completes when the connection is closed, for whatever reason. */
    CompletableFuture<Void> onClose();
}
