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

    private enum State { NEW, STARTED, COMMITTED, ROLLED_BACK, FAILED }

    private final PgConnection connection;
    private final IsolationLevel isolation;
    private final boolean readOnly;
    private final boolean deferrable;
    private State state = State.NEW;
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
    public synchronized CompletableFuture<Void> start() {
        if (state != State.NEW) {
            return failed("cannot start a transaction that is already " + describe(state));
        }
        PgTransaction top = connection.topTransaction();
        String sql;
        if (top == null) {
            if (connection.isInTransaction()) {
                return failed("cannot start a transaction: the connection is already in a transaction block "
                        + "begun outside Connection.transaction()");
            }
            connection.topTransaction(this);
            sql = beginStatement();
        } else {
            if (isolation != null && isolation != top.isolation()) {
                return failed("a nested transaction cannot have isolation level " + isolation.sql()
                        + " inside a transaction with " + (top.isolation() == null ? "the default level" : top.isolation().sql()));
            }
            if (readOnly != top.readOnly()) {
                return failed("a nested transaction cannot change READ ONLY / READ WRITE of the enclosing transaction");
            }
            savepoint = connection.nextSavepointName();
            sql = "SAVEPOINT " + savepoint;
        }
        state = State.STARTED;
        return run(sql, State.STARTED, true);
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
        if (state != State.STARTED) {
            return failed("cannot commit a transaction that is " + describe(state));
        }
        state = State.COMMITTED;
        return run(savepoint == null ? "COMMIT" : "RELEASE SAVEPOINT " + savepoint, State.COMMITTED, false);
    }

    @Override
    public synchronized CompletableFuture<Void> rollback() {
        if (state != State.STARTED) {
            return failed("cannot roll back a transaction that is " + describe(state));
        }
        state = State.ROLLED_BACK;
        return run(savepoint == null ? "ROLLBACK" : "ROLLBACK TO SAVEPOINT " + savepoint, State.ROLLED_BACK, false);
    }

    private CompletableFuture<Void> run(String sql, State reached, boolean starting) {
        // The caller gets a copy: cancelling it must not skip this bookkeeping (a dependent stage
        // that is already complete never runs its function), else the connection would keep a
        // finished transaction as its top one and nest the next transaction in a savepoint.
        return connection.execute(sql).handle((status, failure) -> {
            synchronized (this) {
                if (failure != null) {
                    state = State.FAILED;
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
        return state == State.STARTED;
    }

    @Override
    public boolean isNested() {
        return savepoint != null;
    }

    @Override
    public void close() {
        CompletableFuture<Void> rolledBack;
        synchronized (this) {
            if (state != State.STARTED) {
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
            case STARTED:
                return "started";
            case COMMITTED:
                return "committed";
            case ROLLED_BACK:
                return "rolled back";
            default:
                return "failed";
        }
    }

    @Override
    public synchronized String toString() {
        return "Transaction[" + describe(state) + (savepoint != null ? ", savepoint " + savepoint : "")
                + (isolation != null ? ", " + isolation.sql() : "") + (readOnly ? ", read only" : "")
                + (deferrable ? ", deferrable" : "") + "]";
    }
}
