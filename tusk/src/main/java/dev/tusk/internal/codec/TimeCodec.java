package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import java.time.LocalTime;

/**
 * {@code time} ↔ {@link LocalTime}: a signed 64-bit count of microseconds since midnight, from 0
 * to 24:00:00 inclusive. PostgreSQL's 24:00:00 has no LocalTime and decodes to
 * {@link LocalTime#MAX} (23:59:59.999999999); encoding rounds nanoseconds half up to the
 * microsecond as pgjdbc does, so LocalTime.MAX (and anything from 23:59:59.9999995) becomes
 * 24:00:00 again.
 */
final class TimeCodec extends Int64TupleCodec {

    static final TimeCodec INSTANCE = new TimeCodec();

    private static final long MICROS_PER_DAY = 86_400_000_000L;

    private TimeCodec() {
        super(Oids.TIME, "time", LocalTime.class, "(microseconds since midnight)");
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("time", length, 8);
        long micros = Bytes.getLong(buf, offset);
        if (micros < 0 || micros > MICROS_PER_DAY) {
            throw new DecodeException("time value: " + micros + " (expected: 0.." + MICROS_PER_DAY + " µs)");
        }
        if (micros == MICROS_PER_DAY) {
            return LocalTime.MAX;
        }
        return LocalTime.ofNanoOfDay(micros * PostgresEpoch.NANOS_PER_MICRO);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (!(value instanceof LocalTime)) {
            throw EncodeException.wrongType("LocalTime", value);
        }
        long nanos = ((LocalTime) value).toNanoOfDay();
        out.writeLong((nanos + PostgresEpoch.NANOS_PER_MICRO / 2) / PostgresEpoch.NANOS_PER_MICRO);
    }
}
