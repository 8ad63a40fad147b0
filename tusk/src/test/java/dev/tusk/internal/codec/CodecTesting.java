package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;

/** Encodes and decodes through a codec the way the connection does, releasing every buffer. */
final class CodecTesting {

    /** Bytes placed before and after a value so that decoding must honour offset and length. */
    private static final int PADDING = 3;

    private CodecTesting() {
    }

    /** The bytes {@code codec} writes for {@code value}. */
    static byte[] encode(Codec codec, Object value) {
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encode(value, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    /** Decodes {@code value} from the middle of a larger array, as a DataRow presents it. */
    static Object decode(Codec codec, byte[] value) {
        byte[] row = new byte[value.length + 2 * PADDING];
        Arrays.fill(row, (byte) 0x7F);
        System.arraycopy(value, 0, row, PADDING, value.length);
        return codec.decode(row, PADDING, value.length);
    }

    /** Decodes what {@code codec} encoded for {@code value}. */
    static Object roundTrip(Codec codec, Object value) {
        return decode(codec, encode(codec, value));
    }

    /** The bytes written as hex pairs, e.g. {@code "00 00 00 01"}, for readable expectations. */
    static byte[] hex(String pairs) {
        return ByteBufUtil.decodeHexDump(pairs.replace(" ", ""));
    }

    /** The bytes as hex pairs separated by spaces. */
    static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            if (text.length() > 0) {
                text.append(' ');
            }
            text.append(String.format("%02x", b & 0xFF));
        }
        return text.toString();
    }
}
