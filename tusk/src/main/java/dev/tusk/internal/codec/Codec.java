package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * Encodes and decodes one PostgreSQL type, in binary format unless {@link #format()} says text.
 * Stateless and thread-safe.
 */
public interface Codec {

    /** The wire format code of text values. */
    int TEXT_FORMAT = 0;

    /** The wire format code of binary values. */
    int BINARY_FORMAT = 1;

    /** The type's OID. */
    int oid();

    /** PostgreSQL's name for the type, e.g. {@code "int4"}. */
    String typeName();

    /** The Java type that {@link #decode} returns, e.g. {@code Integer.class}. */
    Class<?> javaType();

    /**
     * Decodes a non-NULL binary value of {@code length} bytes at {@code offset}.
     *
     * @throws DecodeException on malformed input (wrong length, out-of-range content)
     */
    Object decode(byte[] buf, int offset, int length);

    /**
     * Writes the binary form of a non-null {@code value}, without the 4-byte length prefix.
     *
     * @throws EncodeException when the value's Java type or range does not fit the type
     */
    void encode(Object value, ByteBuf out);

    /**
     * The wire format this codec reads and writes: {@link #BINARY_FORMAT} for every built-in codec,
     * {@link #TEXT_FORMAT} for a user's text-format codec, whose {@code decode} gets the UTF-8
     * text and whose {@code encode} writes it. Column and parameter format codes must follow it.
     */
    default int format() {
        return BINARY_FORMAT;
    }
}
