package dev.tusk;

import java.time.Duration;

/**
 * A pool's statistics, read live at each call: gauges (sizes, waiting acquires) and counters
 * that only grow (acquires, timeouts, connections opened and closed, summed times). Export them
 * by polling, or follow events as they happen with a {@link PoolListener}.
 */
public interface PoolMetrics {

    /**
     * Returns the connections the pool holds: idle, in use and being opened.
     *
     * @return the pool's size
     */
    int getSize();

    /**
     * Returns the idle connections.
     *
     * @return connections ready to be acquired
     */
    int getIdleSize();

    /**
     * Returns the connections in use (lent, or being reset after release).
     *
     * @return connections not available
     */
    int getInUseSize();

    /**
     * Returns the acquires waiting for a connection.
     *
     * @return pending acquires
     */
    int getPendingAcquires();

    /**
     * Returns how many acquires succeeded.
     *
     * @return a count that only grows
     */
    long getAcquireCount();

    /**
     * Returns the time successful acquires waited, summed.
     *
     * @return the total acquire time; divide by {@link #getAcquireCount()} for the mean
     */
    Duration getAcquireTime();

    /**
     * Returns the time connections were held by their users, summed over releases.
     *
     * @return the total usage time
     */
    Duration getUsageTime();

    /**
     * Returns how many acquires timed out.
     *
     * @return a count that only grows
     */
    long getTimeoutCount();

    /**
     * Returns how many connections the pool opened.
     *
     * @return a count that only grows
     */
    long getCreatedCount();

    /**
     * Returns how many connections the pool closed or lost.
     *
     * @return a count that only grows
     */
    long getClosedCount();

    /**
     * Returns how many attempts to open a connection failed.
     *
     * @return a count that only grows
     */
    long getConnectFailureCount();

    /**
     * Returns how many connections were held past {@link PoolOptions#leakDetectionThreshold()}.
     *
     * @return a count that only grows
     */
    long getLeakCount();
}
