package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * {@code timestamptz} ↔ {@link OffsetDateTime} at UTC: a signed 64-bit count of microseconds since
 * 2000-01-01 00:00:00 UTC (the session's TimeZone only affects the text form). {@code infinity}
 * and {@code -infinity} map to {@link OffsetDateTime#MAX} and {@link OffsetDateTime#MIN}. Encoding
 * also takes {@link ZonedDateTime} and {@link Instant} (whose MAX and MIN also mean the
 * infinities) and rounds nanoseconds half up to the microsecond.
 */
final class TimestamptzCodec extends Int64TupleCodec {

    static final TimestamptzCodec INSTANCE = new TimestamptzCodec();

    private TimestamptzCodec() {
        super(Oids.TIMESTAMPTZ, "timestamptz", OffsetDateTime.class, "(microseconds since 2000-01-01 UTC)");
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("timestamptz", length, 8);
        long micros = Bytes.getLong(buf, offset);
        if (micros == Long.MAX_VALUE) {
            return OffsetDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return OffsetDateTime.MIN;
        }
        return OffsetDateTime.of(PostgresEpoch.toLocalDateTime(micros), ZoneOffset.UTC);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        long epochSecond;
        int nano;
        if (value instanceof OffsetDateTime) {
            OffsetDateTime dateTime = (OffsetDateTime) value;
            epochSecond = dateTime.toEpochSecond();
            nano = dateTime.getNano();
        } else if (value instanceof ZonedDateTime) {
            ZonedDateTime dateTime = (ZonedDateTime) value;
            epochSecond = dateTime.toEpochSecond();
            nano = dateTime.getNano();
        } else if (value instanceof Instant) {
            Instant instant = (Instant) value;
            epochSecond = instant.getEpochSecond();
            nano = instant.getNano();
        } else {
            throw EncodeException.wrongType("OffsetDateTime, ZonedDateTime or Instant", value);
        }
        if (value.equals(OffsetDateTime.MAX) || value.equals(Instant.MAX)) {
            out.writeLong(Long.MAX_VALUE);
            return;
        }
        if (value.equals(OffsetDateTime.MIN) || value.equals(Instant.MIN)) {
            out.writeLong(Long.MIN_VALUE);
            return;
        }
        long micros = PostgresEpoch.toMicros(epochSecond, nano);
        if (micros == Long.MIN_VALUE) {
            throw EncodeException.outOfRange(value, "timestamptz", PostgresEpoch.TIMESTAMP_RANGE + " UTC");
        }
        out.writeLong(micros);
    }
}
