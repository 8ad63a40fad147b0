package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * {@code jsonb} and {@code jsonpath} ↔ {@link String}: their binary form is a version byte (1,
 * the only one PostgreSQL has defined) followed by the text in UTF-8. The server parses and
 * normalises the text.
 */
final class JsonbCodec extends AbstractCodec {

    static final JsonbCodec INSTANCE = new JsonbCodec(Oids.JSONB, "jsonb");
    static final JsonbCodec JSONPATH = new JsonbCodec(Oids.JSONPATH, "jsonpath");

    private static final byte VERSION = 1;


    private JsonbCodec(int oid, String typeName) {
        super(oid, typeName, String.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkMinLength(typeName(), length, 1);
        if (buf[offset] != VERSION) {
            throw new DecodeException(typeName() + " version: " + buf[offset] + " (expected: " + VERSION + ")");
        }
        return new String(buf, offset + 1, length - 1, StandardCharsets.UTF_8);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        int start = out.writerIndex();
        out.writeByte(VERSION);
        try {
            TextCodec.writeText(value, typeName(), out);
        } catch (EncodeException e) {
            out.writerIndex(start);
            throw e;
        }
    }
}
