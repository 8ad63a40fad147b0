package dev.tusk.internal.pool;

import dev.tusk.PoolOptions;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;

/**
 * The pool's periodic chores, on the timer thread: closes idle connections past
 * {@code maxInactiveConnectionLifetime} (not replaced: the pool reopens on demand, as asyncpg),
 * replaces idle connections past {@code maxLifetime}, expired or closed, and reports connections
 * held past the leak detection threshold. It runs every quarter of the shortest of those limits,
 * at least every 5 seconds and at most every 20 ms.
 */
final class Housekeeper {

    private static final long MIN_PERIOD_NANOS = 20_000_000L;
    private static final long MAX_PERIOD_NANOS = 5_000_000_000L;

    private final ConnectionPool pool;
    private final Duration leakThreshold;
    private final long periodNanos;
    private volatile ScheduledFuture<?> task;

    Housekeeper(ConnectionPool pool, PoolOptions options) {
        this.pool = pool;
        this.leakThreshold = options.leakDetectionThreshold();
        long shortest = MAX_PERIOD_NANOS * 4;
        for (Duration limit : new Duration[] {options.maxInactiveConnectionLifetime(), options.maxLifetime(), leakThreshold}) {
            if (!limit.isZero()) {
                shortest = Math.min(shortest, limit.toNanos());
            }
        }
        this.periodNanos = Math.max(MIN_PERIOD_NANOS, Math.min(MAX_PERIOD_NANOS, shortest / 4));
    }

    void start() {
        task = PoolTimer.repeat(this::run, periodNanos);
    }

    void stop() {
        ScheduledFuture<?> current = task;
        if (current != null) {
            current.cancel(false);
        }
    }

    private void run() {
        retireIdle();
        if (!leakThreshold.isZero()) {
            reportLeaks();
        }
    }

    /** Closes idle connections that are no longer usable; replaces all but the inactive ones. */
    void retireIdle() {
        long now = System.nanoTime();
        boolean replace = false;
        for (PoolEntry entry : pool.idleEntries()) {
            if (!pool.isUsable(entry, now) && pool.removeIdle(entry)) {
                boolean inactive = entry.idleLongerThan(pool.maxInactiveNanos, now);
                pool.discard(entry, true);
                replace |= !inactive;
            }
        }
        if (replace && !pool.isClosing()) {
            pool.fill();
        }
    }

    private void reportLeaks() {
        long now = System.nanoTime();
        long threshold = leakThreshold.toNanos();
        for (PoolEntry entry : pool.entries) {
            PooledConnectionProxy proxy = entry.lentTo;
            if (proxy != null && proxy.leakDue(now, threshold)) {
                pool.statistics.leakSuspected(entry.connection, Duration.ofNanos(now - proxy.lentNanos), leakThreshold,
                        proxy.acquiredAt);
            }
        }
    }
}
