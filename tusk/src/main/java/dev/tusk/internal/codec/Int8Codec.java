package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/** {@code int8} ↔ {@link Long}: a big-endian signed 64-bit integer. */
final class Int8Codec extends AbstractCodec {

    static final Int8Codec INSTANCE = new Int8Codec();

    private Int8Codec() {
        super(Oids.INT8, "int8", Long.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("int8", length, 8);
        return Bytes.getLong(buf, offset);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        out.writeLong(value instanceof Long ? (Long) value
                : IntegerArguments.exactValue(value, "int8", Long.MIN_VALUE, Long.MAX_VALUE));
    }
}
