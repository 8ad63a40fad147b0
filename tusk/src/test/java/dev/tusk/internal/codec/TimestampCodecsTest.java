package dev.tusk.internal.codec;

import static dev.tusk.internal.codec.CodecTesting.decode;
import static dev.tusk.internal.codec.CodecTesting.encode;
import static dev.tusk.internal.codec.CodecTesting.roundTrip;
import static dev.tusk.internal.codec.DateTimeCodecsTest.int8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class TimestampCodecsTest {

    private static final long MIN_TIMESTAMP = -211_813_488_000_000_000L;
    private static final long END_TIMESTAMP = 9_223_371_331_200_000_000L;

    private final Codec timestamp = TimestampCodec.INSTANCE;
    private final Codec timestamptz = TimestamptzCodec.INSTANCE;

    @Test
    void timestampCountsMicrosecondsFromTheYear2000() {
        assertThat(encode(timestamp, LocalDateTime.of(2000, 1, 1, 0, 0))).isEqualTo(int8(0));
        assertThat(encode(timestamp, LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000))).isEqualTo(int8(-1));
        assertThat(encode(timestamp, LocalDateTime.of(1970, 1, 1, 0, 0))).isEqualTo(int8(-946_684_800_000_000L));
        assertThat(decode(timestamp, int8(1_000_001))).isEqualTo(LocalDateTime.of(2000, 1, 1, 0, 0, 1, 1_000));
    }

    @Test
    void timestampRoundTripsBcDatesAndBothEndsOfTheRange() {
        LocalDateTime[] values = {LocalDateTime.of(2024, 2, 29, 12, 30, 45, 123_456_000),
            LocalDateTime.of(0, 1, 1, 0, 0), LocalDateTime.of(-44, 3, 15, 12, 0, 0, 1_000),
            LocalDateTime.of(-4713, 11, 24, 0, 0), LocalDateTime.of(294_276, 12, 31, 23, 59, 59, 999_999_000),
            LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000)};
        for (LocalDateTime value : values) {
            assertThat(roundTrip(timestamp, value)).isEqualTo(value);
        }
        assertThat(encode(timestamp, LocalDateTime.of(-4713, 11, 24, 0, 0))).isEqualTo(int8(MIN_TIMESTAMP));
        assertThat(encode(timestamp, LocalDateTime.of(294_276, 12, 31, 23, 59, 59, 999_999_000)))
                .isEqualTo(int8(END_TIMESTAMP - 1));
    }

    @Test
    void timestampInfinitiesAreLocalDateTimeMaxAndMin() {
        assertThat(decode(timestamp, int8(Long.MAX_VALUE))).isEqualTo(LocalDateTime.MAX);
        assertThat(decode(timestamp, int8(Long.MIN_VALUE))).isEqualTo(LocalDateTime.MIN);
        assertThat(encode(timestamp, LocalDateTime.MAX)).isEqualTo(int8(Long.MAX_VALUE));
        assertThat(encode(timestamp, LocalDateTime.MIN)).isEqualTo(int8(Long.MIN_VALUE));
    }

    @Test
    void timestampRoundsNanosecondsHalfUpOnBothSidesOfTheEpoch() {
        assertThat(encode(timestamp, LocalDateTime.of(2000, 1, 1, 0, 0, 0, 500))).isEqualTo(int8(1));
        assertThat(encode(timestamp, LocalDateTime.of(2000, 1, 1, 0, 0, 0, 499))).isEqualTo(int8(0));
        assertThat(encode(timestamp, LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_500))).isEqualTo(int8(0));
        assertThat(encode(timestamp, LocalDateTime.of(1999, 12, 31, 23, 59, 59, 999_998_500))).isEqualTo(int8(-1));
    }

    @Test
    void timestampsOutsidePostgresRangeAreRefused() {
        String message = "out of timestamp range [4714-11-24 00:00:00 BC, 294276-12-31 23:59:59.999999]";
        assertThatThrownBy(() -> encode(timestamp, LocalDateTime.of(-4713, 11, 23, 23, 59, 59, 999_999_000)))
                .isInstanceOf(EncodeException.class).hasMessage("value -4713-11-23T23:59:59.999999 " + message);
        assertThatThrownBy(() -> encode(timestamp, LocalDateTime.of(294_277, 1, 1, 0, 0)))
                .isInstanceOf(EncodeException.class).hasMessageEndingWith(message);
        assertThatThrownBy(() -> encode(timestamp, LocalDateTime.of(294_276, 12, 31, 23, 59, 59, 999_999_500)))
                .as("rounds up past the end").isInstanceOf(EncodeException.class).hasMessageEndingWith(message);
        assertThatThrownBy(() -> encode(timestamp, LocalDateTime.of(999_999_999, 1, 1, 0, 0)))
                .as("would overflow a long").isInstanceOf(EncodeException.class).hasMessageEndingWith(message);
        assertThatThrownBy(() -> encode(timestamp, LocalDateTime.of(-999_999_999, 1, 2, 0, 0)))
                .isInstanceOf(EncodeException.class).hasMessageEndingWith(message);
    }

    @Test
    void timestampRefusesOtherTypesAndWrongLengths() {
        assertThatThrownBy(() -> encode(timestamp, Instant.EPOCH)).isInstanceOf(EncodeException.class)
                .hasMessage("expected LocalDateTime, got java.time.Instant");
        assertThatThrownBy(() -> decode(timestamp, new byte[7])).isInstanceOf(DecodeException.class)
                .hasMessage("timestamp value length: 7 (expected: 8)");
    }

    @Test
    void timestamptzDecodesAtUtc() {
        Object decoded = decode(timestamptz, int8(0));
        assertThat(decoded).isEqualTo(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC));
        assertThat(((OffsetDateTime) decoded).getOffset()).isEqualTo(ZoneOffset.UTC);
    }

    @Test
    void timestamptzEncodesTheInstantWhateverTheOffset() {
        OffsetDateTime paris = OffsetDateTime.of(2000, 1, 1, 1, 0, 0, 0, ZoneOffset.ofHours(1));
        assertThat(encode(timestamptz, paris)).isEqualTo(int8(0));
        ZonedDateTime zoned = ZonedDateTime.of(2024, 7, 1, 12, 0, 0, 123_456_000, ZoneId.of("America/New_York"));
        assertThat(roundTrip(timestamptz, zoned)).isEqualTo(zoned.toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC));
        Instant instant = Instant.parse("1960-05-06T07:08:09.000010Z");
        assertThat(roundTrip(timestamptz, instant)).isEqualTo(instant.atOffset(ZoneOffset.UTC));
    }

    @Test
    void timestamptzRoundTripsBothEndsOfTheRange() {
        OffsetDateTime first = OffsetDateTime.of(-4713, 11, 24, 0, 0, 0, 0, ZoneOffset.UTC);
        OffsetDateTime last = OffsetDateTime.of(294_276, 12, 31, 23, 59, 59, 999_999_000, ZoneOffset.UTC);
        assertThat(roundTrip(timestamptz, first)).isEqualTo(first);
        assertThat(roundTrip(timestamptz, last)).isEqualTo(last);
        assertThatThrownBy(() -> encode(timestamptz, first.minusNanos(1000))).isInstanceOf(EncodeException.class)
                .hasMessageEndingWith("out of timestamptz range [4714-11-24 00:00:00 BC, 294276-12-31 23:59:59.999999] UTC");
    }

    @Test
    void timestamptzInfinitiesAreOffsetDateTimeMaxAndMin() {
        assertThat(decode(timestamptz, int8(Long.MAX_VALUE))).isEqualTo(OffsetDateTime.MAX);
        assertThat(decode(timestamptz, int8(Long.MIN_VALUE))).isEqualTo(OffsetDateTime.MIN);
        assertThat(encode(timestamptz, OffsetDateTime.MAX)).isEqualTo(int8(Long.MAX_VALUE));
        assertThat(encode(timestamptz, OffsetDateTime.MIN)).isEqualTo(int8(Long.MIN_VALUE));
        assertThat(encode(timestamptz, Instant.MAX)).isEqualTo(int8(Long.MAX_VALUE));
        assertThat(encode(timestamptz, Instant.MIN)).isEqualTo(int8(Long.MIN_VALUE));
    }

    @Test
    void timestamptzRefusesLocalDateTimeAndWrongLengths() {
        assertThatThrownBy(() -> encode(timestamptz, LocalDateTime.MIN)).isInstanceOf(EncodeException.class)
                .hasMessage("expected OffsetDateTime, ZonedDateTime or Instant, got java.time.LocalDateTime");
        assertThatThrownBy(() -> decode(timestamptz, new byte[9])).isInstanceOf(DecodeException.class)
                .hasMessage("timestamptz value length: 9 (expected: 8)");
    }
}
