package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * Another codec under a different type: a domain (whose values have its base type's binary form;
 * the server checks the domain's constraints and reports violations as errors), or an extension
 * type declared to have a built-in type's binary form (asyncpg's {@code set_builtin_type_codec},
 * e.g. {@code citext} as {@code text}).
 */
final class AliasCodec extends AbstractCodec {

    private final Codec target;

    AliasCodec(int oid, String typeName, Codec target) {
        super(oid, typeName, target.javaType());
        this.target = target;
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        return target.decode(buf, offset, length);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        target.encode(value, out);
    }

    @Override
    public int format() {
        return target.format();
    }
}
