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

class IntegerCodecsTest {

    private final Codec int2 = Int2Codec.INSTANCE;
    private final Codec int4 = Int4Codec.INSTANCE;
    private final Codec int8 = Int8Codec.INSTANCE;
    private final Codec oid = OidCodec.INSTANCE;

    @Test
    void int2RoundTripsItsLimitsZeroAndNegatives() {
        for (short value : new short[] {Short.MIN_VALUE, -1, 0, 1, 12345, Short.MAX_VALUE}) {
            assertThat(roundTrip(int2, value)).isEqualTo(value);
        }
    }

    @Test
    void int4RoundTripsItsLimitsZeroAndNegatives() {
        for (int value : new int[] {Integer.MIN_VALUE, -1, 0, 1, 123_456_789, Integer.MAX_VALUE}) {
            assertThat(roundTrip(int4, value)).isEqualTo(value);
        }
    }

    @Test
    void int8RoundTripsItsLimitsZeroAndNegatives() {
        for (long value : new long[] {Long.MIN_VALUE, -1, 0, 1, 1L << 40, Long.MAX_VALUE}) {
            assertThat(roundTrip(int8, value)).isEqualTo(value);
        }
    }

    @Test
    void integersAreBigEndianTwosComplement() {
        assertThat(encode(int4, 1)).isEqualTo(hex("00 00 00 01"));
        assertThat(encode(int4, -2)).isEqualTo(hex("ff ff ff fe"));
        assertThat(encode(int2, (short) 0x1234)).isEqualTo(hex("12 34"));
        assertThat(encode(int8, 0x0102030405060708L)).isEqualTo(hex("01 02 03 04 05 06 07 08"));
        assertThat(decode(int4, hex("80 00 00 00"))).isEqualTo(Integer.MIN_VALUE);
    }

    @Test
    void decodeReturnsTheJavaTypeEachCodecDeclares() {
        assertThat(decode(int2, hex("00 07"))).isInstanceOf(int2.javaType()).isEqualTo((short) 7);
        assertThat(decode(int4, hex("00 00 00 07"))).isInstanceOf(int4.javaType()).isEqualTo(7);
        assertThat(decode(int8, hex("00 00 00 00 00 00 00 07"))).isInstanceOf(int8.javaType()).isEqualTo(7L);
        assertThat(decode(oid, hex("00 00 00 07"))).isInstanceOf(oid.javaType()).isEqualTo(7L);
    }

    @Test
    void everyIntegralJavaTypeWithinRangeIsAccepted() {
        assertThat(encode(int4, (byte) -1)).isEqualTo(hex("ff ff ff ff"));
        assertThat(encode(int4, (short) 2)).isEqualTo(hex("00 00 00 02"));
        assertThat(encode(int4, 3L)).isEqualTo(hex("00 00 00 03"));
        assertThat(encode(int4, BigInteger.valueOf(4))).isEqualTo(hex("00 00 00 04"));
        assertThat(encode(int4, new BigDecimal("5.000"))).isEqualTo(hex("00 00 00 05"));
        assertThat(encode(int4, new BigDecimal("6E+0"))).isEqualTo(hex("00 00 00 06"));
        assertThat(encode(int2, new BigDecimal("1E+4"))).isEqualTo(hex("27 10"));
        assertThat(encode(int8, BigDecimal.ZERO.setScale(-5))).isEqualTo(hex("00 00 00 00 00 00 00 00"));
        assertThat(encode(int8, new BigInteger("-9223372036854775808"))).isEqualTo(hex("80 00 00 00 00 00 00 00"));
    }

    @Test
    void valuesOutOfRangeAreRefusedWithTheBounds() {
        assertThatThrownBy(() -> encode(int4, 3_000_000_000L)).isInstanceOf(EncodeException.class)
                .hasMessage("value 3000000000 out of int4 range [-2147483648, 2147483647]");
        assertThatThrownBy(() -> encode(int2, 32768)).isInstanceOf(EncodeException.class)
                .hasMessage("value 32768 out of int2 range [-32768, 32767]");
        assertThatThrownBy(() -> encode(int8, BigInteger.ONE.shiftLeft(63))).isInstanceOf(EncodeException.class)
                .hasMessageContaining("out of int8 range");
        assertThatThrownBy(() -> encode(int8, new BigDecimal("1E+999999999"))).isInstanceOf(EncodeException.class)
                .hasMessage("value 1E+999999999 out of int8 range [-9223372036854775808, 9223372036854775807]");
        assertThatThrownBy(() -> encode(int8, new BigDecimal("9223372036854775808"))).isInstanceOf(EncodeException.class)
                .hasMessageContaining("out of int8 range");
    }

