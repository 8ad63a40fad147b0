package dev.tusk;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A transaction block, as asyncpg's {@code Transaction}: {@code start()} issues BEGIN (with the
 * isolation level, READ ONLY and DEFERRABLE asked for), {@code commit()} COMMIT and
 * {@code rollback()} ROLLBACK. A transaction started while another one of the same connection is
 * active is nested: it becomes a SAVEPOINT, released on commit and rolled back to on rollback.
 * A savepoint belongs to the enclosing transaction and has its isolation level and READ ONLY /
 * READ WRITE: a nested transaction may name them again (checked against the server's when the
 * enclosing transaction took them from the session's defaults) but not ask for others, and
 * {@code transaction()} inside a read-only transaction is a read-only savepoint. DEFERRABLE is
 * ignored when nested.
 *
 * <p>Used with try-with-resources, a transaction that was started but neither committed nor
 * rolled back is rolled back on close:
 *
 * <pre>{@code
 * try (Transaction tx = conn.transaction(IsolationLevel.SERIALIZABLE, false, false)) {
 *     tx.start().join();
 *     conn.execute("UPDATE accounts SET balance = balance - $1 WHERE id = $2", 100, 1).join();
 *     conn.execute("UPDATE accounts SET balance = balance + $1 WHERE id = $2", 100, 2).join();
 *     tx.commit().join();
 * }
 * }</pre>
 *
 * or with {@link #run(Function)}, which commits when the work succeeds and rolls back when it
 * fails (the failure is passed on):
 *
 * <pre>{@code
 * conn.transaction().run(c -> c.execute("INSERT INTO log VALUES ($1)", "entry")).join();
 * }</pre>
 *
 * <p>Misuse (starting twice, committing twice or after a rollback, a nested transaction asking
 * for another isolation level, or for READ ONLY inside a read-write transaction) raises
 * {@link dev.tusk.exceptions.InterfaceException}.
 *
 * <p>A transaction ended some other way — a COMMIT or ROLLBACK run as a query (the connection
 * learns it from the server's ReadyForQuery status), {@link Connection#reset()}, or for a nested
 * one the end of the enclosing transaction — is no longer active: the connection's next
 * {@code transaction()} begins a new transaction block, and its own {@code commit()} and
 * {@code rollback()} raise {@code InterfaceException} (they could only act on another
 * transaction, or report a commit that did not happen); closing it does nothing.
 */
public interface Transaction extends AutoCloseable {

    /** Issues BEGIN, or SAVEPOINT when nested in another active transaction of the connection. */
    CompletableFuture<Void> start();

    /** Issues COMMIT, or RELEASE SAVEPOINT when nested. */
    CompletableFuture<Void> commit();

    /** Issues ROLLBACK, or ROLLBACK TO SAVEPOINT when nested. */
    CompletableFuture<Void> rollback();

    /**
     * Starts the transaction, runs {@code work}, then commits if it succeeded or rolls back if it
     * failed, in which case the returned future fails with the work's exception.
     */
    <T> CompletableFuture<T> run(Function<? super Connection, ? extends CompletionStage<T>> work);

    /**
     * Whether the transaction was started and is neither committed nor rolled back, through it or
     * otherwise (a COMMIT or ROLLBACK run as a query, {@link Connection#reset()}, the end of the
     * enclosing transaction).
     */
    boolean isActive();

    /** Whether this transaction is a savepoint inside another one. */
    boolean isNested();

    /**
     * Rolls back a started transaction that was neither committed nor rolled back, and waits for
     * it (unless called on the connection's I/O thread, where it does not wait).
     */
    @Override
    void close();
}
