package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/** {@code int8} ↔ {@link Long}: a big-endian signed 64-bit integer. */
final class Int8Codec implements Codec {

    static final Int8Codec INSTANCE = new Int8Codec();

    private Int8Codec() {
    }

    @Override
    public int oid() {
        return Oids.INT8;
    }

    @Override
    public String typeName() {
        return "int8";
    }

    @Override
    public Class<?> javaType() {
        return Long.class;
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("int8", length, 8);
        return Bytes.getLong(buf, offset);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (value instanceof Long) {
            out.writeLong((Long) value);
            return;
        }
        long v = IntegerArguments.exactValue(value, "int8", Long.MIN_VALUE, Long.MAX_VALUE);
        out.writeLong(v);
    }
}
