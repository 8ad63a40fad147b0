package dev.tusk.internal.codec;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The arithmetic of PostgreSQL's date/time values: days or microseconds counted from its epoch,
 * 2000-01-01 00:00:00, within the bounds {@code IS_VALID_DATE} and {@code IS_VALID_TIMESTAMP} of
 * {@code datatype/timestamp.h}. Both span the proleptic Gregorian calendar from Julian day 0
 * (4714-11-24 BC, ISO year -4713).
 */
final class PostgresEpoch {

    /** Days from 1970-01-01 to 2000-01-01. */
    static final long EPOCH_DAY_OFFSET = 10_957;
    /** Seconds from 1970-01-01 to 2000-01-01. */
    static final long EPOCH_SECOND_OFFSET = EPOCH_DAY_OFFSET * 86_400;

    static final long MICROS_PER_SECOND = 1_000_000;
    static final int NANOS_PER_MICRO = 1_000;

    /** The first valid date: Julian day 0, as days since 2000-01-01. */
    static final long MIN_DATE = -2_451_545;
    /** One past the last valid date (5874898-01-01), as days since 2000-01-01. */
    static final long END_DATE = 2_147_483_494L - 2_451_545;

    /** The first valid timestamp, {@code MIN_TIMESTAMP}: 4714-11-24 00:00:00 BC. */
    static final long MIN_TIMESTAMP = -211_813_488_000_000_000L;
    /** One past the last valid timestamp, {@code END_TIMESTAMP}: 294277-01-01 00:00:00. */
    static final long END_TIMESTAMP = 9_223_371_331_200_000_000L;

    static final String DATE_RANGE = "[4714-11-24 BC, 5874897-12-31]";
    static final String TIMESTAMP_RANGE = "[4714-11-24 00:00:00 BC, 294276-12-31 23:59:59.999999]";

    static final long MICROS_PER_DAY = 86_400L * MICROS_PER_SECOND;

    /** A date and its epoch day, immutable, so that it may be shared through a racy field. */
    private static final class Day {
        final long epochDay;
        final LocalDate date;

        Day(long epochDay, LocalDate date) {
            this.epochDay = epochDay;
            this.date = date;
        }
    }

    /**
     * The date of the last timestamp decoded (on any thread): the timestamps of one result mostly
     * fall on a few days, and reusing the {@code LocalDate} saves one of the four objects a
     * timestamp decodes into. Read and written without synchronisation: {@link Day} is immutable,
     * so a thread sees either a whole older entry or a whole newer one.
     */
    private static Day lastDay = new Day(0, LocalDate.ofEpochDay(0));

    private PostgresEpoch() {
    }

    /**
     * Microseconds since the PostgreSQL epoch for a UTC instant, rounded half up to the microsecond
     * like pgjdbc, or {@link Long#MIN_VALUE} when outside PostgreSQL's timestamp range.
     */
    static long toMicros(long epochSecond, int nano) {
        long seconds = epochSecond - EPOCH_SECOND_OFFSET;
        // Checked before multiplying: instants past year ±292,000 would overflow a long.
        if (seconds < MIN_TIMESTAMP / MICROS_PER_SECOND || seconds >= END_TIMESTAMP / MICROS_PER_SECOND) {
            return Long.MIN_VALUE;
        }
        long micros = seconds * MICROS_PER_SECOND + (nano + NANOS_PER_MICRO / 2) / NANOS_PER_MICRO;
        return micros < END_TIMESTAMP ? micros : Long.MIN_VALUE;
    }

    /** The UTC date and time {@code micros} after the PostgreSQL epoch (a finite timestamp). */
    static LocalDateTime toLocalDateTime(long micros) {
        long epochDay = Math.floorDiv(micros, MICROS_PER_DAY) + EPOCH_DAY_OFFSET;
        long microOfDay = Math.floorMod(micros, MICROS_PER_DAY);
        return LocalDateTime.of(date(epochDay), LocalTime.ofNanoOfDay(microOfDay * NANOS_PER_MICRO));
    }

    private static LocalDate date(long epochDay) {
        Day day = lastDay;
        if (day.epochDay != epochDay) {
            day = new Day(epochDay, LocalDate.ofEpochDay(epochDay));
            lastDay = day;
        }
        return day.date;
    }
}
