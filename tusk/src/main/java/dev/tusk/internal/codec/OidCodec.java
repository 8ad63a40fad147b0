package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/** {@code oid} ↔ {@link Long}: an unsigned 32-bit integer, so values above 2^31 stay positive. */
final class OidCodec implements Codec {

    static final OidCodec INSTANCE = new OidCodec();

    private static final long MAX_OID = 0xFFFF_FFFFL;

    private OidCodec() {
    }

    @Override
    public int oid() {
        return Oids.OID;
    }

    @Override
    public String typeName() {
        return "oid";
    }

    @Override
    public Class<?> javaType() {
        return Long.class;
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("oid", length, 4);
        return Bytes.getInt(buf, offset) & MAX_OID;
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        out.writeInt((int) IntegerArguments.exactValue(value, "oid", 0, MAX_OID));
    }
}
