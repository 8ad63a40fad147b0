package dev.tusk.internal.codec;

import dev.tusk.types.Tid;
import io.netty.buffer.ByteBuf;

/** {@code tid} ↔ {@link Tid}: an unsigned 32-bit block number and an unsigned 16-bit offset. */
final class TidCodec extends AbstractCodec {

    static final TidCodec INSTANCE = new TidCodec();

    private TidCodec() {
        super(Oids.TID, "tid", Tid.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("tid", length, 6);
        return new Tid(Bytes.getInt(buf, offset) & 0xFFFF_FFFFL, Bytes.getUnsignedShort(buf, offset + 4));
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (!(value instanceof Tid)) {
            throw EncodeException.wrongType("Tid", value);
        }
        out.writeInt((int) ((Tid) value).block());
        out.writeShort(((Tid) value).offset());
    }
}
