package dev.tusk.exceptions;

import java.time.Duration;

/**
 * A query ran past its timeout. Tusk asks the server to cancel it; inside a transaction the
 * transaction is left failed and must be rolled back.
 */
public class QueryTimeoutException extends TuskTimeoutException {

    /**
     * Creates an exception whose message reads {@code "query timed out after 5012 ms (timeout: 5000 ms)"}.
     *
     * @param timeout the timeout the query was given
     * @param elapsed how long the query had run when it was abandoned
     */
    public QueryTimeoutException(Duration timeout, Duration elapsed) {
        super("query", timeout, elapsed, null);
    }
}
