package dev.tusk.testkit;

/**
 * Thrown when the test kit cannot provide a server: the binaries could not be found or
 * downloaded, {@code initdb} failed, or the server did not start or stop in time. The message
 * says which step failed and carries the relevant command output or the tail of the server log.
 */
public class TempClusterException extends RuntimeException {

    /**
     * Creates an exception with a diagnostic message.
     *
     * @param message what failed, with the command output or log tail that explains it
     */
    public TempClusterException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a diagnostic message and the failure that caused it.
     *
     * @param message what failed
     * @param cause   the underlying failure
     */
    public TempClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
