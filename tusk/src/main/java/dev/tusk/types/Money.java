package dev.tusk.types;

import java.math.BigDecimal;

/**
 * A PostgreSQL {@code money} value: a signed 64-bit count of the currency's minor units (cents for
 * {@code lc_monetary = 'C'} or {@code en_US}, whole yen for {@code ja_JP}). The number of
 * fractional digits is a setting of the server, not part of the value, so converting to and from
 * an amount takes it explicitly: {@code Money.of(new BigDecimal("12.34"), 2)} is 1234 minor units.
 *
 * @param minorUnits the amount in the currency's smallest unit, e.g. 1234 for $12.34
 */
public record Money(long minorUnits) implements Comparable<Money> {

    /** Zero. */
    public static final Money ZERO = new Money(0);

    /**
     * The amount {@code amount} in a currency with {@code fractionDigits} fractional digits, exactly.
     *
     * @throws ArithmeticException when {@code amount} has more fractional digits than that (nothing is
     *     rounded) or its minor units do not fit in 64 bits
     * @throws IllegalArgumentException when {@code fractionDigits} is negative
     */
    public static Money of(BigDecimal amount, int fractionDigits) {
        checkFractionDigits(fractionDigits);
        BigDecimal units = amount.movePointRight(fractionDigits);
        try {
            return new Money(units.longValueExact());
        } catch (ArithmeticException e) {
            throw new ArithmeticException("money amount " + amount + " with " + fractionDigits
                    + " fractional digits is not a whole number of minor units within 64 bits");
        }
    }

    /**
     * This amount with {@code fractionDigits} fractional digits, e.g. {@code 12.34} for 1234 minor
     * units and 2 digits; the scale of the result is {@code fractionDigits}.
     *
     * @throws IllegalArgumentException when {@code fractionDigits} is negative
     */
    public BigDecimal toBigDecimal(int fractionDigits) {
        checkFractionDigits(fractionDigits);
        return BigDecimal.valueOf(minorUnits, fractionDigits);
    }

    private static void checkFractionDigits(int fractionDigits) {
        if (fractionDigits < 0) {
            throw new IllegalArgumentException("fraction digits: " + fractionDigits + " (expected: >= 0)");
        }
    }

    @Override
    public int compareTo(Money other) {
        return Long.compare(minorUnits, other.minorUnits);
    }

    /** {@code "1234 minor units"}: the server's rendering depends on its locale, which this value does not know. */
    @Override
    public String toString() {
        return minorUnits + " minor units";
    }
}
