package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * {@code macaddr} (6 bytes) and {@code macaddr8} (8 bytes) ↔ {@link String} in PostgreSQL's
 * canonical text form, lower-case hexadecimal pairs joined by colons ({@code 08:00:2b:01:02:03}),
 * as asyncpg returns them. Encoding takes such a String with pairs separated by {@code :},
 * {@code -} or {@code .} or not at all, or the raw {@code byte[]}.
 */
final class MacaddrCodec extends AbstractCodec {

    static final MacaddrCodec MACADDR = new MacaddrCodec(Oids.MACADDR, "macaddr", 6);
    static final MacaddrCodec MACADDR8 = new MacaddrCodec(Oids.MACADDR8, "macaddr8", 8);

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final int size;

    private MacaddrCodec(int oid, String typeName, int size) {
        super(oid, typeName, String.class);
        this.size = size;
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength(typeName(), length, size);
        char[] text = new char[size * 3 - 1];
        for (int i = 0; i < size; i++) {
            int b = buf[offset + i] & 0xFF;
            if (i > 0) {
                text[i * 3 - 1] = ':';
            }
            text[i * 3] = HEX[b >>> 4];
            text[i * 3 + 1] = HEX[b & 0xF];
        }
        return new String(text);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (value instanceof byte[]) {
            byte[] bytes = (byte[]) value;
            if (bytes.length != size) {
                throw new EncodeException(typeName() + " takes " + size + " bytes, got " + bytes.length);
            }
            out.writeBytes(bytes);
            return;
        }
        if (!(value instanceof CharSequence)) {
            throw EncodeException.wrongType("String or byte[] of " + size + " bytes", value);
        }
        CharSequence text = (CharSequence) value;
        byte[] bytes = new byte[size];
        int digits = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int nibble = Character.digit(c, 16);
            if (nibble < 0 && (c == ':' || c == '-' || c == '.') && digits % 2 == 0) {
                continue;
            }
            if (nibble < 0 || digits == size * 2) {
                throw new EncodeException("not a " + typeName() + " of " + size + " hexadecimal pairs: "
                        + EncodeException.describeValue(text));
            }
            bytes[digits / 2] |= (byte) (nibble << (digits % 2 == 0 ? 4 : 0));
            digits++;
        }
        if (digits != size * 2) {
            throw new EncodeException("not a " + typeName() + " of " + size + " hexadecimal pairs: "
                    + EncodeException.describeValue(text));
        }
        out.writeBytes(bytes);
    }
}
