package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;

/**
 * {@code timetz} ↔ {@link OffsetTime}: a signed 64-bit count of microseconds since midnight (0 to
 * 24:00:00 inclusive) followed by the zone as a signed 32-bit count of seconds <em>west</em> of
 * UTC ({@code timetz_send}), the opposite sign of {@link ZoneOffset}. 24:00:00 decodes to
 * {@link LocalTime#MAX} at its offset, and {@code LocalTime.MAX} encodes back to 24:00:00, as for
 * {@code time}.
 */
final class TimetzCodec extends AbstractCodec implements TupleFormat {

    static final TimetzCodec INSTANCE = new TimetzCodec();

    private static final long MICROS_PER_DAY = 86_400_000_000L;
    /** {@code TZDISP_LIMIT}: PostgreSQL accepts zones up to 15:59:59 either side of UTC. */
    private static final int MAX_ZONE_SECONDS = 15 * 3600 + 59 * 60 + 59;

    private TimetzCodec() {
        super(Oids.TIMETZ, "timetz", OffsetTime.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        Object[] fields = decodeTuple(buf, offset, length);
        long micros = (Long) fields[0];
        int west = (Integer) fields[1];
        LocalTime time = micros == MICROS_PER_DAY ? LocalTime.MAX : LocalTime.ofNanoOfDay(micros * PostgresEpoch.NANOS_PER_MICRO);
        return OffsetTime.of(time, ZoneOffset.ofTotalSeconds(-west));
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (!(value instanceof OffsetTime)) {
            throw EncodeException.wrongType("OffsetTime", value);
        }
        OffsetTime time = (OffsetTime) value;
        long nanos = time.toLocalTime().toNanoOfDay();
        out.writeLong((nanos + PostgresEpoch.NANOS_PER_MICRO / 2) / PostgresEpoch.NANOS_PER_MICRO);
        out.writeInt(-time.getOffset().getTotalSeconds());
    }

    @Override
    public Object[] decodeTuple(byte[] buf, int offset, int length) {
        DecodeException.checkLength("timetz", length, 12);
        long micros = Bytes.getLong(buf, offset);
        if (micros < 0 || micros > MICROS_PER_DAY) {
            throw new DecodeException("timetz value: " + micros + " (expected: 0.." + MICROS_PER_DAY + " µs)");
        }
        int west = Bytes.getInt(buf, offset + 8);
        if (west < -MAX_ZONE_SECONDS || west > MAX_ZONE_SECONDS) {
            throw new DecodeException("timetz zone: " + west + " s (expected: -" + MAX_ZONE_SECONDS + ".."
                    + MAX_ZONE_SECONDS + ")");
        }
        return new Object[] {micros, west};
    }

    @Override
    public void encodeTuple(Object[] tuple, ByteBuf out) {
        TupleFormat.checkArity(tuple, 2, "timetz", "(microseconds since midnight, seconds west of UTC)");
        out.writeLong(TupleFormat.longAt(tuple, 0));
        out.writeInt(TupleFormat.intAt(tuple, 1));
    }
}
