package dev.tusk.exceptions;

import java.time.Duration;

/**
 * Acquiring a connection from a pool ran past its timeout. The message states the pool's
 * statistics at that moment, e.g. {@code "acquiring a connection from the pool (total 10, idle 0,
 * in use 10, waiting 3) timed out after 5001 ms (timeout: 5000 ms)"}; when the pool's last attempt
 * to open a connection failed, that failure is the cause (the server is down, the password is
 * wrong, ...).
 */
public class PoolTimeoutException extends TuskTimeoutException {

    private final int total;
    private final int idle;
    private final int inUse;
    private final int waiting;

    /**
     * Creates the exception.
     *
     * @param timeout the acquire timeout
     * @param elapsed how long the acquire had waited
     * @param total connections open or being opened
     * @param idle connections idle in the pool
     * @param inUse connections handed out (or being reset after use)
     * @param waiting acquires waiting, this one included
     * @param cause the pool's last connect failure, or {@code null}
     */
    public PoolTimeoutException(Duration timeout, Duration elapsed, int total, int idle, int inUse, int waiting,
            Throwable cause) {
        super("acquiring a connection from the pool (total " + total + ", idle " + idle + ", in use " + inUse
                + ", waiting " + waiting + ")", timeout, elapsed, cause);
        this.total = total;
        this.idle = idle;
        this.inUse = inUse;
        this.waiting = waiting;
    }

    /**
     * Returns how many connections the pool held (open or being opened) when the acquire timed out.
     *
     * @return the pool's size
     */
    public int getTotal() {
        return total;
    }

    /**
     * Returns how many connections were idle when the acquire timed out.
     *
     * @return the idle connections
     */
    public int getIdle() {
        return idle;
    }

    /**
     * Returns how many connections were in use when the acquire timed out.
     *
     * @return the connections in use
     */
    public int getInUse() {
        return inUse;
    }

    /**
     * Returns how many acquires were waiting, this one included, when it timed out.
     *
     * @return the waiting acquires
     */
    public int getWaiting() {
        return waiting;
    }
}
