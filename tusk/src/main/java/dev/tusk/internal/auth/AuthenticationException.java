package dev.tusk.internal.auth;

/**
 * Authentication could not proceed or the server failed to prove itself: a malformed SCRAM
 * message, a nonce or signature mismatch, a mechanism neither side shares. The connection layer
 * wraps it in a client-side {@code 28000} error.
 *
 * <p>Messages name the offending value or bound but never contain the password, the salted
 * password or any key derived from it.
 */
public final class AuthenticationException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception whose message says what went wrong. */
    public AuthenticationException(String message) {
        super(message);
    }

    /** Creates an exception whose message says what went wrong, chaining the underlying failure. */
    public AuthenticationException(String message, Throwable cause) {
        super(message, cause);
    }
}
