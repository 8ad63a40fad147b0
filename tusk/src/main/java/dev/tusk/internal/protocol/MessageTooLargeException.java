package dev.tusk.internal.protocol;

/** An outgoing message longer than the protocol allows; nothing of it is sent. */
public final class MessageTooLargeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MessageTooLargeException(long length) {
        super("message length: " + length + " (expected: <= " + Wire.MAX_OUTGOING_MESSAGE + ")");
    }
}
