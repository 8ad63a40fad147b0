package dev.tusk.internal.codec;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * Reads the exact value of an argument bound to an integer type (int2, int4, int8, oid). Only
 * integral Java types are taken: a float or double is refused rather than silently truncated.
 */
final class IntegerArguments {

    private static final String ACCEPTED = "Integer, Short, Byte, Long, BigInteger or whole BigDecimal";

    /** A BigDecimal with more integer digits than this cannot fit a long. */
    private static final int MAX_LONG_DIGITS = 19;

    private IntegerArguments() {
    }

    /**
     * The exact value of {@code value} when it lies within {@code [min, max]}.
     *
     * @throws EncodeException for another Java type, a fractional value, or a value out of range
     */
    static long exactValue(Object value, String typeName, long min, long max) {
        long exact;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            exact = ((Number) value).longValue();
        } else if (value instanceof BigInteger) {
            BigInteger big = (BigInteger) value;
            if (big.bitLength() >= Long.SIZE) {
                throw outOfRange(value, typeName, min, max);
            }
            exact = big.longValue();
        } else if (value instanceof BigDecimal) {
            exact = wholeValue((BigDecimal) value, typeName, min, max);
        } else {
            throw EncodeException.wrongType(ACCEPTED + " within " + typeName + " range", value);
        }
        if (exact < min || exact > max) {
            throw outOfRange(value, typeName, min, max);
        }
        return exact;
    }

    private static long wholeValue(BigDecimal value, String typeName, long min, long max) {
        if (value.signum() == 0) {
            return 0;
        }
        // Compare digit counts before converting so that 1E+999999999 is not expanded into memory.
        long integerDigits = (long) value.precision() - value.scale();
        if (integerDigits <= 0) {
            throw fractional(value, typeName);
        }
        if (integerDigits > MAX_LONG_DIGITS) {
            throw outOfRange(value, typeName, min, max);
        }
        BigInteger whole;
        try {
            whole = value.setScale(0, RoundingMode.UNNECESSARY).toBigInteger();
        } catch (ArithmeticException e) {
            throw fractional(value, typeName);
        }
        if (whole.bitLength() >= Long.SIZE) {
            throw outOfRange(value, typeName, min, max);
        }
        return whole.longValue();
    }

    private static EncodeException fractional(BigDecimal value, String typeName) {
        return new EncodeException("value " + EncodeException.describeValue(value)
                + " has a fractional part, which " + typeName + " cannot hold");
    }

    private static EncodeException outOfRange(Object value, String typeName, long min, long max) {
        return EncodeException.outOfRange(value, typeName, "[" + min + ", " + max + "]");
    }
}
