package dev.tusk.internal.codec;

import io.netty.buffer.ByteBuf;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * {@code numeric} ↔ {@link BigDecimal}, keeping the display scale: {@code 1.50} comes back as
 * {@code 1.50}. The binary form ({@code numeric_send}) is four 16-bit words, ndigits, weight,
 * sign and dscale, followed by ndigits base-10000 digits, most significant first; the value is
 * {@code sum(digit[i] * 10000^(weight - i))} shown with dscale decimal places.
 *
 * <p>NaN, Infinity and -Infinity, which a BigDecimal cannot represent, decode to
 * {@link Double#NaN}, {@link Double#POSITIVE_INFINITY} and {@link Double#NEGATIVE_INFINITY}; so
 * {@link #decode} returns a BigDecimal or, for those three, a Double. Encoding takes BigDecimal,
 * BigInteger, Long, Integer, Short, Byte, Double and Float; a double or float is converted through
 * its shortest decimal string, so {@code 0.1} is sent as {@code 0.1}.
 */
final class NumericCodec extends AbstractCodec {

    static final NumericCodec INSTANCE = new NumericCodec();

    private static final int POSITIVE = 0x0000;
    private static final int NEGATIVE = 0x4000;
    private static final int NAN = 0xC000;
    private static final int POSITIVE_INFINITY = 0xD000;
    private static final int NEGATIVE_INFINITY = 0xF000;

    private static final int BASE = 10_000;
    private static final int DECIMALS_PER_DIGIT = 4;
    private static final int HEADER_LENGTH = 8;
    /** {@code NUMERIC_DSCALE_MASK}: the largest display scale a numeric can carry. */
    private static final int MAX_DSCALE = 0x3FFF;
    /** Up to this many base-10000 digits fit a long: 10^16 is below 2^63. */
    private static final int MAX_LONG_DIGITS = 4;
    private static final int[] POWERS_OF_TEN = {1, 10, 100, 1000};
    /** 10000^i: a long below 10^19 has at most five base-10000 digits. */
    private static final long[] POWERS_OF_BASE = {1L, 10_000L, 100_000_000L, 1_000_000_000_000L, 10_000_000_000_000_000L};
    /** BigDecimals of at most this many digits take the path without a String: 10^15 × 1000 fits a long. */
    private static final int COMPACT_PRECISION = 15;
    /** ... and a scale at most this large in either direction, so that the weight fits a short. */
    private static final int COMPACT_SCALE = MAX_DSCALE;

    private NumericCodec() {
        super(Oids.NUMERIC, "numeric", BigDecimal.class);
    }

    @Override
    public Object decode(byte[] buf, int offset, int length) {
        DecodeException.checkMinLength("numeric", length, HEADER_LENGTH);
        int ndigits = Bytes.getUnsignedShort(buf, offset);
        if (length != HEADER_LENGTH + 2 * ndigits) {
            throw new DecodeException("numeric value length: " + length + " (expected: " + (HEADER_LENGTH + 2 * ndigits)
                    + " for " + ndigits + " digits)");
        }
        int weight = Bytes.getShort(buf, offset + 2);
        int sign = Bytes.getUnsignedShort(buf, offset + 4);
        int dscale = Bytes.getUnsignedShort(buf, offset + 6);
        switch (sign) {
            case POSITIVE:
            case NEGATIVE:
                break;
            case NAN:
                return Double.NaN;
            case POSITIVE_INFINITY:
                return Double.POSITIVE_INFINITY;
            case NEGATIVE_INFINITY:
                return Double.NEGATIVE_INFINITY;
            default:
                throw new DecodeException("numeric sign: 0x" + Integer.toHexString(sign)
                        + " (expected: 0x0000, 0x4000, 0xc000, 0xd000 or 0xf000)");
        }
        if (dscale > MAX_DSCALE) {
            throw new DecodeException("numeric dscale: " + dscale + " (expected: <= " + MAX_DSCALE + ")");
        }
        BigDecimal magnitude = ndigits <= MAX_LONG_DIGITS
                ? smallMagnitude(buf, offset + HEADER_LENGTH, ndigits, weight)
                : largeMagnitude(buf, offset + HEADER_LENGTH, ndigits, weight);
        // Digits beyond dscale are cut off, as numeric_recv does with trunc_var.
        BigDecimal value = magnitude.setScale(dscale, RoundingMode.DOWN);
        return sign == NEGATIVE ? value.negate() : value;
    }

    /** The unsigned value of at most four digits, accumulated in a long. */
    private static BigDecimal smallMagnitude(byte[] buf, int start, int ndigits, int weight) {
        long unscaled = 0;
        for (int i = 0; i < ndigits; i++) {
            unscaled = unscaled * BASE + digit(buf, start, i);
        }
        return BigDecimal.valueOf(unscaled, -DECIMALS_PER_DIGIT * (weight - ndigits + 1));
    }

    /** The unsigned value of many digits, parsed from their decimal characters in one pass. */
    private static BigDecimal largeMagnitude(byte[] buf, int start, int ndigits, int weight) {
        char[] decimals = new char[ndigits * DECIMALS_PER_DIGIT];
        for (int i = 0; i < ndigits; i++) {
            int digit = digit(buf, start, i);
            for (int k = DECIMALS_PER_DIGIT - 1; k >= 0; k--) {
                decimals[i * DECIMALS_PER_DIGIT + k] = (char) ('0' + digit % 10);
                digit /= 10;
            }
        }
        return new BigDecimal(decimals).scaleByPowerOfTen(DECIMALS_PER_DIGIT * (weight - ndigits + 1));
    }

    private static int digit(byte[] buf, int start, int index) {
        int digit = Bytes.getShort(buf, start + 2 * index);
        if (digit < 0 || digit >= BASE) {
            throw new DecodeException("numeric digit " + index + ": " + digit + " (expected: 0.." + (BASE - 1) + ")");
        }
        return digit;
    }

    @Override
    public void encode(Object value, ByteBuf out) {
        if (value instanceof BigDecimal) {
            writeDecimal((BigDecimal) value, out);
        } else if (value instanceof Long || value instanceof Integer
                || value instanceof Short || value instanceof Byte) {
            long integer = ((Number) value).longValue();
            if (integer == 0 || integer == Long.MIN_VALUE) {
                writeDecimal(BigDecimal.valueOf(integer), out);
            } else {
                writeCompact(Math.abs(integer), integer < 0, 0, out);
            }
        } else if (value instanceof BigInteger) {
            writeDecimal(new BigDecimal((BigInteger) value), out);
        } else if (value instanceof Double || value instanceof Float) {
            writeFloatingPoint((Number) value, out);
        } else {
            throw EncodeException.wrongType("BigDecimal, BigInteger, Long, Integer, Short, Byte, Double or Float",
                    value);
        }
    }

    private static void writeFloatingPoint(Number value, ByteBuf out) {
        double d = value.doubleValue();
        if (Double.isNaN(d)) {
            writeSpecial(NAN, out);
        } else if (d == Double.POSITIVE_INFINITY) {
            writeSpecial(POSITIVE_INFINITY, out);
        } else if (d == Double.NEGATIVE_INFINITY) {
            writeSpecial(NEGATIVE_INFINITY, out);
        } else {
            // Float.toString gives the float's shortest decimal, not the widened double's.
            String decimal = value instanceof Float ? Float.toString((Float) value) : Double.toString(d);
            writeDecimal(new BigDecimal(decimal), out);
        }
    }

    private static void writeSpecial(int sign, ByteBuf out) {
        out.writeShort(0);
        out.writeShort(0);
        out.writeShort(sign);
        out.writeShort(0);
    }

    private static void writeDecimal(BigDecimal value, ByteBuf out) {
        int scale = value.scale();
        int dscale = Math.max(scale, 0);
        if (dscale > MAX_DSCALE) {
            throw new EncodeException("value " + EncodeException.describeValue(value) + " has scale " + scale
                    + ", more than numeric's maximum of " + MAX_DSCALE);
        }
        if (value.signum() == 0) {
            out.writeShort(0);
            out.writeShort(0);
            out.writeShort(POSITIVE);
            out.writeShort(dscale);
            return;
        }
        if (value.precision() <= COMPACT_PRECISION && Math.abs(scale) <= COMPACT_SCALE) {
            // scale 0 keeps BigDecimal's compact long: no object at all; else one BigDecimal
            long unscaled = scale == 0 ? value.longValue() : value.scaleByPowerOfTen(scale).longValue();
            writeCompact(Math.abs(unscaled), unscaled < 0, scale, out);
            return;
        }
        writeDigits(value, scale, dscale, out);
    }

    /**
     * The binary form of {@code unscaled × 10^-scale} (unscaled > 0, below 10^15, or any
     * positive long when scale is 0), computed in a long: no String, no digit array.
     */
    private static void writeCompact(long unscaled, boolean negative, int scale, ByteBuf out) {
        // align the decimal point on a base-10000 digit: unscaled × 10^k has a scale divisible by 4
        int k = Math.floorMod(-scale, DECIMALS_PER_DIGIT);
        long digits = unscaled * POWERS_OF_TEN[k];
        int lowestWeight = -(scale + k) / DECIMALS_PER_DIGIT;
        int count = 1;
        while (count < POWERS_OF_BASE.length && digits >= POWERS_OF_BASE[count]) {
            count++;
        }
        int trailingZeros = 0;
        while (digits / POWERS_OF_BASE[trailingZeros] % BASE == 0) {
            trailingZeros++;
        }
        out.writeShort(count - trailingZeros);
        out.writeShort(lowestWeight + count - 1);
        out.writeShort(negative ? NEGATIVE : POSITIVE);
        out.writeShort(Math.max(scale, 0));
        for (int i = count - 1; i >= trailingZeros; i--) {
            out.writeShort((int) (digits / POWERS_OF_BASE[i] % BASE));
        }
    }

    /** The general case: any number of decimal digits, from the unscaled value's decimal string. */
    static void writeDigits(BigDecimal value, int scale, int dscale, ByteBuf out) {
        String decimals = value.unscaledValue().abs().toString();
        int count = decimals.length();
        // A decimal with power of ten e lands in base-10000 digit floor(e / 4) at position e mod 4;
        // working from the unscaled digits keeps 1E+100000 from being expanded.
        long weight = Math.floorDiv((long) count - 1 - scale, DECIMALS_PER_DIGIT);
        if (weight > Short.MAX_VALUE) {
            throw EncodeException.outOfRange(value, "numeric", "(up to 131072 digits before the decimal point)");
        }
        long lowest = Math.floorDiv(-(long) scale, DECIMALS_PER_DIGIT);
        int[] digits = new int[(int) (weight - lowest + 1)];
        for (int i = 0; i < count; i++) {
            long power = (long) count - 1 - i - scale;
            int index = (int) (weight - Math.floorDiv(power, DECIMALS_PER_DIGIT));
            digits[index] += (decimals.charAt(i) - '0') * POWERS_OF_TEN[Math.floorMod(power, DECIMALS_PER_DIGIT)];
        }
        int ndigits = digits.length;
        while (digits[ndigits - 1] == 0) {
            ndigits--;
        }
        out.writeShort(ndigits);
        out.writeShort((int) weight);
        out.writeShort(value.signum() < 0 ? NEGATIVE : POSITIVE);
        out.writeShort(dscale);
        for (int i = 0; i < ndigits; i++) {
            out.writeShort(digits[i]);
        }
    }
}
