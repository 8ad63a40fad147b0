package dev.tusk.internal.codec;

import dev.tusk.types.Interval;
import io.netty.buffer.ByteBuf;
import java.time.Duration;
import java.time.Period;

/**
 * {@code interval} ↔ {@link Interval}: a signed 64-bit count of microseconds, then 32-bit days,
 * then 32-bit months ({@code interval_send}), each kept apart. Encoding also takes a
 * {@link Duration} (as microseconds, rounded half up) and a {@link Period} (as months and days).
 */
final class IntervalCodec extends AbstractCodec implements TupleFormat {

    static final IntervalCodec INSTANCE = new IntervalCodec();

    private IntervalCodec() {
        super(Oids.INTERVAL, "interval", Interval.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("interval", length, 16);
        return new Interval(Bytes.getInt(buf, offset + 12), Bytes.getInt(buf, offset + 8), Bytes.getLong(buf, offset));
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        Interval interval;
        try {
            if (value instanceof Interval) {
                interval = (Interval) value;
            } else if (value instanceof Duration) {
                interval = Interval.of((Duration) value);
            } else if (value instanceof Period) {
                interval = Interval.of((Period) value);
            } else {
                throw EncodeException.wrongType("Interval, Duration or Period", value);
            }
        } catch (ArithmeticException e) {
            throw EncodeException.outOfRange(value, "interval", "(64-bit microseconds, 32-bit days and months)");
        }
        out.writeLong(interval.microseconds());
        out.writeInt(interval.days());
        out.writeInt(interval.months());
    }

    @Override
    public Object[] decodeTuple(byte[] buf, int offset, int length) {
        Interval interval = (Interval) decode(buf, offset, length);
        return new Object[] {interval.months(), interval.days(), interval.microseconds()};
    }

    @Override
    public void encodeTuple(Object[] tuple, ByteBuf out) {
        TupleFormat.checkArity(tuple, 3, "interval", "(months, days, microseconds)");
        encode(new Interval(TupleFormat.intAt(tuple, 0), TupleFormat.intAt(tuple, 1), TupleFormat.longAt(tuple, 2)), out);
    }
}
