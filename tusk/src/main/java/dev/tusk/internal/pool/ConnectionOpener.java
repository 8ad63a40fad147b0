package dev.tusk.internal.pool;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.PoolOptions;
import dev.tusk.internal.connection.HostSelector;
import dev.tusk.internal.connection.SharedTypes;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Opens and initializes the pool's connections, remembers the last failure (the cause of acquire
 * timeouts while the server is unreachable) and paces retries after failures: 50 ms, doubling up
 * to one second, back to 50 ms after a success.
 */
final class ConnectionOpener {

    private static final long MIN_BACKOFF_NANOS = 50_000_000L;
    private static final long MAX_BACKOFF_NANOS = 1_000_000_000L;

    private final PoolOptions options;
    private final Runnable retry;
    private final SharedTypes sharedTypes = new SharedTypes();
    private final AtomicBoolean retryScheduled = new AtomicBoolean();
    private volatile long backoffNanos = MIN_BACKOFF_NANOS;
    private volatile Throwable lastFailure;

    /**
     * @param options the pool's options (connect and init functions)
     * @param retry what to run after a failure, once the back-off has passed
     */
    ConnectionOpener(PoolOptions options, Runnable retry) {
        this.options = options;
        this.retry = retry;
    }

    /**
     * Connects and runs init, bounded by the acquire timeout (the network may black-hole it); a
     * connection whose init fails or overruns is terminated.
     */
    CompletableFuture<Connection> open(ConnectOptions connectOptions) {
        CompletableFuture<Connection> connected = options.usesDefaultConnect()
                ? HostSelector.connect(connectOptions, sharedTypes)
                : Futures.call(options.connect(), connectOptions);
        if (options.init() == null) {
            return connected;
        }
        long boundNanos = options.acquireTimeout().toNanos();
        return connected.thenCompose(connection -> Futures.within(
                Futures.<Connection, Object>call(options.init(), connection), boundNanos, "init")
                .handle((ignored, failure) -> {
                    if (failure != null) {
                        connection.terminate();
                        throw new CompletionException(Futures.unwrap(failure));
                    }
                    return connection;
                }));
    }

    void succeeded() {
        lastFailure = null;
        backoffNanos = MIN_BACKOFF_NANOS;
    }

    /** Records the failure and schedules one retry after the back-off. */
    void failed(Throwable failure) {
        lastFailure = failure;
        if (retryScheduled.compareAndSet(false, true)) {
            long delay = backoffNanos;
            backoffNanos = Math.min(delay * 2, MAX_BACKOFF_NANOS);
            PoolTimer.schedule(() -> {
                retryScheduled.set(false);
                retry.run();
            }, delay);
        }
    }

    /** The last connect (or init) failure, or null when the last attempt succeeded. */
    Throwable lastFailure() {
        return lastFailure;
    }
}
