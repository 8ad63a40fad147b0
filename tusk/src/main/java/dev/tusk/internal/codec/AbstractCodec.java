package dev.tusk.internal.codec;

/**
 * The identity every codec carries, fixed when it is made: its type's OID, PostgreSQL's name for
 * the type and the Java type that {@link #decode} returns. The accessors are final so that the
 * per-value paths that read them compile to field loads.
 */
abstract class AbstractCodec implements Codec {

    private final int oid;
    private final String typeName;
    private final Class<?> javaType;

    AbstractCodec(int oid, String typeName, Class<?> javaType) {
        this.oid = oid;
        this.typeName = typeName;
        this.javaType = javaType;
    }

    @Override
    public final int oid() {
        return oid;
    }

    @Override
    public final String typeName() {
        return typeName;
    }

    @Override
    public final Class<?> javaType() {
        return javaType;
    }
}
