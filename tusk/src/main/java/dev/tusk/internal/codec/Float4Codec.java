package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * {@code float4} ↔ {@link Float}: IEEE 754 single precision, bits passed unchanged so that NaN,
 * the infinities and -0.0 survive. Any other {@link Number} is narrowed as PostgreSQL's casts
 * would, but a finite value too large for a float is refused instead of becoming infinity.
 */
final class Float4Codec extends AbstractCodec {

    static final Float4Codec INSTANCE = new Float4Codec();

    private Float4Codec() {
        super(Oids.FLOAT4, "float4", Float.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("float4", length, 4);
        return Float.intBitsToFloat(Bytes.getInt(buf, offset));
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (value instanceof Float) {
            out.writeInt(Float.floatToRawIntBits((Float) value));
            return;
        }
        if (!(value instanceof Number)) {
            throw EncodeException.wrongType("Float, Double or another Number", value);
        }
        double wide = ((Number) value).doubleValue();
        float narrow = (float) wide;
        if (Float.isInfinite(narrow) && !Double.isInfinite(wide)) {
            throw EncodeException.outOfRange(value, "float4", "[-3.4028235E38, 3.4028235E38]");
        }
        out.writeInt(Float.floatToRawIntBits(narrow));
    }
}
