package dev.tusk.codec;

import java.util.Objects;
import java.util.function.Function;

/**
 * A user's conversion between a Java type and a PostgreSQL type, the Java equivalent of asyncpg's
 * {@code set_type_codec(typename, encoder=, decoder=, format=)}. The encoder turns a query
 * argument into the type's {@link CodecFormat} form; the decoder turns that form into the Java
 * value a row returns. Both must be thread-safe and should be fast: they run for every value.
 *
 * <pre>{@code
 * conn.setTypeCodec("hstore", "public", TypeCodec.text(Map.class, Hstore::format, Hstore::parse));
 * conn.setTypeCodec("interval", "pg_catalog", TypeCodec.tuple(Duration.class,
 *         d -> new Object[] {0, 0, d.toNanos() / 1000},
 *         t -> Duration.ofNanos(((Number) t[2]).longValue() * 1000)));
 * }</pre>
 *
 * @param <T> the Java type
 */
public final class TypeCodec<T> {

    private final CodecFormat format;
    private final Class<T> javaType;
    private final Function<? super T, ?> encoder;
    private final Function<Object, ? extends T> decoder;

    @SuppressWarnings("unchecked")
    private TypeCodec(CodecFormat format, Class<T> javaType, Function<? super T, ?> encoder, Function<?, ? extends T> decoder) {
        this.format = format;
        this.javaType = Objects.requireNonNull(javaType, "javaType");
        this.encoder = Objects.requireNonNull(encoder, "encoder");
        this.decoder = (Function<Object, ? extends T>) Objects.requireNonNull(decoder, "decoder");
    }

    /** A codec exchanging the type's text form. */
    public static <T> TypeCodec<T> text(Class<T> javaType, Function<? super T, String> encoder,
            Function<String, ? extends T> decoder) {
        return new TypeCodec<>(CodecFormat.TEXT, javaType, encoder, decoder);
    }

    /** A codec exchanging the type's binary form. */
    public static <T> TypeCodec<T> binary(Class<T> javaType, Function<? super T, byte[]> encoder,
            Function<byte[], ? extends T> decoder) {
        return new TypeCodec<>(CodecFormat.BINARY, javaType, encoder, decoder);
    }

    /** A codec exchanging the fields of the type's binary form; see {@link CodecFormat#TUPLE}. */
    public static <T> TypeCodec<T> tuple(Class<T> javaType, Function<? super T, Object[]> encoder,
            Function<Object[], ? extends T> decoder) {
        return new TypeCodec<>(CodecFormat.TUPLE, javaType, encoder, decoder);
    }

    /** The form this codec works with. */
    public CodecFormat format() {
        return format;
    }

    /** The Java type of the values it encodes and decodes. */
    public Class<T> javaType() {
        return javaType;
    }

    /**
     * Converts a query argument, which must be a {@link #javaType()}, into this codec's form: a
     * String, byte[] or Object[].
     *
     * @throws IllegalArgumentException when {@code value} is not a {@link #javaType()}
     */
    public Object encode(Object value) {
        if (!javaType.isInstance(value)) {
            throw new IllegalArgumentException("expected " + javaType.getName() + ", got " + value.getClass().getName());
        }
        return encoder.apply(javaType.cast(value));
    }

    /** Converts this codec's form (a String, byte[] or Object[]) into the Java value. */
    public T decode(Object form) {
        return decoder.apply(form);
    }
}
