package dev.tusk.internal.connection;

import dev.tusk.Connection;
import dev.tusk.IsolationLevel;
import dev.tusk.Transaction;
import dev.tusk.exceptions.InterfaceException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/** A transaction block or, nested, a savepoint, with asyncpg's rules for misuse. */
final class PgTransaction implements Transaction {

    /**
     * STARTING: nested, while the server is asked what the enclosing transaction is; ENDED: by
     * something other than its own commit or rollback (see {@link #endedOutsideIt()}).
     */
    private enum State { NEW, STARTING, STARTED, COMMITTED, ROLLED_BACK, FAILED, ENDED }

    /** What a nested transaction is checked against when the enclosing one did not name it. */
    private static final String ENCLOSING_CHARACTERISTICS =
            "SELECT pg_catalog.current_setting('transaction_isolation'), pg_catalog.current_setting('transaction_read_only')";

    private final PgConnection connection;
    private final IsolationLevel isolation;
    private final boolean readOnly;
    private final boolean deferrable;
    private State state = State.NEW;
    /** Whether its BEGIN or SAVEPOINT succeeded. */
    private boolean begun;
    /** {@link ConnectionCore#blocksEnded()} when it began: the block it is in ends when that count moves. */
    private int blockEpoch;
    /** Nested: the top-level transaction it is a savepoint of. */
    private PgTransaction enclosing;
    private String savepoint;

    PgTransaction(PgConnection connection, IsolationLevel isolation, boolean readOnly, boolean deferrable) {
        this.connection = connection;
        this.isolation = isolation;
        this.readOnly = readOnly;
        this.deferrable = deferrable;
    }

    IsolationLevel isolation() {
        return isolation;
    }

    boolean readOnly() {
        return readOnly;
    }

    @Override
    public CompletableFuture<Void> start() {
        PgTransaction top;
        synchronized (this) {
            if (endedOutsideIt() || state != State.NEW) {
                return failed("cannot start a transaction that is already " + describe(state));
            }
            top = connection.topTransaction();
            if (top != null && top.endedOutsideIt()) {
                top = null;
            }
            if (top == null) {
                if (connection.isInTransaction() && !connection.blockEndPending()) {
                    return failed("cannot start a transaction: the connection is already in a transaction block "
                            + "begun outside Connection.transaction()");
                }
                connection.topTransaction(this);
                state = State.STARTED;
                return run(beginStatement(), State.STARTED, true);
            }
            boolean askTheServer = isolation != null && top.isolation() == null || readOnly && !top.readOnly();
            if (!askTheServer) {
                String refused = refusedInside(top.isolation(), top.readOnly());
                return refused != null ? failed(refused) : startSavepoint(top);
            }
            // Nested from now on, as without the question; commit() and rollback() would come
            // before the SAVEPOINT, so they are refused until it is issued.
            state = State.STARTING;
            enclosing = top;
        }
        // The enclosing transaction took its level (or READ ONLY) from the session's defaults:
        // only the server knows them, as asyncpg asks it (SHOW transaction_isolation).
        return connection.fetchrow(ENCLOSING_CHARACTERISTICS).handle((row, failure) -> {
            synchronized (this) {
                PgTransaction outer = enclosing;
                state = State.NEW;
                enclosing = null;
                if (failure != null) {
                    throw failure instanceof CompletionException ? (CompletionException) failure : new CompletionException(failure);
                }
                String refused = refusedInside(isolationNamed(row.getString(0)), "on".equals(row.getString(1)));
                return refused != null ? PgTransaction.<Void>failed(refused) : startSavepoint(outer);
            }
        }).thenCompose(started -> started);
    }

    /**
     * Why this transaction cannot be a savepoint of one with these characteristics, or null. A
     * savepoint has the enclosing transaction's isolation level and READ ONLY / READ WRITE: it
     * may repeat them but not ask for others. READ WRITE cannot be told from "unspecified", so
     * it is never refused (asyncpg's rule); DEFERRABLE only matters when a transaction takes its
     * snapshot, which the enclosing one did, and is ignored as asyncpg ignores it.
     */
    private String refusedInside(IsolationLevel enclosingIsolation, boolean enclosingReadOnly) {
        if (isolation != null && isolation != enclosingIsolation) {
            return "a nested transaction cannot have isolation level " + isolation.sql() + " inside a "
                    + (enclosingIsolation == null ? "differently isolated" : enclosingIsolation.sql()) + " transaction";
        }
        if (readOnly && !enclosingReadOnly) {
            return "a nested transaction cannot be READ ONLY inside a read-write transaction";
        }
        return null;
    }

    private static IsolationLevel isolationNamed(String shown) {
        for (IsolationLevel level : IsolationLevel.values()) {
            if (level.sql().equalsIgnoreCase(shown)) {
                return level;
            }
        }
        return null;
    }

    private CompletableFuture<Void> startSavepoint(PgTransaction top) {
        state = State.STARTED;
        enclosing = top;
        savepoint = connection.nextSavepointName();
        return run("SAVEPOINT " + savepoint, State.STARTED, true);
    }

    private String beginStatement() {
        StringBuilder sql = new StringBuilder("BEGIN");
        if (isolation != null) {
            sql.append(" ISOLATION LEVEL ").append(isolation.sql());
        }
        if (readOnly) {
            sql.append(" READ ONLY");
        }
        if (deferrable) {
            sql.append(" DEFERRABLE");
        }
        return sql.toString();
    }

