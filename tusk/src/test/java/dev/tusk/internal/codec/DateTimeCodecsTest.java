package dev.tusk.internal.codec;

import static dev.tusk.internal.codec.CodecTesting.decode;
import static dev.tusk.internal.codec.CodecTesting.encode;
import static dev.tusk.internal.codec.CodecTesting.hex;
import static dev.tusk.internal.codec.CodecTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import org.junit.jupiter.api.Test;

/** date and time; the timestamps are in {@link TimestampCodecsTest}. */
class DateTimeCodecsTest {

    private final Codec date = DateCodec.INSTANCE;
    private final Codec time = TimeCodec.INSTANCE;

    static byte[] int8(long value) {
        return hex(String.format("%016x", value));
    }

    static byte[] int4(int value) {
        return hex(String.format("%08x", value));
    }

    @Test
    void dateCountsDaysFromTheYear2000() {
        assertThat(encode(date, LocalDate.of(2000, 1, 1))).isEqualTo(hex("00 00 00 00"));
        assertThat(encode(date, LocalDate.of(2000, 1, 2))).isEqualTo(hex("00 00 00 01"));
        assertThat(encode(date, LocalDate.of(1970, 1, 1))).isEqualTo(int4(-10_957));
        assertThat(decode(date, hex("ff ff ff ff"))).isEqualTo(LocalDate.of(1999, 12, 31));
    }

    @Test
    void dateRoundTripsLeapDaysBcDatesAndBothEndsOfTheRange() {
        LocalDate[] values = {LocalDate.of(2024, 2, 29), LocalDate.of(1, 1, 1), LocalDate.of(0, 12, 31),
            LocalDate.of(-4713, 11, 24), LocalDate.of(5_874_897, 12, 31), LocalDate.of(1582, 10, 4)};
        for (LocalDate value : values) {
            assertThat(roundTrip(date, value)).isEqualTo(value);
        }
        assertThat(encode(date, LocalDate.of(-4713, Month.NOVEMBER, 24))).isEqualTo(int4(-2_451_545));
    }

    @Test
    void dateInfinitiesAreLocalDateMaxAndMin() {
        assertThat(decode(date, hex("7f ff ff ff"))).isEqualTo(LocalDate.MAX);
        assertThat(decode(date, hex("80 00 00 00"))).isEqualTo(LocalDate.MIN);
        assertThat(encode(date, LocalDate.MAX)).isEqualTo(hex("7f ff ff ff"));
        assertThat(encode(date, LocalDate.MIN)).isEqualTo(hex("80 00 00 00"));
    }

    @Test
    void datesOutsidePostgresRangeAreRefused() {
        assertThatThrownBy(() -> encode(date, LocalDate.of(-4713, 11, 23))).isInstanceOf(EncodeException.class)
                .hasMessage("value -4713-11-23 out of date range [4714-11-24 BC, 5874897-12-31]");
        assertThatThrownBy(() -> encode(date, LocalDate.of(5_874_898, 1, 1))).isInstanceOf(EncodeException.class)
                .hasMessageContaining("out of date range");
    }

    @Test
    void dateRefusesOtherTypesAndWrongLengths() {
        assertThatThrownBy(() -> encode(date, "2000-01-01")).isInstanceOf(EncodeException.class)
                .hasMessage("expected LocalDate, got java.lang.String");
        assertThatThrownBy(() -> decode(date, new byte[8])).isInstanceOf(DecodeException.class)
                .hasMessage("date value length: 8 (expected: 4)");
    }

    @Test
    void timeCountsMicrosecondsSinceMidnight() {
        assertThat(encode(time, LocalTime.MIDNIGHT)).isEqualTo(int8(0));
        assertThat(encode(time, LocalTime.of(0, 0, 1))).isEqualTo(int8(1_000_000));
        assertThat(decode(time, int8(45_296_789_012L))).isEqualTo(LocalTime.of(12, 34, 56, 789_012_000));
    }

    @Test
    void timeRoundTripsMicrosecondValues() {
        for (LocalTime value : new LocalTime[] {LocalTime.MIDNIGHT, LocalTime.NOON, LocalTime.of(23, 59, 59, 999_999_000),
            LocalTime.of(0, 0, 0, 1_000)}) {
            assertThat(roundTrip(time, value)).isEqualTo(value);
        }
    }

    @Test
    void time2400DecodesToLocalTimeMaxAndBack() {
        assertThat(decode(time, int8(86_400_000_000L))).isEqualTo(LocalTime.MAX);
        assertThat(encode(time, LocalTime.MAX)).isEqualTo(int8(86_400_000_000L));
    }

    @Test
    void timeRoundsNanosecondsHalfUpToTheMicrosecond() {
        assertThat(encode(time, LocalTime.ofNanoOfDay(499))).isEqualTo(int8(0));
        assertThat(encode(time, LocalTime.ofNanoOfDay(500))).isEqualTo(int8(1));
        assertThat(encode(time, LocalTime.ofNanoOfDay(1_499))).isEqualTo(int8(1));
        assertThat(encode(time, LocalTime.of(23, 59, 59, 999_999_500))).isEqualTo(int8(86_400_000_000L));
    }

    @Test
    void timeRejectsValuesOutsideTheDayAndWrongLengths() {
        assertThatThrownBy(() -> decode(time, int8(86_400_000_001L))).isInstanceOf(DecodeException.class)
                .hasMessage("time value: 86400000001 (expected: 0..86400000000 µs)");
        assertThatThrownBy(() -> decode(time, int8(-1))).isInstanceOf(DecodeException.class)
                .hasMessage("time value: -1 (expected: 0..86400000000 µs)");
        assertThatThrownBy(() -> decode(time, new byte[4])).isInstanceOf(DecodeException.class)
                .hasMessage("time value length: 4 (expected: 8)");
        assertThatThrownBy(() -> encode(time, LocalDateTime.MIN)).isInstanceOf(EncodeException.class)
                .hasMessage("expected LocalTime, got java.time.LocalDateTime");
    }
}
