package dev.tusk.internal.pool;

import dev.tusk.Connection;
import dev.tusk.PoolListener;
import dev.tusk.PoolMetrics;
import dev.tusk.exceptions.PoolTimeoutException;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * A pool's counters, and the one place that tells the user's {@link PoolListener} about events.
 * The gauges (sizes, waiting acquires) are read from the pool itself.
 */
final class PoolStatistics implements PoolMetrics {

    private static final System.Logger LOG = System.getLogger("dev.tusk.pool");

    private final ConnectionPool pool;
    private final PoolListener listener;
    private final LongAdder acquires = new LongAdder();
    private final LongAdder acquireNanos = new LongAdder();
    private final LongAdder usageNanos = new LongAdder();
    private final LongAdder timeouts = new LongAdder();
    private final LongAdder created = new LongAdder();
    private final LongAdder closed = new LongAdder();
    private final LongAdder connectFailures = new LongAdder();
    private final LongAdder leaks = new LongAdder();

    PoolStatistics(ConnectionPool pool, PoolListener listener) {
        this.pool = pool;
        this.listener = listener;
    }

    void created(Connection connection) {
        created.increment();
        if (listener != null) {
            try {
                listener.connectionCreated(connection);
            } catch (RuntimeException e) {
                listenerFailed("connectionCreated", e);
            }
        }
    }

    void closed(Connection connection) {
        closed.increment();
        if (listener != null) {
            try {
                listener.connectionClosed(connection);
            } catch (RuntimeException e) {
                listenerFailed("connectionClosed", e);
            }
        }
    }

    void connectFailed(Throwable cause) {
        connectFailures.increment();
        if (listener != null) {
            try {
                listener.connectFailed(cause);
            } catch (RuntimeException e) {
                listenerFailed("connectFailed", e);
            }
        }
    }

    void acquired(long waitedNanos) {
        acquires.increment();
        acquireNanos.add(waitedNanos);
        if (listener != null) {
            try {
                listener.acquired(Duration.ofNanos(waitedNanos));
            } catch (RuntimeException e) {
                listenerFailed("acquired", e);
            }
        }
    }

    void released(long heldNanos) {
        usageNanos.add(heldNanos);
        if (listener != null) {
            try {
                listener.released(Duration.ofNanos(heldNanos));
            } catch (RuntimeException e) {
                listenerFailed("released", e);
            }
        }
    }

    void timedOut(PoolTimeoutException timeout) {
        timeouts.increment();
        if (listener != null) {
            try {
                listener.acquireTimedOut(timeout);
            } catch (RuntimeException e) {
                listenerFailed("acquireTimedOut", e);
            }
        }
    }

    void leakSuspected(Connection connection, Duration held, Duration threshold, Throwable acquiredAt) {
        leaks.increment();
        LOG.log(Level.WARNING, "connection " + connection + " has been held for " + held.toMillis()
                + " ms (leakDetectionThreshold: " + threshold.toMillis() + " ms); it was acquired at:", acquiredAt);
        if (listener != null) {
            try {
                listener.leakSuspected(connection, held, acquiredAt);
            } catch (RuntimeException e) {
                listenerFailed("leakSuspected", e);
            }
        }
    }

    private static void listenerFailed(String method, RuntimeException e) {
        LOG.log(Level.WARNING, "PoolListener." + method + " threw; the pool carries on", e);
    }

    @Override
    public int getSize() {
        return pool.getSize();
    }

    @Override
    public int getIdleSize() {
        return pool.getIdleSize();
    }

    @Override
    public int getInUseSize() {
        return pool.inUseSize();
    }

    @Override
    public int getPendingAcquires() {
        return pool.pendingAcquires();
    }

    @Override
    public long getAcquireCount() {
        return acquires.sum();
    }

    @Override
    public Duration getAcquireTime() {
        return Duration.ofNanos(acquireNanos.sum());
    }

    @Override
    public Duration getUsageTime() {
        return Duration.ofNanos(usageNanos.sum());
    }

    @Override
    public long getTimeoutCount() {
        return timeouts.sum();
    }

    @Override
    public long getCreatedCount() {
        return created.sum();
    }

    @Override
    public long getClosedCount() {
        return closed.sum();
    }

    @Override
    public long getConnectFailureCount() {
        return connectFailures.sum();
    }

    @Override
    public long getLeakCount() {
        return leaks.sum();
    }

    @Override
    public String toString() {
        return "PoolMetrics[size=" + getSize() + ", idle=" + getIdleSize() + ", inUse=" + getInUseSize()
                + ", pending=" + getPendingAcquires() + ", acquires=" + getAcquireCount() + ", timeouts="
                + getTimeoutCount() + ", created=" + getCreatedCount() + ", closed=" + getClosedCount() + "]";
    }
}
