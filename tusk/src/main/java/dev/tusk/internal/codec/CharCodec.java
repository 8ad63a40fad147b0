package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * The single-byte {@code "char"} type ↔ a {@link String} of one character. PostgreSQL treats the
 * value as a raw byte, not as a character of the client encoding, so the byte maps to the
 * character with the same code (ISO-8859-1) both ways and every byte reads and writes back
 * unchanged; the server prints bytes above 0x7F as octal escapes ({@code \351}). The zero byte,
 * which PostgreSQL prints as an empty string, decodes to {@code ""}, and {@code ""} encodes to it.
 */
final class CharCodec extends AbstractCodec {

    static final CharCodec INSTANCE = new CharCodec();

    private static final String[] LATIN1 = new String[256];

    static {
        LATIN1[0] = "";
        for (int i = 1; i < LATIN1.length; i++) {
            LATIN1[i] = String.valueOf((char) i);
        }
    }

    private CharCodec() {
        super(Oids.CHAR, "char", String.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("\"char\"", length, 1);
        return LATIN1[buf[offset] & 0xFF];
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        int c;
        if (value instanceof Character) {
            c = (Character) value;
        } else if (value instanceof CharSequence && ((CharSequence) value).length() <= 1) {
            CharSequence text = (CharSequence) value;
            c = text.length() == 0 ? 0 : text.charAt(0);
        } else if (value instanceof CharSequence) {
            throw new EncodeException("\"char\" holds one character, got a String of length "
                    + ((CharSequence) value).length());
        } else {
            throw EncodeException.wrongType("Character or a String of one character", value);
        }
        if (c > 0xFF) {
            throw new EncodeException("\"char\" holds one byte, and character U+" + String.format("%04X", c)
                    + " is outside ISO-8859-1 (U+0000..U+00FF)");
        }
        out.writeByte(c);
    }
}
