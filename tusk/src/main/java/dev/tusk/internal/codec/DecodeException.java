package dev.tusk.internal.codec;

/** A binary value received from the server does not have the form its type prescribes. */
public final class DecodeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final boolean typeChanged;

    /** Creates an exception whose message states what was wrong and the bound it broke. */
    public DecodeException(String message) {
        this(message, false);
    }

    private DecodeException(String message, boolean typeChanged) {
        super(message);
        this.typeChanged = typeChanged;
    }

    /**
     * A well-formed value of a type that changed on the server since Tusk looked it up (a
     * composite with an attribute added, dropped or retyped by ALTER TYPE).
     */
    static DecodeException typeChanged(String message) {
        return new DecodeException(message, true);
    }

    /** Whether the value shows that its type changed on the server rather than being malformed. */
    public boolean typeChanged() {
        return typeChanged;
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
