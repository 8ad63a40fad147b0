package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * {@code bytea} ↔ {@code byte[]}: the bytes as they are. Also takes a {@link ByteBuffer}, whose
 * remaining bytes are written without moving its position.
 */
final class ByteaCodec extends AbstractCodec {

    static final ByteaCodec INSTANCE = new ByteaCodec();

    private ByteaCodec() {
        super(Oids.BYTEA, "bytea", byte[].class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        return Arrays.copyOfRange(buf, offset, offset + length);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (value instanceof byte[]) {
            out.writeBytes((byte[]) value);
        } else if (value instanceof ByteBuffer) {
            out.writeBytes(((ByteBuffer) value).duplicate());
        } else {
            throw EncodeException.wrongType("byte[] or ByteBuffer", value);
        }
    }
}
