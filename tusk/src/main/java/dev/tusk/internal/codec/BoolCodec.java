package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/** {@code bool} ↔ {@link Boolean}: one byte, non-zero meaning true (as {@code boolrecv} reads it). */
final class BoolCodec extends AbstractCodec {

    static final BoolCodec INSTANCE = new BoolCodec();

    private BoolCodec() {
        super(Oids.BOOL, "bool", Boolean.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("bool", length, 1);
        return buf[offset] != 0;
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (!(value instanceof Boolean)) {
            throw EncodeException.wrongType("Boolean", value);
        }
        out.writeByte((Boolean) value ? 1 : 0);
    }
}
