package dev.tusk.internal.codec;

/** A binary value received from the server does not have the form its type prescribes. */
public final class DecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Creates an exception whose message states what was wrong and the bound it broke. */
    public DecodeException(String message) {
        super(message);
    }

    /** A fixed-length value arrived with another length: {@code "int4 value length: 3 (expected: 4)"}. */
    static DecodeException wrongLength(String typeName, int length, int expected) {
        return new DecodeException(typeName + " value length: " + length + " (expected: " + expected + ")");
    }

    /** Throws {@link #wrongLength} unless {@code length == expected}. */
    static void checkLength(String typeName, int length, int expected) {
        if (length != expected) {
            throw wrongLength(typeName, length, expected);
        }
    }

    /** Throws unless {@code length >= min}: {@code "bit value length: 3 (expected: >= 4)"}. */
    static void checkMinLength(String typeName, int length, int min) {
        if (length < min) {
            throw new DecodeException(typeName + " value length: " + length + " (expected: >= " + min + ")");
        }
    }
}
