package dev.tusk;

import dev.tusk.types.Attribute;
import dev.tusk.types.Type;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A statement prepared on the server once and run many times (asyncpg's
 * {@code PreparedStatement}). It belongs to the connection that prepared it and is closed with
 * it, or earlier by {@link #close()}.
 *
 * <pre>{@code
 * PreparedStatement byId = conn.prepare("SELECT name FROM users WHERE id = $1").join();
 * byId.getParameters();                 // [Type[oid=23, name=int4, kind=scalar, schema=pg_catalog]]
 * String name = byId.<String>fetchval(42).join();
 * }</pre>
 */
public interface PreparedStatement {

    /** The statement's name on the server. */
    String getName();

    /** The SQL text. */
    String getQuery();

    /** The status of the last execution, e.g. {@code SELECT 3}; null before the first. */
    String getStatusmsg();

    /** The parameter types the server inferred, in order. */
    List<Type> getParameters();

    /** The result columns (empty for a statement that returns no rows). */
    List<Attribute> getAttributes();

    CompletableFuture<List<Record>> fetch(Object... args);

    /** The first row, or null. */
    CompletableFuture<Record> fetchrow(Object... args);

    /** The first column of the first row, or null. */
    <T> CompletableFuture<T> fetchval(Object... args);

    /** Runs the statement once per argument row, atomically (see {@link Connection#executemany}). */
    CompletableFuture<Void> executemany(Iterable<?> rows);

    /** As {@link #executemany(Iterable)}, returning the rows every execution produced, in order. */
    CompletableFuture<List<Record>> fetchmany(Iterable<?> rows);

    /**
     * This statement with its executions ({@code fetch}, {@code fetchrow}, {@code fetchval},
     * {@code executemany}, {@code fetchmany}) bounded by {@code timeout} instead of the
     * connection's command timeout (asyncpg's {@code timeout=} argument). The two share the
     * statement on the server: closing either closes both.
     *
     * <pre>{@code
     * List<Record> rows = byId.withTimeout(Duration.ofSeconds(2)).fetch(42).join();
     * }</pre>
     *
     * @throws dev.tusk.exceptions.InterfaceException if the timeout is not positive
     */
    PreparedStatement withTimeout(Duration timeout);

    /** A cursor over the statement's rows (inside a transaction). */
    CursorFactory cursor(Object... args);

    /**
     * The statement's rows streamed as the server sends them, with back-pressure, as
     * {@link Connection#stream(String, Object...)} does (no transaction needed).
     */
    Flow.Publisher<Record> stream(Object... args);

    /**
     * The plan as JSON ({@code EXPLAIN (FORMAT JSON, VERBOSE)}); with {@code analyze} the
     * statement is run inside a transaction that is rolled back, so it changes nothing.
     */
    CompletableFuture<String> explain(boolean analyze, Object... args);

    /**
     * Deallocates the statement on the server. From then on every execution, cursor, stream and
     * {@code explain} is refused at once with an {@link dev.tusk.exceptions.InterfaceException}
     * (so a closed statement never aborts the transaction it is used in); closing again does
     * nothing.
     */
    CompletableFuture<Void> close();
}
