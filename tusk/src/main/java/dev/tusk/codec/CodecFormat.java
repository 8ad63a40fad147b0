package dev.tusk.codec;

/** The form a {@link TypeCodec} works with, as asyncpg's {@code format} argument. */
public enum CodecFormat {
    /** The type's text form, a String, exchanged in text format on the wire. */
    TEXT,
    /** The type's binary form ({@code typsend}/{@code typreceive}), a byte[]. */
    BINARY,
    /**
     * The fields of the type's binary form as an {@code Object[]} of numbers, for types that have
     * one: {@code interval} (months, days, microseconds), {@code date} (days since 2000-01-01),
     * {@code time} (microseconds), {@code timetz} (microseconds, seconds west of UTC),
     * {@code timestamp} and {@code timestamptz} (microseconds since 2000-01-01).
     */
    TUPLE
}
