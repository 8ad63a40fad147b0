package dev.tusk.internal.codec;

import static dev.tusk.internal.codec.CodecTesting.decode;
import static dev.tusk.internal.codec.CodecTesting.encode;
import static dev.tusk.internal.codec.CodecTesting.hex;
import static dev.tusk.internal.codec.CodecTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class FloatCodecsTest {

    private final Codec float4 = Float4Codec.INSTANCE;
    private final Codec float8 = Float8Codec.INSTANCE;

    @Test
    void float4RoundTripsEdgeValuesBitForBit() {
        float[] values = {0f, -0f, 1.5f, -1.5f, Float.MIN_VALUE, Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE,
            Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, Float.intBitsToFloat(0x7fc0_0001)};
        for (float value : values) {
            Object decoded = roundTrip(float4, value);
            assertThat(decoded).isInstanceOf(Float.class);
            assertThat(Float.floatToRawIntBits((Float) decoded)).isEqualTo(Float.floatToRawIntBits(value));
        }
    }

    @Test
    void float8RoundTripsEdgeValuesBitForBit() {
        double[] values = {0d, -0d, 0.1, -1e300, Double.MIN_VALUE, Double.MIN_NORMAL, Double.MAX_VALUE,
            Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.longBitsToDouble(0x7ff8_0000_0000_0001L)};
        for (double value : values) {
            Object decoded = roundTrip(float8, value);
            assertThat(decoded).isInstanceOf(Double.class);
            assertThat(Double.doubleToRawLongBits((Double) decoded)).isEqualTo(Double.doubleToRawLongBits(value));
        }
    }

    @Test
    void floatsAreIeee754BigEndian() {
        assertThat(encode(float4, 1.0f)).isEqualTo(hex("3f 80 00 00"));
        assertThat(encode(float8, 1.0)).isEqualTo(hex("3f f0 00 00 00 00 00 00"));
        assertThat(encode(float8, -0.0)).isEqualTo(hex("80 00 00 00 00 00 00 00"));
        assertThat(decode(float4, hex("c0 00 00 00"))).isEqualTo(-2.0f);
    }

    @Test
    void float8TakesAFloatWideningItExactly() {
        assertThat(roundTrip(float8, 0.1f)).isEqualTo((double) 0.1f);
        assertThat(Double.doubleToRawLongBits((Double) roundTrip(float8, -0.0f))).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(roundTrip(float8, Float.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
    }

    @Test
    void otherNumbersAreConverted() {
        assertThat(roundTrip(float8, 42)).isEqualTo(42.0);
        assertThat(roundTrip(float8, Long.MAX_VALUE)).isEqualTo(9.223372036854776E18);
        assertThat(roundTrip(float8, new BigDecimal("0.25"))).isEqualTo(0.25);
        assertThat(roundTrip(float4, 0.1)).isEqualTo(0.1f);
        assertThat(roundTrip(float4, (short) 7)).isEqualTo(7.0f);
        assertThat(roundTrip(float4, Double.NaN)).isEqualTo(Float.NaN);
        assertThat(roundTrip(float4, Double.POSITIVE_INFINITY)).isEqualTo(Float.POSITIVE_INFINITY);
    }

    @Test
    void finiteValuesTooLargeForTheTypeAreRefusedRatherThanMadeInfinite() {
        assertThatThrownBy(() -> encode(float4, 1e300)).isInstanceOf(EncodeException.class)
                .hasMessage("value 1.0E300 out of float4 range [-3.4028235E38, 3.4028235E38]");
        assertThatThrownBy(() -> encode(float8, BigInteger.TEN.pow(400))).isInstanceOf(EncodeException.class)
                .hasMessageContaining("out of float8 range");
    }

    @Test
    void nonNumbersAreRefusedNamingBothTypes() {
        assertThatThrownBy(() -> encode(float8, "1.0")).isInstanceOf(EncodeException.class)
                .hasMessage("expected Double, Float or another Number, got java.lang.String");
        assertThatThrownBy(() -> encode(float4, true)).isInstanceOf(EncodeException.class)
                .hasMessage("expected Float, Double or another Number, got java.lang.Boolean");
    }

    @Test
    void wrongLengthsAreRejected() {
        assertThatThrownBy(() -> decode(float4, hex("00 00 00 00 00 00 00 00"))).isInstanceOf(DecodeException.class)
                .hasMessage("float4 value length: 8 (expected: 4)");
        assertThatThrownBy(() -> decode(float8, hex("00 00 00 00"))).isInstanceOf(DecodeException.class)
                .hasMessage("float8 value length: 4 (expected: 8)");
    }
}
