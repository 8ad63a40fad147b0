package dev.tusk.internal.pool;

import dev.tusk.PooledConnection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One acquire waiting for a connection. Its {@link #result} is the future the caller holds; the
 * pool completes it with a connection, the timer with a timeout, and the caller may cancel it.
 * Whoever completes it first wins: a connection that arrives later goes back to the pool.
 */
final class Waiter {

    final CompletableFuture<PooledConnection> result = new CompletableFuture<>();
    final long startNanos;
    /** How long the acquire may take, setup included. */
    final long timeoutNanos;
    /** Where the connection was acquired, for leak reports; null when leak detection is off. */
    final Throwable acquiredAt;
    private final AtomicBoolean settled = new AtomicBoolean();
    private volatile ScheduledFuture<?> timer;

    Waiter(long startNanos, long timeoutNanos, Throwable acquiredAt) {
        this.startNanos = startNanos;
        this.timeoutNanos = timeoutNanos;
        this.acquiredAt = acquiredAt;
    }

    /**
     * Claims the right to complete the result, for the pool (a connection) or the timer (a
     * timeout); true for the first. Counting the outcome before completing keeps the metrics
     * consistent with what the acquirer sees. The caller may still have cancelled the result.
     */
    boolean settle() {
        return settled.compareAndSet(false, true);
    }

    /** The time left before the acquire's deadline, at least one nanosecond. */
    long remainingNanos(long nowNanos) {
        return Math.max(1, startNanos + timeoutNanos - nowNanos);
    }

    /** Runs {@code onTimeout} after {@code nanos} unless the result completes first. */
    void startTimer(Runnable onTimeout, long nanos) {
        ScheduledFuture<?> scheduled = PoolTimer.schedule(onTimeout, nanos);
        timer = scheduled;
        if (result.isDone()) {
            scheduled.cancel(false);
        }
    }

    /** Stops the timer once the result is complete. */
    void stopTimer() {
        ScheduledFuture<?> scheduled = timer;
        if (scheduled != null) {
            scheduled.cancel(false);
        }
    }
}
