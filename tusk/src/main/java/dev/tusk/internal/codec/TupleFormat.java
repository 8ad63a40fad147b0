package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * The "tuple" form of a type for custom codecs (asyncpg's {@code format='tuple'}): the binary
 * value's fields as numbers, e.g. {@code (months, days, microseconds)} for {@code interval}, so
 * that a user's codec can build its own Java type without parsing bytes.
 */
public interface TupleFormat {

    /** The fields of a non-NULL binary value. */
    Object[] decodeTuple(byte[] buf, int offset, int length);

    /** Writes the binary value whose fields are {@code tuple}. */
    void encodeTuple(Object[] tuple, ByteBuf out);

    /** Refuses a tuple of another length, naming the fields expected. */
    static void checkArity(Object[] tuple, int arity, String typeName, String fields) {
        if (tuple == null || tuple.length != arity) {
            throw new EncodeException(typeName + " tuple has " + (tuple == null ? "no" : tuple.length)
                    + " fields (expected: " + fields + ")");
        }
    }

    /** The field at {@code index} as a long; it must be an integral number. */
    static long longAt(Object[] tuple, int index) {
        return IntegerArguments.exactValue(tuple[index], "tuple field " + index, Long.MIN_VALUE, Long.MAX_VALUE);
    }

    /** The field at {@code index} as an int; it must be an integral number within int range. */
    static int intAt(Object[] tuple, int index) {
        return (int) IntegerArguments.exactValue(tuple[index], "tuple field " + index, Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
}
