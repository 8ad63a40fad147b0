package dev.tusk.internal.codec;

import dev.tusk.types.BitString;
import io.netty.buffer.ByteBuf;
import java.util.Arrays;

/**
 * {@code bit} and {@code varbit} ↔ {@link BitString} ({@code bit_send}): a signed 32-bit count of
 * bits followed by the bits packed most significant first, the last byte padded with zeros.
 * Encoding also takes a String of {@code '0'} and {@code '1'}.
 */
final class BitStringCodec extends AbstractCodec {

    static final BitStringCodec BIT = new BitStringCodec(Oids.BIT, "bit");
    static final BitStringCodec VARBIT = new BitStringCodec(Oids.VARBIT, "varbit");


    private BitStringCodec(int oid, String typeName) {
        super(oid, typeName, BitString.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkMinLength(typeName(), length, 4);
        int bits = Bytes.getInt(buf, offset);
        if (bits < 0 || (bits + 7L) / 8 != length - 4) {
            throw new DecodeException(typeName() + " bit count: " + bits + " (expected: " + (length - 4) * 8L
                    + " or up to 7 fewer, for " + (length - 4) + " bytes)");
        }
        return BitString.fromBytes(Arrays.copyOfRange(buf, offset + 4, offset + length), bits);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        BitString bits;
        if (value instanceof BitString) {
            bits = (BitString) value;
        } else if (value instanceof CharSequence) {
            try {
                bits = BitString.of(value.toString());
            } catch (IllegalArgumentException e) {
                throw new EncodeException(e.getMessage());
            }
        } else {
            throw EncodeException.wrongType("BitString or a String of 0 and 1", value);
        }
        out.writeInt(bits.length());
        out.writeBytes(bits.toByteArray());
    }
}
