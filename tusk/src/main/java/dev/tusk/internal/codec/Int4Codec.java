package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/** {@code int4} ↔ {@link Integer}: a big-endian signed 32-bit integer. */
final class Int4Codec implements Codec {

    static final Int4Codec INSTANCE = new Int4Codec();

    private Int4Codec() {
    }

    @Override
    public int oid() {
        return Oids.INT4;
    }

    @Override
    public String typeName() {
        return "int4";
    }

    @Override
    public Class<?> javaType() {
        return Integer.class;
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("int4", length, 4);
        return Bytes.getInt(buf, offset);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (value instanceof Integer) {
            out.writeInt((Integer) value);
            return;
        }
        long v = IntegerArguments.exactValue(value, "int4", Integer.MIN_VALUE, Integer.MAX_VALUE);
        out.writeInt((int) v);
    }
}
