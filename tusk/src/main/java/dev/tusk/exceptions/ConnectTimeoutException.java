package dev.tusk.exceptions;

import java.time.Duration;

/**
 * Opening a connection (TCP connect, TLS handshake, authentication and start-up) ran past its
 * timeout. When an earlier attempt failed before the deadline, that failure is the cause.
 */
public class ConnectTimeoutException extends TuskTimeoutException {

    /**
     * Creates an exception whose message reads
     * {@code "connecting to db.example.com:5432 timed out after 10003 ms (timeout: 10000 ms)"}.
     *
     * @param address where Tusk was connecting, as {@code host:port} or a socket path; never a DSN,
     *     which may carry a password
     * @param timeout the connect timeout
     * @param elapsed how long the attempt had run when it was abandoned
     * @param cause the last connect failure seen before the deadline, or {@code null}
     */
    public ConnectTimeoutException(String address, Duration timeout, Duration elapsed, Throwable cause) {
        super("connecting to " + address, timeout, elapsed, cause);
    }
}
