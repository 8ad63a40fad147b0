package dev.tusk.reliability;

import dev.tusk.Connection;
import java.util.concurrent.CompletableFuture;

/**
 * One operation of {@link RandomCancellationTest}: a chain of calls on a connection, any of which
 * the test may cancel while it runs.
 */
interface CancellableOperation {

    /** A short name for reports. */
    String kind();

    /** Starts the operation; the future completes when it ends, either way. */
    CompletableFuture<?> start(Connection conn);

    /** Cancels the call running now ({@code pick} chooses among calls in flight together). */
    void cancel(int pick);

    /** Undoes what a cancelled operation may have left open (a transaction); runs once the connection is idle. */
    default CompletableFuture<?> recover(Connection conn) {
        return CompletableFuture.completedFuture(null);
    }

    /** Asserts what the operation's outcome promises, e.g. that an acknowledged COMMIT is stored. */
    void verify(Connection conn, CompletableFuture<?> result, String what);

    /** The calls of a chain, one after another; the one running now is the one to cancel. */
    final class Steps {
        private volatile CompletableFuture<?> current = CompletableFuture.completedFuture(null);

        <T> CompletableFuture<T> step(CompletableFuture<T> call) {
            current = call;
            return call;
        }

        void cancelCurrent() {
            current.cancel(true);
        }
    }
}
