package dev.tusk.internal.pool;

import dev.tusk.CursorFactory;
import dev.tusk.PreparedStatement;
import dev.tusk.Record;
import dev.tusk.types.Attribute;
import dev.tusk.types.Type;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * A statement prepared on a pooled connection: each execution checks that the borrower still
 * holds the connection (as asyncpg does), so that a statement kept after the release cannot run
 * on the next borrower's connection and in its transaction. What it describes stays readable.
 */
final class HeldPreparedStatement implements PreparedStatement {

    private final PreparedStatement statement;
    private final Runnable stillHeld;

    /** @param stillHeld throws {@code InterfaceException} once the connection was released */
    HeldPreparedStatement(PreparedStatement statement, Runnable stillHeld) {
        this.statement = statement;
        this.stillHeld = stillHeld;
    }

    @Override
    public String getName() {
        return statement.getName();
    }

    @Override
    public String getQuery() {
        return statement.getQuery();
    }

    @Override
    public String getStatusmsg() {
        return statement.getStatusmsg();
    }

    @Override
    public List<Type> getParameters() {
        return statement.getParameters();
    }

    @Override
    public List<Attribute> getAttributes() {
        return statement.getAttributes();
    }

    @Override
    public CompletableFuture<List<Record>> fetch(Object... args) {
        stillHeld.run();
        return statement.fetch(args);
    }

    @Override
    public CompletableFuture<Record> fetchrow(Object... args) {
        stillHeld.run();
        return statement.fetchrow(args);
    }

    @Override
    public <T> CompletableFuture<T> fetchval(Object... args) {
        stillHeld.run();
        return statement.fetchval(args);
    }

    @Override
    public CompletableFuture<Void> executemany(Iterable<?> rows) {
        stillHeld.run();
        return statement.executemany(rows);
    }

    @Override
    public CompletableFuture<List<Record>> fetchmany(Iterable<?> rows) {
        stillHeld.run();
        return statement.fetchmany(rows);
    }

    @Override
    public PreparedStatement withTimeout(Duration timeout) {
        return new HeldPreparedStatement(statement.withTimeout(timeout), stillHeld);
    }

    @Override
    public CursorFactory cursor(Object... args) {
        stillHeld.run();
        return new HeldCursorFactory(statement.cursor(args), stillHeld);
    }

    @Override
    public Flow.Publisher<Record> stream(Object... args) {
        stillHeld.run();
        return Subscriptions.whileHeld(stillHeld, statement.stream(args));
    }

    @Override
    public CompletableFuture<String> explain(boolean analyze, Object... args) {
        stillHeld.run();
        return statement.explain(analyze, args);
    }

    @Override
    public CompletableFuture<Void> close() {
        stillHeld.run();
        return statement.close();
    }

    @Override
    public String toString() {
        return statement.toString();
    }
}