    @Override
    public synchronized CompletableFuture<Void> commit() {
        if (endedOutsideIt() || state != State.STARTED) {
            return failed("cannot commit a transaction that is " + describe(state));
        }
        state = State.COMMITTED;
        endingTheBlock();
        return run(savepoint == null ? "COMMIT" : "RELEASE SAVEPOINT " + savepoint, State.COMMITTED, false);
    }

    @Override
    public synchronized CompletableFuture<Void> rollback() {
        if (endedOutsideIt() || state != State.STARTED) {
            return failed("cannot roll back a transaction that is " + describe(state));
        }
        state = State.ROLLED_BACK;
        endingTheBlock();
        return run(savepoint == null ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT " + savepoint, State.ROLLED_BACK, false);
    }

    /**
     * A top-level COMMIT or ROLLBACK ends the block whatever its outcome (a failed COMMIT rolls
     * back), so from the moment it is sent this is no longer the connection's current
     * transaction: one started right after it, without waiting, is a new block pipelined behind
     * it, not a savepoint that the server would refuse outside a block.
     */
    private void endingTheBlock() {
        if (savepoint == null) {
            connection.blockEnding();
            if (connection.topTransaction() == this) {
                connection.topTransaction(null);
            }
        }
    }

    private CompletableFuture<Void> run(String sql, State reached, boolean starting) {
        // The caller gets a copy: cancelling it must not skip this bookkeeping (a dependent stage
        // that is already complete never runs its function), else the connection would keep a
        // finished transaction as its top one and nest the next transaction in a savepoint.
        return connection.execute(sql).handle((status, failure) -> {
            if (!starting && savepoint == null) {
                connection.blockEnded();
            }
            synchronized (this) {
                if (failure != null) {
                    state = State.FAILED;
                } else if (starting) {
                    begun = true;
                    blockEpoch = connection.core().blocksEnded();
                }
                if ((failure != null || !starting) && savepoint == null && connection.topTransaction() == this) {
                    connection.topTransaction(null);
                }
            }
            if (failure != null) {
                throw failure instanceof CompletionException ? (CompletionException) failure : new CompletionException(failure);
            }
            return (Void) null;
        }).copy();
    }

    @Override
    public <T> CompletableFuture<T> run(Function<? super Connection, ? extends CompletionStage<T>> work) {
        return start().thenCompose(started -> {
            CompletionStage<T> result;
            try {
                result = work.apply(connection);
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            return result.handle((value, failure) -> finish(value, failure)).thenCompose(next -> next);
        });
    }

    private <T> CompletableFuture<T> finish(T value, Throwable failure) {
        if (failure == null) {
            return commit().thenApply(committed -> value);
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return rollback().handle((ignored, rollbackFailure) -> {
            if (rollbackFailure != null) {
                cause.addSuppressed(rollbackFailure);
            }
            throw new CompletionException(cause);
        });
    }

    @Override
    public synchronized boolean isActive() {
        return !endedOutsideIt() && state == State.STARTED;
    }

    @Override
    public synchronized boolean isNested() {
        return enclosing != null;
    }

    /**
     * Whether this transaction was ended other than by its own commit or rollback: by a COMMIT or
     * ROLLBACK run as a query (the server has reported the connection idle since this transaction
     * began, as {@link ConnectionCore#blocksEnded()} counts, even if a later BEGIN made it busy
     * again), by {@link PgConnection#reset()}, or, for a savepoint, by the end of the transaction
     * it belongs to. It then counts as ended, and the connection no longer takes it for its
     * current transaction, so that the next one begins a transaction block instead of issuing a
     * SAVEPOINT outside any. Found out when the transaction or the connection's next one is
     * used; ReadyForQuery only counts the blocks that end.
     */
    synchronized boolean endedOutsideIt() {
        boolean blockEnded = connection.core().blocksEnded() != blockEpoch || enclosing != null && !enclosing.isActive();
        if (state == State.STARTED && begun && blockEnded) {
            ended();
        }
        return state == State.ENDED;
    }

    /** Counts it as ended and no longer the connection's current one; also when the connection is reset. */
    synchronized void ended() {
        if (state == State.STARTED) {
            state = State.ENDED;
        }
        if (connection.topTransaction() == this) {
            connection.topTransaction(null);
        }
    }

    @Override
    public void close() {
        CompletableFuture<Void> rolledBack;
        synchronized (this) {
            if (!isActive()) {
                return;
            }
            rolledBack = rollback();
        }
        if (!connection.core().channel().eventLoop().inEventLoop()) {
            rolledBack.exceptionally(ignored -> null).join();
        }
    }

    private static <T> CompletableFuture<T> failed(String message) {
        return CompletableFuture.failedFuture(new InterfaceException(message));
    }

    private static String describe(State state) {
        switch (state) {
            case NEW:
                return "not started";
            case STARTING:
                return "being started";
            case STARTED:
                return "started";
            case COMMITTED:
                return "committed";
            case ROLLED_BACK:
                return "rolled back";
            case ENDED:
                return "ended outside it (by a COMMIT or ROLLBACK run as a query, Connection.reset, "
                        + "or the end of the enclosing transaction)";
            default:
                return "failed";
        }
    }

    @Override
    public synchronized String toString() {
        endedOutsideIt();
        return "Transaction[" + describe(state) + (savepoint != null ? ", savepoint " + savepoint : "")
                + (isolation != null ? ", " + isolation.sql() : "") + (readOnly ? ", read only" : "")
                + (deferrable ? ", deferrable" : "") + "]";
    }
}
