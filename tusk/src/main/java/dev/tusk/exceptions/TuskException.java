package dev.tusk.exceptions;

/**
 * The root of every exception Tusk throws; catching it catches them all.
 *
 * <p>Tusk throws one of its subclasses: {@link PostgresException} (with one generated subclass per
 * SQLSTATE) for errors the server reports or that Tusk raises on its behalf,
 * {@link InterfaceException} for misuse of the API, and {@link TuskTimeoutException} when a call
 * runs past its timeout. All are unchecked.
 */
public abstract class TuskException extends RuntimeException {

    /**
     * Creates an exception with a message and no cause.
     *
     * @param message what went wrong
     */
    protected TuskException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and the failure that led to it.
     *
     * @param message what went wrong
     * @param cause the underlying failure, or {@code null}
     */
    protected TuskException(String message, Throwable cause) {
        super(message, cause);
    }
}
