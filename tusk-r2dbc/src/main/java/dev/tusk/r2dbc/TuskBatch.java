package dev.tusk.r2dbc;

import dev.tusk.QueryResult;
import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * SQL statements without parameters, each run as one statement (extended protocol), in order;
 * one {@link Result} per statement. A statement is sent when the one before it has succeeded: one
 * that fails gives a Result with its error, and the statements after it are not run (their
 * Results carry the same error). What ran before the failure stays, unless it ran inside a
 * transaction that is then rolled back.
 */
final class TuskBatch implements Batch {

    private final dev.tusk.Connection connection;
    private final List<String> statements = new ArrayList<>();

    TuskBatch(dev.tusk.Connection connection) {
        this.connection = connection;
    }

    /** Adds one statement. */
    @Override
    public Batch add(String sql) {
        if (sql == null) {
            throw new IllegalArgumentException("sql must not be null");
        }
        statements.add(sql);
        return this;
    }

    /** One Result per statement, in order; the statements are sent when this is requested. */
    @Override
    public Publisher<? extends Result> execute() {
        List<String> batch = List.copyOf(statements);
        return FuturePublisher.ofList(() -> {
            List<Result> results = new ArrayList<>(batch.size());
            CompletableFuture<?> previous = CompletableFuture.completedFuture(null);
            for (String sql : batch) {
                CompletableFuture<QueryResult> next = previous.thenCompose(ignored -> connection.fetchResult(sql));
                results.add(TuskResult.of(next, sql));
                previous = next;
            }
            return CompletableFuture.completedFuture(results);
        });
    }

    @Override
    public String toString() {
        return "Batch" + statements;
    }
}
