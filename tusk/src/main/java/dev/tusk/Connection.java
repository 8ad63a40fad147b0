package dev.tusk;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
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

    /**
     * Runs one statement with parameters and returns everything it produced: its rows, its
     * columns (names and types, known even when no row comes back) and its command status with
     * the row count, e.g. an {@code UPDATE ... RETURNING} gives both the returned rows and
     * {@code "UPDATE 3"}.
     *
     * <pre>{@code
     * QueryResult result = conn.fetchResult("DELETE FROM sessions WHERE expires < now() RETURNING id").join();
     * long deleted = result.rowCount().orElse(0);
     * List<Record> ids = result.rows();
     * }</pre>
     */
    CompletableFuture<QueryResult> fetchResult(String sql, Object... args);

    /** {@link #fetchResult(String, Object...)} failing with {@code QueryTimeoutException} after {@code timeout}. */
    CompletableFuture<QueryResult> fetchResult(Duration timeout, String sql, Object... args);

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

    /**
     * As {@link #executemany(String, Iterable)}, with this timeout instead of the connection's
     * command timeout: when it passes, the batch is cancelled and no row is kept.
     */
    CompletableFuture<Void> executemany(Duration timeout, String sql, Iterable<?> rows);

    /** As {@link #fetchmany(String, Iterable)}, with this timeout instead of the connection's command timeout. */
    CompletableFuture<List<Record>> fetchmany(Duration timeout, String sql, Iterable<?> rows);

    /**
     * Prepares a statement to run many times (asyncpg's {@code prepare()}); its parameter and
     * result types are known on return.
     */
    CompletableFuture<PreparedStatement> prepare(String sql);

    /**
     * A cursor over a query's rows, fetched in chunks as they are consumed (asyncpg's
     * {@code cursor()}); it must be used inside a transaction.
     */
    CursorFactory cursor(String sql, Object... args);

    /**
     * The rows of a query, streamed as the server sends them: a {@link Flow.Publisher} that runs
     * the query once per subscription, at the subscriber's first request. Unlike
     * {@link #cursor(String, Object...)} it needs no transaction and costs one round trip; unlike
     * {@link #fetch(String, Object...)} it never holds the whole result. Back-pressure reaches
     * the server: when the subscriber falls 512 rows (or 8 MiB of rows) behind, the connection
     * stops reading its socket until the subscriber catches up, and the server waits.
     *
     * <pre>{@code
     * conn.stream("SELECT * FROM events WHERE day = $1", day)
     *         .subscribe(subscriberThatWritesEachRowToAFile);
     * }</pre>
     *
     * <p>Signals arrive on the connection's I/O thread: a subscriber must not block in them.
     * While a stream is paused, the calls queued behind it on the same connection wait too.
     * Cancelling the subscription drops the rows still to come and leaves the connection usable:
     * outside a transaction it asks the server to cancel the query; inside one it lets the query
     * run to its end and reads the rest of the rows without delivering them, since a cancelled
     * statement would abort the transaction. A stream that never requests again holds its connection
     * (a timeout, {@link #stream(Duration, String, Object...)}, bounds the whole stream).
     */
    Flow.Publisher<Record> stream(String sql, Object... args);

    /** {@link #stream(String, Object...)} with the whole stream bounded by {@code timeout}. */
    Flow.Publisher<Record> stream(Duration timeout, String sql, Object... args);

    /**
     * Streams the rows of a query to {@code subscriber}, as {@link #stream(String, Object...)}
     * does. The future completes when the stream ends, after the last {@code onNext}: with the
     * command status (e.g. {@code SELECT 1000} or {@code UPDATE 3}) just before the subscriber's
     * {@code onComplete}, with the failure just before its {@code onError}, with a
     * {@code CancellationException} when the subscriber cancels, or with the exception the
     * subscriber threw from {@code onNext} (it is then treated as cancelled). Cancelling the
     * future cancels the stream as the subscriber's {@code cancel()} would.
     */
    CompletableFuture<String> streamTo(Flow.Subscriber<? super Record> subscriber, String sql, Object... args);

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
     * Copies a table (or some of its columns) out of the server, as asyncpg's
     * {@code copy_from_table}: {@code COPY "schema"."table" (columns) TO STDOUT (options)}. The
     * data streams to {@code output} in bounded memory; a slow sink pauses reading from the
     * socket. Completes with the command status, e.g. {@code "COPY 1000"}. See docs/copy.md.
     *
     * <pre>{@code
     * conn.copyFromTable("users", CopySink.of(Path.of("users.csv")),
     *         CopyOptions.builder().format(CopyFormat.CSV).header(true).build()).join();
     * }</pre>
     *
     * @param table the table's name, sent as a quoted identifier (case-sensitive, never parsed)
     */
    CompletableFuture<String> copyFromTable(String table, CopySink output, CopyOptions options);

    /** {@link #copyFromTable(String, CopySink, CopyOptions)} into a stream (flushed, not closed). */
    default CompletableFuture<String> copyFromTable(String table, OutputStream output, CopyOptions options) {
        return copyFromTable(table, CopySink.of(output), options);
    }

    /** {@link #copyFromTable(String, CopySink, CopyOptions)} into a file, created or truncated. */
    default CompletableFuture<String> copyFromTable(String table, Path output, CopyOptions options) {
        return copyFromTable(table, CopySink.of(output), options);
    }

    /**
     * Copies the result of a query out of the server, as asyncpg's {@code copy_from_query}:
     * {@code COPY (query) TO STDOUT (options)}. A COPY cannot take parameters and Tusk never
     * interpolates values into SQL, so unlike asyncpg this takes no arguments: the query must be
     * complete SQL (put variable values in a table or a session setting first if needed).
     */
    CompletableFuture<String> copyFromQuery(String query, CopySink output, CopyOptions options);

    /** {@link #copyFromQuery(String, CopySink, CopyOptions)} into a stream (flushed, not closed). */
    default CompletableFuture<String> copyFromQuery(String query, OutputStream output, CopyOptions options) {
        return copyFromQuery(query, CopySink.of(output), options);
    }

    /** {@link #copyFromQuery(String, CopySink, CopyOptions)} into a file, created or truncated. */
    default CompletableFuture<String> copyFromQuery(String query, Path output, CopyOptions options) {
        return copyFromQuery(query, CopySink.of(output), options);
    }

    /**
     * Loads data into a table, as asyncpg's {@code copy_to_table}:
     * {@code COPY "schema"."table" (columns) FROM STDIN (options) WHERE condition}. The data is
     * read from {@code source} as the socket drains, in bounded memory. When the source fails, the
     * COPY is aborted (no row of it is kept) and the call fails with the source's exception; the
     * connection stays usable. Other calls made meanwhile wait until the COPY ends.
     */
    CompletableFuture<String> copyToTable(String table, CopySource source, CopyOptions options);

    /** {@link #copyToTable(String, CopySource, CopyOptions)} from a stream (not closed). */
    default CompletableFuture<String> copyToTable(String table, InputStream source, CopyOptions options) {
        return copyToTable(table, CopySource.of(source), options);
    }

    /** {@link #copyToTable(String, CopySource, CopyOptions)} from a file. */
    default CompletableFuture<String> copyToTable(String table, Path source, CopyOptions options) {
        return copyToTable(table, CopySource.of(source), options);
    }

    /**
     * Loads rows of Java values into a table, as asyncpg's {@code copy_records_to_table}, in
     * PostgreSQL's binary COPY format: each value is encoded by the codec of its column's type,
     * learned from the server first. A row is an {@code Object[]}, a {@code List<?>} or a
     * {@link Record} (values in column order), or a Java {@code record} (components matched to
     * columns by name). The iterable is read lazily on Tusk's COPY I/O threads (it may block), so
     * any number of rows loads in bounded memory. The columns are {@link CopyOptions#columns()}
     * or else every column of the table; {@code schemaName} and {@code where} apply; the format
     * is always binary.
     *
     * <pre>{@code
     * conn.copyRecordsToTable("users", List.of(new Object[] {1, "Ada"}, new Object[] {2, "Grace"}),
     *         CopyOptions.builder().columns("id", "name").build()).join();   // "COPY 2"
     * }</pre>
     */
    CompletableFuture<String> copyRecordsToTable(String table, Iterable<?> records, CopyOptions options);

    /** {@link #copyRecordsToTable(String, Iterable, CopyOptions)} with rows from a publisher, requested as the socket drains. */
    CompletableFuture<String> copyRecordsToTable(String table, Flow.Publisher<?> records, CopyOptions options);

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

    /**
     * Reads and writes values of type {@code schema.typeName} with the caller's codec (asyncpg's
     * {@code set_type_codec}); arrays of the type follow. Cached statements are dropped.
     *
     * <pre>{@code
     * conn.setTypeCodec("mood", "public", TypeCodec.text(Mood.class, Mood::name, Mood::valueOf)).join();
     * }</pre>
     */
    CompletableFuture<Void> setTypeCodec(String typeName, String schema, dev.tusk.codec.TypeCodec<?> codec);

    /** Undoes {@link #setTypeCodec} for a type (asyncpg's {@code reset_type_codec}). */
    CompletableFuture<Void> resetTypeCodec(String typeName, String schema);

    /**
     * Treats an extension's type as a built-in one with the same binary form (asyncpg's
     * {@code set_builtin_type_codec}), e.g. {@code citext} as {@code "text"}.
     */
    CompletableFuture<Void> setBuiltinTypeCodec(String typeName, String schema, String builtinTypeName);

    /**
     * Forgets what was learned about user-defined types and drops cached statements, so that
     * types changed by DDL are looked up again (asyncpg's {@code reload_schema_state}). Custom
     * codecs stay.
     */
    CompletableFuture<Void> reloadSchemaState();

    /** Whether the server reported an open transaction block at the end of the last call. */
    boolean isInTransaction();

    /** Whether the connection is closed (by {@link #close()}, {@link #terminate()} or a failure). */
    boolean isClosed();

    /**
     * The process id of the server backend serving this connection, as its start-up reported it
     * (behind a pooler such as PgBouncer, the pooler's own number, not a backend's).
     */
    int getServerPid();

    /** The server's version, parsed from its {@code server_version} setting. */
    ServerVersion getServerVersion();

    /**
     * The frontend/backend protocol version this connection speaks: the one asked for with
     * {@link ConnectOptions.Builder#maxProtocolVersion} (default 3.0), or the older one the server
     * answered with (libpq's {@code PQfullProtocolVersion}).
     */
    ProtocolVersion getProtocolVersion();

    /** The server's run-time parameters as last reported by ParameterStatus, read-only. */
    Map<String, String> getSettings();

    /**
     * The SQL that {@link #reset()} runs: it unlocks advisory locks, closes cursors, stops
     * listening and resets every session setting ({@code SELECT pg_catalog.pg_advisory_unlock_all();
     * CLOSE ALL; UNLISTEN *; RESET ALL;}). Prepared statements stay, so the statement cache remains
     * valid.
     */
    String getResetQuery();

    /**
     * Returns the session to a clean state, as a pool does before handing the connection to the
     * next user: forgets the notification and log listeners (as asyncpg's {@code reset} does; the
     * termination listeners and query loggers stay), rolls back an open transaction, then runs
     * {@link #getResetQuery()}. The statements of that script are prepared once per connection
     * (under the connection's own statement names) and each reset binds and executes them in one
     * flight, which spares the server parsing and planning them on every release; where named
     * statements are off (a pooler in transaction mode, {@code statementCacheSize(0)}) the script
     * goes as one simple query.
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
