package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/** {@code int4} ↔ {@link Integer}: a big-endian signed 32-bit integer. */
final class Int4Codec extends AbstractCodec {

    static final Int4Codec INSTANCE = new Int4Codec();

    private Int4Codec() {
        super(Oids.INT4, "int4", Integer.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("int4", length, 4);
        return Bytes.getInt(buf, offset);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        out.writeInt(value instanceof Integer ? (Integer) value
                : (int) IntegerArguments.exactValue(value, "int4", Integer.MIN_VALUE, Integer.MAX_VALUE));
    }
}
