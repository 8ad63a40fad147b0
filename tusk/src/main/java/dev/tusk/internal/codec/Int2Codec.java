package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/** {@code int2} ↔ {@link Short}: a big-endian signed 16-bit integer. */
final class Int2Codec extends AbstractCodec {

    static final Int2Codec INSTANCE = new Int2Codec();

    private Int2Codec() {
        super(Oids.INT2, "int2", Short.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("int2", length, 2);
        return Bytes.getShort(buf, offset);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        long v = IntegerArguments.exactValue(value, "int2", Short.MIN_VALUE, Short.MAX_VALUE);
        out.writeShort((int) v);
    }
}
