/**
 * The public SPI for custom type codecs, as asyncpg's {@code set_type_codec}: a {@link
 * dev.tusk.codec.TypeCodec} converts between a Java type and a PostgreSQL type's text form, binary
 * form, or "tuple" of binary fields ({@link dev.tusk.codec.CodecFormat}).
 */
package dev.tusk.codec;
