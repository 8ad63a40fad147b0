package dev.tusk.internal.connection;

import dev.tusk.Cursor;
import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.command.ExtendedQueryCommand;
import dev.tusk.internal.command.ResultCollector;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A scrollable cursor: {@code DECLARE ... SCROLL CURSOR FOR} the query (with its arguments bound
 * by the extended protocol), then {@code FETCH} and {@code MOVE} statements. These statements name
 * the cursor, so they bypass the statement cache.
 */
final class PgCursor implements Cursor {

    private static final Object[] NO_ARGUMENTS = new Object[0];

    private final PgConnection connection;
    private final String quotedName;

    private PgCursor(PgConnection connection, String quotedName) {
        this.connection = connection;
        this.quotedName = quotedName;
    }

    static CompletableFuture<Cursor> declare(PgConnection connection, String name, String sql, Object[] args) {
        if (!connection.isInTransaction()) {
            return CompletableFuture.failedFuture(CursorSubscription.outsideTransaction());
        }
        String quotedName = Identifiers.quote(name);
        return run(connection, "DECLARE " + quotedName + " SCROLL CURSOR FOR " + sql, args, ResultCollector.status())
                .thenApply(status -> new PgCursor(connection, quotedName));
    }

    private static <T> CompletableFuture<T> run(PgConnection connection, String sql, Object[] args,
            ResultCollector<T> collector) {
        return connection.submit(new ExtendedQueryCommand<>(sql, args, collector, false, null, null), null, sql, args);
    }

    @Override
    public CompletableFuture<List<Record>> fetch(int n) {
        return run(connection, "FETCH FORWARD " + checkCount(n) + " FROM " + quotedName, NO_ARGUMENTS,
                ResultCollector.rows());
    }

    @Override
    public CompletableFuture<Record> fetchrow() {
        return run(connection, "FETCH NEXT FROM " + quotedName, NO_ARGUMENTS, ResultCollector.firstRow());
    }

    @Override
    public CompletableFuture<Integer> forward(int n) {
        return move("FORWARD", n);
    }

    @Override
    public CompletableFuture<Integer> backward(int n) {
        return move("BACKWARD", n);
    }

    private CompletableFuture<Integer> move(String direction, int n) {
        CompletableFuture<String> moved = run(connection, "MOVE " + direction + " " + checkCount(n) + " FROM " + quotedName,
                NO_ARGUMENTS, ResultCollector.status());
        return PgConnection.cancelsWith(moved,
                moved.thenApply(status -> Integer.parseInt(status.substring(status.lastIndexOf(' ') + 1))));
    }

    @Override
    public CompletableFuture<Void> close() {
        return run(connection, "CLOSE " + quotedName, NO_ARGUMENTS, ResultCollector.status()).thenApply(status -> null);
    }

    private static int checkCount(int n) {
        if (n <= 0) {
            throw new InterfaceException("the number of rows must be positive, got " + n);
        }
        return n;
    }

    @Override
    public String toString() {
        return "Cursor[" + quotedName + "]";
    }
}
