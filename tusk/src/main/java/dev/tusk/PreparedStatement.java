package dev.tusk;

import dev.tusk.types.Attribute;
import dev.tusk.types.Type;
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

    /** Deallocates the statement on the server. */
    CompletableFuture<Void> close();
}
