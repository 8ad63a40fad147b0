package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * {@code void}, the result type of functions that return nothing: its binary form is empty and it
 * decodes to {@code null}, the only value it can have. No Java value encodes as void; a void
 * argument can only be NULL, which the caller writes without a codec.
 */
final class VoidCodec extends AbstractCodec {

    static final VoidCodec INSTANCE = new VoidCodec();

    private VoidCodec() {
        super(Oids.VOID, "void", Void.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("void", length, 0);
        return null;
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        throw new EncodeException("void takes no value other than null, got "
                + EncodeException.describeJavaType(value));
    }
}
