package dev.tusk.exceptions;

/**
 * The API was misused: a call on a closed connection, the wrong number of query arguments, an
 * invalid option, a column that does not exist. The server is not involved. This is asyncpg's
 * {@code InterfaceError}.
 */
public class InterfaceException extends TuskException {

    /**
     * Creates an exception with a message and no cause.
     *
     * @param message what was misused, naming the offending value
     */
    public InterfaceException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the failure that revealed the misuse.
     *
     * @param message what was misused, naming the offending value
     * @param cause the underlying failure, or {@code null}
     */
    public InterfaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
