package dev.tusk.internal.pool;

import dev.tusk.Connection;
import dev.tusk.Transaction;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A transaction of a pooled connection: starting, committing or rolling it back checks that the
 * borrower still holds the connection, so that a COMMIT issued after the release cannot end the
 * next borrower's transaction. The release itself rolls back what was left open, so closing one
 * after the release has nothing left to do. {@link #run} hands its work the pooled connection,
 * never the connection underneath.
 */
final class HeldTransaction implements Transaction {

    private final Transaction transaction;
    private final Connection pooled;
    private final Runnable stillHeld;
    private final BooleanSupplier released;
    private final Consumer<Transaction> started;

    /**
     * @param stillHeld throws {@code InterfaceException} once the connection was released
     * @param released  whether it was
     * @param started   told of the transaction once it has started (issued its BEGIN or SAVEPOINT)
     */
    HeldTransaction(Transaction transaction, Connection pooled, Runnable stillHeld, BooleanSupplier released,
            Consumer<Transaction> started) {
        this.transaction = transaction;
        this.pooled = pooled;
        this.stillHeld = stillHeld;
        this.released = released;
        this.started = started;
    }

    @Override
    public CompletableFuture<Void> start() {
        stillHeld.run();
        CompletableFuture<Void> result = transaction.start();
        started.accept(transaction);
        return result;
    }

    @Override
    public CompletableFuture<Void> commit() {
        stillHeld.run();
        return transaction.commit();
    }

    @Override
    public CompletableFuture<Void> rollback() {
        stillHeld.run();
        return transaction.rollback();
    }

    @Override
    public <T> CompletableFuture<T> run(Function<? super Connection, ? extends CompletionStage<T>> work) {
        stillHeld.run();
        CompletableFuture<T> result = transaction.run(underneath -> work.apply(pooled));
        started.accept(transaction);
        return result;
    }

    @Override
    public boolean isActive() {
        return transaction.isActive();
    }

    @Override
    public boolean isNested() {
        return transaction.isNested();
    }

    @Override
    public void close() {
        if (!released.getAsBoolean()) {
            transaction.close();
        }
    }
}
