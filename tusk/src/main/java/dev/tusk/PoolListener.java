package dev.tusk;

import dev.tusk.exceptions.PoolTimeoutException;
import java.time.Duration;

/**
 * Receives a pool's events as they happen, e.g. to feed a metrics registry. Every method does
 * nothing by default. Methods are called on I/O threads or the pool's timer thread: they must
 * return quickly and never block. An exception thrown by a method is logged and otherwise ignored.
 */
public interface PoolListener {

    /**
     * A connection was opened (and initialized) and joined the pool.
     *
     * @param connection the new connection
     */
    default void connectionCreated(Connection connection) {
    }

    /**
     * A connection left the pool: closed by the pool (retired, broken, pool closing) or lost.
     *
     * @param connection the connection
     */
    default void connectionClosed(Connection connection) {
    }

    /**
     * An attempt to open a connection failed.
     *
     * @param cause the failure
     */
    default void connectFailed(Throwable cause) {
    }

    /**
     * An acquire succeeded.
     *
     * @param waited how long it waited, setup included
     */
    default void acquired(Duration waited) {
    }

    /**
     * A connection was released.
     *
     * @param held how long its user held it
     */
    default void released(Duration held) {
    }

    /**
     * An acquire timed out.
     *
     * @param timeout the exception the acquirer receives, with the pool's statistics
     */
    default void acquireTimedOut(PoolTimeoutException timeout) {
    }

    /**
     * A connection has been held longer than {@link PoolOptions#leakDetectionThreshold()}. The
     * pool also logs a warning with the same stack.
     *
     * @param connection the connection held
     * @param held how long it has been held so far
     * @param acquiredAt a throwable whose stack trace is where the connection was acquired
     */
    default void leakSuspected(Connection connection, Duration held, Throwable acquiredAt) {
    }
}
