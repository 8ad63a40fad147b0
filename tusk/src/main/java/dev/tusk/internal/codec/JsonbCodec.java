package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * {@code jsonb} ↔ {@link String}: its binary form is a version byte (1, the only one PostgreSQL
 * has defined) followed by the JSON text in UTF-8. The server parses and normalises the text.
 */
final class JsonbCodec implements Codec {

    static final JsonbCodec INSTANCE = new JsonbCodec();

    private static final byte VERSION = 1;

    private JsonbCodec() {
    }

    @Override
    public int oid() {
        return Oids.JSONB;
    }

    @Override
    public String typeName() {
        return "jsonb";
    }

    @Override
    public Class<?> javaType() {
        return String.class;
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        if (length < 1) {
            throw new DecodeException("jsonb value length: " + length + " (expected: >= 1)");
        }
        if (buf[offset] != VERSION) {
            throw new DecodeException("jsonb version: " + buf[offset] + " (expected: " + VERSION + ")");
        }
        return new String(buf, offset + 1, length - 1, StandardCharsets.UTF_8);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        int start = out.writerIndex();
        out.writeByte(VERSION);
        try {
            TextCodec.writeText(value, "jsonb", out);
        } catch (EncodeException e) {
            out.writerIndex(start);
            throw e;
        }
    }
}
