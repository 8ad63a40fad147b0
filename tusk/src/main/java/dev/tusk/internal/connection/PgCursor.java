package dev.tusk.internal.connection;

import dev.tusk.Cursor;
import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.command.PortalCommand;
import dev.tusk.internal.command.ResultCollector;
import dev.tusk.internal.protocol.RowDescription;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A cursor fetched by hand: Execute on its portal for {@code fetch}, MOVE for {@code forward}. */
final class PgCursor implements Cursor {

    private final PgConnection connection;
    private final String portal;
    private final RowDescription columns;

    PgCursor(PgConnection connection, String portal, RowDescription columns) {
        this.connection = connection;
        this.portal = portal;
        this.columns = columns;
    }

    @Override
    public CompletableFuture<List<Record>> fetch(int n) {
        checkCount(n);
        return connection.submit(PortalCommand.execute(portal, columns, ResultCollector.chunk(n)), null,
                "FETCH " + n, new Object[0]).thenApply(ResultCollector.Chunk::rows);
    }

    @Override
    public CompletableFuture<Record> fetchrow() {
        return fetch(1).thenApply(rows -> rows.isEmpty() ? null : rows.get(0));
    }

    @Override
    public CompletableFuture<Integer> forward(int n) {
        checkCount(n);
        return connection.execute("MOVE FORWARD " + n + " FROM " + Identifiers.quote(portal))
                .thenApply(status -> Integer.parseInt(status.substring(status.lastIndexOf(' ') + 1)));
    }

    @Override
    public CompletableFuture<Void> close() {
        return connection.submit(PortalCommand.close(portal), null, "CLOSE " + portal, new Object[0])
                .thenApply(status -> null);
    }

    private static void checkCount(int n) {
        if (n <= 0) {
            throw new InterfaceException("the number of rows must be positive, got " + n);
        }
    }

    @Override
    public String toString() {
        return "Cursor[" + portal + "]";
    }
}
