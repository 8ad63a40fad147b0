package dev.tusk.r2dbc;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.reactivestreams.Publisher;

/**
 * SQL statements without parameters, each run as one statement (extended protocol), in order;
 * one {@link Result} per statement, whose rows stream as a {@link TuskStatement}'s do. A statement
 * is sent when the one before it has ended successfully: one that fails gives a Result with its
 * error, and the statements after it are not run (their Results carry the same error). What ran
 * before the failure stays, unless it ran inside a transaction that is then rolled back. As with
 * any R2DBC driver, consume the Results in order: a statement whose rows nobody reads holds the
 * ones after it once its read-ahead is full.
 */
final class TuskBatch implements Batch {

    private static final Object[] NO_ARGUMENTS = {};

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
        return FuturePublisher.ofList(() -> CompletableFuture.completedFuture(start(connection, batch)));
    }

    /**
     * Starts {@code statements} one after another as described above: one Result each, a
     * statement sent when the one before it has ended successfully.
     */
    static List<Result> start(dev.tusk.Connection connection, List<String> statements) {
        List<Result> results = new ArrayList<>(statements.size());
        CompletableFuture<?> previous = null;
        for (String sql : statements) {
            StreamedSegments segments = new StreamedSegments(connection, sql, NO_ARGUMENTS,
                    StreamedSegments.DEFAULT_PREFETCH, previous);
            results.add(new TuskResult(segments));
            previous = segments.completion();
        }
        return results;
    }

    @Override
    public String toString() {
        return "Batch" + statements;
    }
}
