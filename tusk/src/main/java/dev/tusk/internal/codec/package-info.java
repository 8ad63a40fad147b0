/**
 * Binary-format codecs for PostgreSQL's built-in types, one class per type family, and the
 * {@link dev.tusk.internal.codec.CodecRegistry} that finds them by type OID.
 *
 * <p>Each codec follows the server's {@code *_send} and {@code *_recv} functions in
 * {@code src/backend/utils/adt/}. Decoding reads straight from the DataRow's byte array and checks
 * every length and field against its bound, throwing
 * {@link dev.tusk.internal.codec.DecodeException}; encoding writes into the Bind message's buffer
 * and refuses a Java value of the wrong type or range with
 * {@link dev.tusk.internal.codec.EncodeException} before the server sees it.
 */
package dev.tusk.internal.codec;
