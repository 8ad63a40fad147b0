package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/** Encodes and decodes one PostgreSQL type in binary format. Stateless and thread-safe. */
public interface Codec {

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
}
