package dev.tusk;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * A connection to a PostgreSQL server, as asyncpg's {@code Connection}.
 *
 * <p>Every call returns at once with a {@link CompletableFuture}. Calls made while others are
 * running are queued and pipelined: they are written to the server without waiting for earlier
 * replies and complete in the order they were made. An error in one call does not affect the
 * others, and the connection stays usable after a query error.
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
