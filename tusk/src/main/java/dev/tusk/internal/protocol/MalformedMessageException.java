package dev.tusk.internal.protocol;

/**
 * A backend message that breaks the protocol: a bad length, a missing terminator, an unknown
 * type, or a message that is unexpected in the current state. The connection that sees one closes.
 */
public final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MalformedMessageException(String message) {
        super(message, null, false, false);
    }
}
