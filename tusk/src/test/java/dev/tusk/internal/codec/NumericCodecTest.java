package dev.tusk.internal.codec;

import static dev.tusk.internal.codec.CodecTesting.decode;
import static dev.tusk.internal.codec.CodecTesting.encode;
import static dev.tusk.internal.codec.CodecTesting.hex;
import static dev.tusk.internal.codec.CodecTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NumericCodecTest {

    private final Codec numeric = NumericCodec.INSTANCE;

    /** The bytes numeric_send produces, as ndigits, weight, sign, dscale and the digits. */
    @ParameterizedTest(name = "{0} is sent as {1}")
    @CsvSource({
        "0,                   0000 0000 0000 0000",
        "0.0,                 0000 0000 0000 0001",
        "0.00,                0000 0000 0000 0002",
        "1,                   0001 0000 0000 0000 0001",
        "-1,                  0001 0000 4000 0000 0001",
        "1.5,                 0002 0000 0000 0001 0001 1388",
        "1.50,                0002 0000 0000 0002 0001 1388",
        "0.5,                 0001 ffff 0000 0001 1388",
        "0.0001,              0001 ffff 0000 0004 0001",
        "10000,               0001 0001 0000 0000 0001",
        "9999.9999,           0002 0000 0000 0004 270f 270f",
        "1E-20,               0001 fffb 0000 0014 0001",
        "1E+20,               0001 0005 0000 0000 0001",
        "1E+5,                0001 0001 0000 0000 000a",
        "123456789.123456789, 0006 0002 0000 0009 0001 0929 1a85 04d2 162e 2328",
        "-20000.0002,         0003 0001 4000 0004 0002 0000 0002",
    })
    void encodesTheServersBinaryForm(String value, String expected) {
        assertThat(hex(encode(numeric, new BigDecimal(value)))).isEqualTo(hex(hex(expected)));
    }

    @ParameterizedTest(name = "{1} is read as {0}")
    @CsvSource({
        "0,                   0000 0000 0000 0000",
        "0.00,                0000 0000 0000 0002",
        "-1,                  0001 0000 4000 0000 0001",
        "1.50,                0002 0000 0000 0002 0001 1388",
        "10000,               0001 0001 0000 0000 0001",
        "100000,              0001 0001 0000 0000 000a",
        "0.00000000000000000001, 0001 fffb 0000 0014 0001",
        "123456789.123456789, 0006 0002 0000 0009 0001 0929 1a85 04d2 162e 2328",
    })
    void decodesTheServersBinaryFormKeepingTheDisplayScale(String expected, String bytes) {
        Object decoded = decode(numeric, hex(bytes));
        assertThat(decoded).isInstanceOf(BigDecimal.class);
        assertThat(((BigDecimal) decoded).toPlainString()).isEqualTo(expected);
    }

    @Test
    void decodesManyDigitsThroughTheWidePath() {
        // 1234 5678 9012 3456 7890 . 5000: five digits before the point, one after.
        byte[] bytes = hex("0006 0004 0000 0001 04d2 162e 2334 0d80 1ed2 1388");
        assertThat(((BigDecimal) decode(numeric, bytes)).toPlainString()).isEqualTo("12345678901234567890.5");
        byte[] negative = hex("0006 0004 4000 0003 04d2 162e 2334 0d80 1ed2 1388");
        assertThat(((BigDecimal) decode(numeric, negative)).toPlainString()).isEqualTo("-12345678901234567890.500");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"0", "0.0", "0.00", "1", "-1", "10000", "-10000", "9999.9999", "0.0001", "0.00001",
        "1.50", "99999999", "100000000", "0.1", "-0.000123", "123456789.123456789", "-123456789.123456789",
        "9223372036854775807", "9223372036854775808", "-9223372036854775809", "3.14159265358979323846264338327950288",
        "1E-20", "0.00000000000000000001", "1000000000000000000000.000000000000000000001"})
    void roundTripsExactlyWithTheSameScale(String text) {
        BigDecimal value = new BigDecimal(text);
        Object decoded = roundTrip(numeric, value);
        assertThat(decoded).isInstanceOf(BigDecimal.class);
        assertThat(((BigDecimal) decoded).unscaledValue()).isEqualTo(value.unscaledValue());
        assertThat(((BigDecimal) decoded).scale()).isEqualTo(value.scale());
    }

    @Test
    void negativeScalesComeBackAsWholeNumbersWithScaleZero() {
        assertThat(roundTrip(numeric, new BigDecimal("1E+5"))).isEqualTo(new BigDecimal("100000"));
        assertThat(roundTrip(numeric, new BigDecimal("1E+20"))).isEqualTo(new BigDecimal("100000000000000000000"));
        assertThat(roundTrip(numeric, new BigDecimal("-12.3E+7"))).isEqualTo(new BigDecimal("-123000000"));
        assertThat(roundTrip(numeric, BigDecimal.ZERO.setScale(-3))).isEqualTo(BigDecimal.ZERO);
    }

    @Test
    void thousandDigitValuesRoundTrip() {
        String digits = "1234567890".repeat(100);
        for (String text : new String[] {digits, "-" + digits, digits + "." + digits, "0." + digits,
            digits.substring(1) + "." + digits.substring(3)}) {
            BigDecimal value = new BigDecimal(text);
            assertThat(((BigDecimal) roundTrip(numeric, value)).toPlainString()).isEqualTo(value.toPlainString());
        }
    }

    /** The general path's bytes for a value, as reference for the path that works in a long. */
    private static String generalForm(BigDecimal value) {
        io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
        try {
            NumericCodec.writeDigits(value, value.scale(), Math.max(value.scale(), 0), out);
            return io.netty.buffer.ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    private String encodedForm(Object value) {
        io.netty.buffer.ByteBuf out = io.netty.buffer.Unpooled.buffer();
        try {
            numeric.encode(value, out);
            return io.netty.buffer.ByteBufUtil.hexDump(out);
        } finally {
            out.release();
        }
    }

    @Test
    void smallValuesAreEncodedWithoutAStringExactlyAsTheGeneralPathDoes() {
        Random random = new Random(20_261_126);
        for (int i = 0; i < 20_000; i++) {
            long unscaled = random.nextLong() % (long) Math.pow(10, 1 + random.nextInt(15));
            if (unscaled == 0) {
                continue;
            }
            int scale = random.nextInt(60) - 20;
            BigDecimal value = BigDecimal.valueOf(unscaled, scale);
            assertThat(encodedForm(value)).as("%s", value).isEqualTo(generalForm(value));
        }
        for (long integer : new long[] {1, -1, 9_999, 10_000, -10_001, 123_456_789_012_345_678L, Long.MAX_VALUE,
                Long.MIN_VALUE + 1, 100_000_000_000_000_000L}) {
            assertThat(encodedForm(integer)).as("%d", integer).isEqualTo(generalForm(BigDecimal.valueOf(integer)));
            assertThat(roundTrip(numeric, integer)).isEqualTo(BigDecimal.valueOf(integer));
        }
        for (String text : new String[] {"1E+5", "1E+16383", "0.0001", "1.5", "12345.6789", "-0.000000000000001",
                "100.000", "1E-16383"}) {
            BigDecimal value = new BigDecimal(text);
            assertThat(encodedForm(value)).as(text).isEqualTo(generalForm(value));
        }
    }

    @Test
    void randomValuesOfEveryShapeRoundTrip() {
        Random random = new Random(20_240_611);
        for (int i = 0; i < 5_000; i++) {
            BigInteger unscaled = new BigInteger(1 + random.nextInt(300), random);
            if (random.nextBoolean()) {
                unscaled = unscaled.negate();
            }
            int scale = random.nextInt(120) - 40;
            BigDecimal value = new BigDecimal(unscaled, scale);
            BigDecimal expected = scale < 0 ? value.setScale(0) : value;
            Object decoded = roundTrip(numeric, value);
            assertThat(decoded).as("%s", value).isInstanceOf(BigDecimal.class);
            assertThat(((BigDecimal) decoded).unscaledValue()).as("%s", value).isEqualTo(expected.unscaledValue());
            assertThat(((BigDecimal) decoded).scale()).as("%s", value).isEqualTo(expected.scale());
        }
    }

    @Test
    void theExtremesOfTheRangeRoundTrip() {
        BigDecimal largest = new BigDecimal("9.999E+131071");
        assertThat(roundTrip(numeric, largest)).isEqualTo(largest.setScale(0));
        BigDecimal finest = new BigDecimal("1E-16383");
        assertThat(roundTrip(numeric, finest)).isEqualTo(finest);
    }

    @Test
    void valuesBeyondTheRangeAreRefused() {
        assertThatThrownBy(() -> encode(numeric, new BigDecimal("1E+131072"))).isInstanceOf(EncodeException.class)
                .hasMessage("value 1E+131072 out of numeric range (up to 131072 digits before the decimal point)");
        assertThatThrownBy(() -> encode(numeric, new BigDecimal("1E-16384"))).isInstanceOf(EncodeException.class)
                .hasMessage("value 1E-16384 has scale 16384, more than numeric's maximum of 16383");
    }

    @Test
    void valuesOfTensOfThousandsOfDigitsRoundTrip() {
        BigDecimal integer = new BigDecimal(BigInteger.TEN.pow(40_000).add(BigInteger.ONE));
        assertThat(roundTrip(numeric, integer)).isEqualTo(integer);
        BigDecimal fraction = new BigDecimal(BigInteger.TEN.pow(16_000).subtract(BigInteger.ONE), 16_383);
        assertThat(roundTrip(numeric, fraction)).isEqualTo(fraction);
    }

    @Test
    void specialValuesDecodeToDoubles() {
        assertThat(decode(numeric, hex("0000 0000 c000 0000"))).isEqualTo(Double.NaN);
        assertThat(decode(numeric, hex("0000 0000 d000 0000"))).isEqualTo(Double.POSITIVE_INFINITY);
        assertThat(decode(numeric, hex("0000 0000 f000 0000"))).isEqualTo(Double.NEGATIVE_INFINITY);
        // numeric_send fills dscale of the infinities from unrelated header bits; it means nothing.
        assertThat(decode(numeric, hex("0000 0000 d000 0020"))).isEqualTo(Double.POSITIVE_INFINITY);
    }

    @Test
    void specialDoublesEncodeToTheSpecialForms() {
        assertThat(encode(numeric, Double.NaN)).isEqualTo(hex("0000 0000 c000 0000"));
        assertThat(encode(numeric, Float.NaN)).isEqualTo(hex("0000 0000 c000 0000"));
        assertThat(encode(numeric, Double.POSITIVE_INFINITY)).isEqualTo(hex("0000 0000 d000 0000"));
        assertThat(encode(numeric, Float.NEGATIVE_INFINITY)).isEqualTo(hex("0000 0000 f000 0000"));
        assertThat(roundTrip(numeric, Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void floatingPointIsSentAsItsShortestDecimal() {
        assertThat(roundTrip(numeric, 0.1)).isEqualTo(new BigDecimal("0.1"));
        assertThat(roundTrip(numeric, 0.1f)).isEqualTo(new BigDecimal("0.1"));
        assertThat(roundTrip(numeric, 1e20)).isEqualTo(new BigDecimal("100000000000000000000"));
        assertThat(roundTrip(numeric, -2.5e-7)).isEqualTo(new BigDecimal("-2.5E-7"));
        assertThat(roundTrip(numeric, -0.0)).isEqualTo(new BigDecimal("0.0"));
    }

    @Test
    void integralJavaTypesAreAccepted() {
        assertThat(roundTrip(numeric, Long.MIN_VALUE)).isEqualTo(new BigDecimal(Long.MIN_VALUE));
        assertThat(roundTrip(numeric, 42)).isEqualTo(new BigDecimal(42));
        assertThat(roundTrip(numeric, (short) -7)).isEqualTo(new BigDecimal(-7));
        assertThat(roundTrip(numeric, (byte) 0)).isEqualTo(BigDecimal.ZERO);
        BigInteger big = BigInteger.TEN.pow(50).negate();
        assertThat(roundTrip(numeric, big)).isEqualTo(new BigDecimal(big));
    }

    @Test
    void otherJavaTypesAreRefusedNamingBothTypes() {
        assertThatThrownBy(() -> encode(numeric, "1.5")).isInstanceOf(EncodeException.class)
                .hasMessage("expected BigDecimal, BigInteger, Long, Integer, Short, Byte, Double or Float, "
                        + "got java.lang.String");
    }

    @Test
    void digitsBeyondTheDisplayScaleAreTruncatedLikeTheServerDoes() {
        // 1.5678 with dscale 2
        assertThat(decode(numeric, hex("0002 0000 0000 0002 0001 162e"))).isEqualTo(new BigDecimal("1.56"));
        assertThat(decode(numeric, hex("0002 0000 4000 0000 0001 162e"))).isEqualTo(new BigDecimal("-1"));
    }

    @Test
    void malformedValuesAreRejectedStatingTheBound() {
        assertThatThrownBy(() -> decode(numeric, hex("0000 0000 0000"))).isInstanceOf(DecodeException.class)
                .hasMessage("numeric value length: 6 (expected: >= 8)");
        assertThatThrownBy(() -> decode(numeric, hex("0002 0000 0000 0000 0001"))).isInstanceOf(DecodeException.class)
                .hasMessage("numeric value length: 10 (expected: 12 for 2 digits)");
        assertThatThrownBy(() -> decode(numeric, hex("ffff 0000 0000 0000 0001"))).isInstanceOf(DecodeException.class)
                .hasMessage("numeric value length: 10 (expected: 131078 for 65535 digits)");
        assertThatThrownBy(() -> decode(numeric, hex("0001 0000 0000 0000 2710"))).isInstanceOf(DecodeException.class)
                .hasMessage("numeric digit 0: 10000 (expected: 0..9999)");
        assertThatThrownBy(() -> decode(numeric, hex("0005 0000 0000 0000 0001 0001 0001 0001 ffff")))
                .isInstanceOf(DecodeException.class).hasMessage("numeric digit 4: -1 (expected: 0..9999)");
        assertThatThrownBy(() -> decode(numeric, hex("0000 0000 8000 0000"))).isInstanceOf(DecodeException.class)
                .hasMessage("numeric sign: 0x8000 (expected: 0x0000, 0x4000, 0xc000, 0xd000 or 0xf000)");
        assertThatThrownBy(() -> decode(numeric, hex("0000 0000 0000 4000"))).isInstanceOf(DecodeException.class)
                .hasMessage("numeric dscale: 16384 (expected: <= 16383)");
    }
}
