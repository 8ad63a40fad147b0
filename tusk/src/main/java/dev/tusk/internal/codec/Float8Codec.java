package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * {@code float8} ↔ {@link Double}: IEEE 754 double precision, bits passed unchanged so that NaN,
 * the infinities and -0.0 survive. Any other {@link Number} is taken by its {@code doubleValue()},
 * but a finite value too large for a double is refused instead of becoming infinity.
 */
final class Float8Codec extends AbstractCodec {

    static final Float8Codec INSTANCE = new Float8Codec();

    private Float8Codec() {
        super(Oids.FLOAT8, "float8", Double.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("float8", length, 8);
        return Double.longBitsToDouble(Bytes.getLong(buf, offset));
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (value instanceof Double) {
            out.writeLong(Double.doubleToRawLongBits((Double) value));
            return;
        }
        if (value instanceof Float) {
            // Widening keeps NaN, the infinities and -0.0.
            out.writeLong(Double.doubleToRawLongBits((Float) value));
            return;
        }
        if (!(value instanceof Number)) {
            throw EncodeException.wrongType("Double, Float or another Number", value);
        }
        double wide = ((Number) value).doubleValue();
        if (Double.isInfinite(wide)) {
            // Other Number types have no infinity of their own: an infinite doubleValue() is an overflow.
            throw EncodeException.outOfRange(value, "float8", "[-1.7976931348623157E308, 1.7976931348623157E308]");
        }
        out.writeLong(Double.doubleToRawLongBits(wide));
    }
}
