package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * A codec whose binary value is one signed 64-bit count ({@code time}, {@code timestamp},
 * {@code timestamptz}), so that its tuple form is that count alone.
 */
abstract class Int64TupleCodec extends AbstractCodec implements TupleFormat {

    private final String tupleFields;

    /** {@code tupleFields} names the one field for error messages, e.g. {@code "(microseconds since midnight)"}. */
    Int64TupleCodec(int oid, String typeName, Class<?> javaType, String tupleFields) {
        super(oid, typeName, javaType);
        this.tupleFields = tupleFields;
    }

    @Override
    public final Object[] decodeTuple(byte[] buf, int offset, int length) {
        DecodeException.checkLength(typeName(), length, 8);
        return new Object[] {Bytes.getLong(buf, offset)};
    }

    @Override
    public final void encodeTuple(Object[] tuple, ByteBuf out) {
        TupleFormat.checkArity(tuple, 1, typeName(), tupleFields);
        out.writeLong(TupleFormat.longAt(tuple, 0));
    }
}
