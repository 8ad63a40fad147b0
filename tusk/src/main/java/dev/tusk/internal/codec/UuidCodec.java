package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import java.util.UUID;

/**
 * {@code uuid} ↔ {@link UUID}: 16 bytes, most significant first. Also takes a String in the
 * canonical 8-4-4-4-12 hex form; {@link UUID#fromString} is not used because it accepts
 * abbreviated groups such as {@code "1-2-3-4-5"}.
 */
final class UuidCodec extends AbstractCodec {

    static final UuidCodec INSTANCE = new UuidCodec();

    private static final int CANONICAL_LENGTH = 36;

    private UuidCodec() {
        super(Oids.UUID, "uuid", UUID.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("uuid", length, 16);
        return new UUID(Bytes.getLong(buf, offset), Bytes.getLong(buf, offset + 8));
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        UUID uuid;
        if (value instanceof UUID) {
            uuid = (UUID) value;
        } else if (value instanceof String) {
            uuid = parseCanonical((String) value);
        } else {
            throw EncodeException.wrongType("UUID or a String in canonical UUID form", value);
        }
        out.writeLong(uuid.getMostSignificantBits());
        out.writeLong(uuid.getLeastSignificantBits());
    }

    private static UUID parseCanonical(String text) {
        if (text.length() != CANONICAL_LENGTH) {
            throw notCanonical(text);
        }
        long high = 0;
        long low = 0;
        int digits = 0;
        for (int i = 0; i < CANONICAL_LENGTH; i++) {
            char c = text.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    throw notCanonical(text);
                }
                continue;
            }
            int nibble = Character.digit(c, 16);
            if (nibble < 0 || c > 'f') {
                throw notCanonical(text);
            }
            if (digits < 16) {
                high = high << 4 | nibble;
            } else {
                low = low << 4 | nibble;
            }
            digits++;
        }
        return new UUID(high, low);
    }

    /** The text is not echoed: a String bound to the wrong parameter may hold anything, secrets included. */
    private static EncodeException notCanonical(String text) {
        return new EncodeException("expected a UUID as 8-4-4-4-12 hex digits, got a String of length " + text.length()
                + " in another form");
    }
}
