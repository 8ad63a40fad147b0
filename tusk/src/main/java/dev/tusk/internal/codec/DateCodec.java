package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import java.time.LocalDate;

/**
 * {@code date} ↔ {@link LocalDate}: a signed 32-bit count of days since 2000-01-01. PostgreSQL's
 * {@code infinity} and {@code -infinity} ({@code Integer.MAX_VALUE} and {@code MIN_VALUE}) map to
 * {@link LocalDate#MAX} and {@link LocalDate#MIN}.
 */
final class DateCodec extends AbstractCodec implements TupleFormat {

    static final DateCodec INSTANCE = new DateCodec();

    private DateCodec() {
        super(Oids.DATE, "date", LocalDate.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("date", length, 4);
        int days = Bytes.getInt(buf, offset);
        if (days == Integer.MAX_VALUE) {
            return LocalDate.MAX;
        }
        if (days == Integer.MIN_VALUE) {
            return LocalDate.MIN;
        }
        return LocalDate.ofEpochDay(days + PostgresEpoch.EPOCH_DAY_OFFSET);
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (!(value instanceof LocalDate)) {
            throw EncodeException.wrongType("LocalDate", value);
        }
        LocalDate date = (LocalDate) value;
        if (date.equals(LocalDate.MAX)) {
            out.writeInt(Integer.MAX_VALUE);
            return;
        }
        if (date.equals(LocalDate.MIN)) {
            out.writeInt(Integer.MIN_VALUE);
            return;
        }
        long days = date.toEpochDay() - PostgresEpoch.EPOCH_DAY_OFFSET;
        if (days < PostgresEpoch.MIN_DATE || days >= PostgresEpoch.END_DATE) {
            throw EncodeException.outOfRange(date, "date", PostgresEpoch.DATE_RANGE);
        }
        out.writeInt((int) days);
    }

    @Override
    public Object[] decodeTuple(byte[] buf, int offset, int length) {
        DecodeException.checkLength("date", length, 4);
        return new Object[] {Bytes.getInt(buf, offset)};
    }

    @Override
    public void encodeTuple(Object[] tuple, ByteBuf out) {
        TupleFormat.checkArity(tuple, 1, "date", "(days since 2000-01-01)");
        out.writeInt(TupleFormat.intAt(tuple, 0));
    }
}
