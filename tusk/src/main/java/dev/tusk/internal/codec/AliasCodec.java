package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;

/**
 * Another codec under a different type: a domain (whose values have its base type's binary form;
 * the server checks the domain's constraints and reports violations as errors), or an extension
 * type declared to have a built-in type's binary form (asyncpg's {@code set_builtin_type_codec},
 * e.g. {@code citext} as {@code text}).
 */
final class AliasCodec extends AbstractCodec implements ContainerCodec {

    private final Codec target;
    /** A domain follows its base type's codec, custom ones included; a built-in alias stays fixed. */
    private final boolean domain;

    /** An extension type with a built-in type's binary form; a custom codec on that type does not reach it. */
    AliasCodec(int oid, String typeName, Codec target) {
        this(oid, typeName, target, false);
    }

    private AliasCodec(int oid, String typeName, Codec target, boolean domain) {
        super(oid, typeName, target.javaType());
        this.target = target;
        this.domain = domain;
    }

    /** A domain over the type whose codec is {@code base}. */
    static AliasCodec domain(int oid, String typeName, Codec base) {
        return new AliasCodec(oid, typeName, base, true);
    }

    @Override
    public int[] componentOids() {
        return domain ? new int[] {target.oid()} : new int[0];
    }

    @Override
    public Codec component(int index) {
        return target;
    }

    @Override
    public boolean needsBinaryComponents() {
        return false;
    }

    @Override
    public Codec withComponents(Codec[] components) {
        return new AliasCodec(oid(), typeName(), components[0], domain);
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
