package dev.tusk.internal.codec;

import dev.tusk.types.Money;
import io.netty.buffer.ByteBuf;

/**
 * {@code money} ↔ {@link Money} ({@code cash_send}): a big-endian signed 64-bit count of minor
 * currency units. Only {@link Money} is accepted as an argument: a bare number or
 * {@link java.math.BigDecimal} would need the server's {@code lc_monetary} scale, which the
 * client cannot know, so guessing it could silently multiply an amount by 100.
 */
final class MoneyCodec extends AbstractCodec {

    static final MoneyCodec INSTANCE = new MoneyCodec();

    private MoneyCodec() {
        super(Oids.MONEY, "money", Money.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkLength("money", length, 8);
        return new Money(Bytes.getLong(buf, offset));
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (!(value instanceof Money)) {
            throw EncodeException.wrongType("Money (e.g. Money.of(amount, fractionDigits)) for money", value);
        }
        out.writeLong(((Money) value).minorUnits());
    }
}
