package dev.tusk.internal.codec;

import dev.tusk.Column;

/** The public {@link Column} of a value whose type and codec are known. */
public final class CodecColumns {

    private CodecColumns() {
    }

    /**
     * @param codec       the codec that decodes the column's values, or null for a type Tusk has none for
     * @param withoutCodec the class of the values when there is no codec (they are read as text, or as bytes)
     */
    public static Column of(String name, int typeOid, Codec codec, Class<?> withoutCodec) {
        return new Column(name, Integer.toUnsignedLong(typeOid), codec == null ? null : codec.typeName(),
                codec == null ? withoutCodec : codec.javaType(), ArrayElements.javaType(codec));
    }
}
