package dev.tusk.types;

import java.time.Duration;
import java.time.Period;

/**
 * A PostgreSQL {@code interval}: months, days and microseconds kept apart, as the server keeps
 * them, because none converts exactly into another ({@code '1 month'} is not 30 days, and a day is
 * not 24 hours across a daylight-saving change). Equality is field by field, so {@code '1 day'}
 * and {@code '24 hours'} differ here although PostgreSQL's {@code =} calls them equal.
 *
 * @param months       the months part (years count 12 months)
 * @param days         the days part
 * @param microseconds the time part, in microseconds
 */
public record Interval(int months, int days, long microseconds) {

    private static final int NANOS_PER_MICRO = 1_000;

    /** The zero-length interval. */
    public static final Interval ZERO = new Interval(0, 0, 0);

    /** PostgreSQL 17's {@code infinity} interval (every field at its maximum). */
    public static final Interval INFINITY = new Interval(Integer.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE);

    /** PostgreSQL 17's {@code -infinity} interval (every field at its minimum). */
    public static final Interval NEGATIVE_INFINITY = new Interval(Integer.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE);

    /**
     * The interval of a {@link Duration}: its whole length as microseconds (days stay 0), with
     * nanoseconds rounded half up to the microsecond.
     *
     * @throws ArithmeticException when the duration does not fit 64 bits of microseconds
     */
    public static Interval of(Duration duration) {
        long micros = Math.addExact(Math.multiplyExact(duration.getSeconds(), 1_000_000L),
                (duration.getNano() + NANOS_PER_MICRO / 2) / NANOS_PER_MICRO);
        return new Interval(0, 0, micros);
    }

    /**
     * The interval of a {@link Period}: its years and months as months, its days as days.
     *
     * @throws ArithmeticException when the months do not fit an int
     */
    public static Interval of(Period period) {
        return new Interval(Math.toIntExact(period.toTotalMonths()), period.getDays(), 0);
    }

    /**
     * This interval as a {@link Duration}, counting a day as 24 hours.
     *
     * @throws ArithmeticException when {@link #months()} is not zero: a month has no fixed length
     */
    public Duration toDuration() {
        if (months != 0) {
            throw new ArithmeticException("interval " + this + " has " + months
                    + " months, which have no fixed length in a Duration");
        }
        return Duration.ofSeconds(Math.floorDiv(microseconds, 1_000_000L),
                Math.floorMod(microseconds, 1_000_000L) * NANOS_PER_MICRO).plusDays(days);
    }

    /**
     * This interval as a {@link Period} of years, months and days.
     *
     * @throws ArithmeticException when {@link #microseconds()} is not zero: a Period holds no time
     */
    public Period toPeriod() {
        if (microseconds != 0) {
            throw new ArithmeticException("interval " + this + " has a time part of " + microseconds
                    + " microseconds, which a Period cannot hold");
        }
        return Period.of(months / 12, months % 12, days);
    }

    /**
     * ISO 8601 form with PostgreSQL's fields, e.g. {@code P1Y2M3DT4H5M6.000007S}; {@code infinity}
     * and {@code -infinity} for the two infinite intervals.
     */
    @Override
    public String toString() {
        if (equals(INFINITY)) {
            return "infinity";
        }
        if (equals(NEGATIVE_INFINITY)) {
            return "-infinity";
        }
        StringBuilder text = new StringBuilder("P");
        if (months / 12 != 0) {
            text.append(months / 12).append('Y');
        }
        if (months % 12 != 0) {
            text.append(months % 12).append('M');
        }
        if (days != 0) {
            text.append(days).append('D');
        }
        if (microseconds != 0 || text.length() == 1) {
            text.append('T');
            String sign = microseconds < 0 ? "-" : "";
            // Each part is taken with its sign before Math.abs, so Long.MIN_VALUE cannot overflow.
            long hours = Math.abs(microseconds / 3_600_000_000L);
            long minutes = Math.abs(microseconds / 60_000_000L % 60);
            long seconds = Math.abs(microseconds / 1_000_000L % 60);
            long fraction = Math.abs(microseconds % 1_000_000L);
            if (hours != 0) {
                text.append(sign).append(hours).append('H');
            }
            if (minutes != 0) {
                text.append(sign).append(minutes).append('M');
            }
            if (seconds != 0 || fraction != 0 || (hours == 0 && minutes == 0)) {
                text.append(sign).append(seconds);
                if (fraction != 0) {
                    text.append('.').append(String.format("%06d", fraction));
                }
                text.append('S');
            }
        }
        return text.toString();
    }
}