    @Test
    void hugeValuesAreCutShortInMessages() {
        BigInteger huge = BigInteger.TEN.pow(500);
        assertThatThrownBy(() -> encode(int4, huge)).isInstanceOf(EncodeException.class)
                .hasMessageStartingWith("value 1000000000000000000000000000000000000000... (501 chars) out of int4 range");
    }

    @Test
    void fractionalDecimalsAreRefused() {
        assertThatThrownBy(() -> encode(int4, new BigDecimal("1.5"))).isInstanceOf(EncodeException.class)
                .hasMessage("value 1.5 has a fractional part, which int4 cannot hold");
        assertThatThrownBy(() -> encode(int8, new BigDecimal("1E-999999999"))).isInstanceOf(EncodeException.class)
                .hasMessageContaining("has a fractional part");
    }

    @Test
    void floatingPointAndOtherJavaTypesAreRefusedNamingBothTypes() {
        assertThatThrownBy(() -> encode(int4, 1.0)).isInstanceOf(EncodeException.class)
                .hasMessage("expected Integer, Short, Byte, Long, BigInteger or whole BigDecimal within int4 range, "
                        + "got java.lang.Double");
        assertThatThrownBy(() -> encode(int2, 1.0f)).isInstanceOf(EncodeException.class)
                .hasMessageContaining("int2").hasMessageEndingWith("got java.lang.Float");
        assertThatThrownBy(() -> encode(int8, "1")).isInstanceOf(EncodeException.class)
                .hasMessageContaining("int8").hasMessageEndingWith("got java.lang.String");
        assertThatThrownBy(() -> encode(oid, new int[0])).isInstanceOf(EncodeException.class)
                .hasMessageContaining("oid").hasMessageEndingWith("got int[]");
    }

    @Test
    void wrongLengthsAreRejectedStatingTheExpectedLength() {
        assertThatThrownBy(() -> decode(int4, hex("00 00 01"))).isInstanceOf(DecodeException.class)
                .hasMessage("int4 value length: 3 (expected: 4)");
        assertThatThrownBy(() -> decode(int2, hex("00 00 00 01"))).isInstanceOf(DecodeException.class)
                .hasMessage("int2 value length: 4 (expected: 2)");
        assertThatThrownBy(() -> decode(int8, hex("00 00 00 01"))).isInstanceOf(DecodeException.class)
                .hasMessage("int8 value length: 4 (expected: 8)");
        assertThatThrownBy(() -> decode(oid, new byte[0])).isInstanceOf(DecodeException.class)
                .hasMessage("oid value length: 0 (expected: 4)");
    }

    @Test
    void oidIsUnsignedThirtyTwoBits() {
        assertThat(decode(oid, hex("ff ff ff ff"))).isEqualTo(4_294_967_295L);
        assertThat(encode(oid, 4_294_967_295L)).isEqualTo(hex("ff ff ff ff"));
        assertThat(encode(oid, 2_147_483_648L)).isEqualTo(hex("80 00 00 00"));
        assertThat(roundTrip(oid, 0)).isEqualTo(0L);
        assertThat(roundTrip(oid, Integer.MAX_VALUE)).isEqualTo((long) Integer.MAX_VALUE);
    }

    @Test
    void oidRefusesNegativeAndTooLargeValues() {
        assertThatThrownBy(() -> encode(oid, -1)).isInstanceOf(EncodeException.class)
                .hasMessage("value -1 out of oid range [0, 4294967295]");
        assertThatThrownBy(() -> encode(oid, 4_294_967_296L)).isInstanceOf(EncodeException.class)
                .hasMessage("value 4294967296 out of oid range [0, 4294967295]");
    }

    @Test
    void bytesReadsBigEndianAtAnyOffset() {
        byte[] buf = hex("ff 01 02 03 04 05 06 07 08 ff");
        assertThat(Bytes.getShort(buf, 1)).isEqualTo((short) 0x0102);
        assertThat(Bytes.getUnsignedShort(buf, 8)).isEqualTo(0x08ff);
        assertThat(Bytes.getInt(buf, 1)).isEqualTo(0x01020304);
        assertThat(Bytes.getLong(buf, 1)).isEqualTo(0x0102030405060708L);
        assertThat(Bytes.getShort(hex("ff fe"), 0)).isEqualTo((short) -2);
    }
}
