package dev.tusk.exceptions;

import java.time.Duration;
import java.util.Objects;

/**
 * A call ran past its timeout. The message states what timed out, the time it took and the
 * timeout it was given.
 *
 * <p>Named so as not to clash with {@link java.util.concurrent.TimeoutException}, which callers of
 * {@code CompletableFuture.get(timeout)} meet as well.
 */
public abstract class TuskTimeoutException extends TuskException {

    private final Duration timeout;
    private final Duration elapsed;

    /**
     * Creates an exception whose message reads {@code "<operation> timed out after 5012 ms (timeout: 5000 ms)"}.
     *
     * @param operation what timed out, e.g. {@code "query"}; must not contain secrets
     * @param timeout the timeout the call was given
     * @param elapsed how long the call had run when it was abandoned
     * @param cause the last failure seen before the deadline, or {@code null}
     */
    protected TuskTimeoutException(String operation, Duration timeout, Duration elapsed, Throwable cause) {
        super(operation + " timed out after " + Objects.requireNonNull(elapsed, "elapsed").toMillis()
                + " ms (timeout: " + Objects.requireNonNull(timeout, "timeout").toMillis() + " ms)", cause);
        this.timeout = timeout;
        this.elapsed = elapsed;
    }

    /**
     * Returns the timeout the call was given.
     *
     * @return the timeout
     */
    public Duration getTimeout() {
        return timeout;
    }

    /**
     * Returns how long the call had run when it was abandoned.
     *
     * @return the elapsed time
     */
    public Duration getElapsed() {
        return elapsed;
    }
}
