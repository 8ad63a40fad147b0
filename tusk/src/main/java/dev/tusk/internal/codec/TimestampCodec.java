package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * {@code timestamp} ↔ {@link LocalDateTime}: a signed 64-bit count of microseconds since
 * 2000-01-01 00:00:00. {@code infinity} and {@code -infinity} ({@code Long.MAX_VALUE} and
 * {@code MIN_VALUE}) map to {@link LocalDateTime#MAX} and {@link LocalDateTime#MIN}. Encoding
 * rounds nanoseconds half up to the microsecond.
 */
final class TimestampCodec extends Int64TupleCodec {

    static final TimestampCodec INSTANCE = new TimestampCodec();

    private TimestampCodec() {
        super(Oids.TIMESTAMP, "timestamp", LocalDateTime.class, "(microseconds since 2000-01-01)");
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("timestamp", length, 8);
        long micros = Bytes.getLong(buf, offset);
        if (micros == Long.MAX_VALUE) {
            return LocalDateTime.MAX;
        }
        if (micros == Long.MIN_VALUE) {
            return LocalDateTime.MIN;
        }
        return PostgresEpoch.toLocalDateTime(micros);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (!(value instanceof LocalDateTime)) {
            throw EncodeException.wrongType("LocalDateTime", value);
        }
        LocalDateTime dateTime = (LocalDateTime) value;
        if (dateTime.equals(LocalDateTime.MAX)) {
            out.writeLong(Long.MAX_VALUE);
            return;
        }
        if (dateTime.equals(LocalDateTime.MIN)) {
            out.writeLong(Long.MIN_VALUE);
            return;
        }
        long micros = PostgresEpoch.toMicros(dateTime.toEpochSecond(ZoneOffset.UTC), dateTime.getNano());
        if (micros == Long.MIN_VALUE) {
            throw EncodeException.outOfRange(dateTime, "timestamp", PostgresEpoch.TIMESTAMP_RANGE);
        }
        out.writeLong(micros);
    }
}
