package dev.tusk.internal.codec;

import static dev.tusk.internal.codec.CodecTesting.decode;
import static dev.tusk.internal.codec.CodecTesting.encode;
import static dev.tusk.internal.codec.CodecTesting.hex;
import static dev.tusk.internal.codec.CodecTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** bytea, uuid, bool and void: the codecs whose value is raw bytes or has no content. */
class BinaryCodecsTest {

    private final Codec bytea = ByteaCodec.INSTANCE;
    private final Codec uuid = UuidCodec.INSTANCE;
    private final Codec bool = BoolCodec.INSTANCE;
    private final Codec voidCodec = VoidCodec.INSTANCE;

    @Test
    void byteaRoundTripsEmptyAndOneMegabyte() {
        assertThat((byte[]) roundTrip(bytea, new byte[0])).isEmpty();
        byte[] large = new byte[1 << 20];
        new Random(17).nextBytes(large);
        assertThat((byte[]) roundTrip(bytea, large)).isEqualTo(large);
    }

    @Test
    void byteaIsTheBytesAsTheyAre() {
        assertThat(encode(bytea, hex("00 ff 10"))).isEqualTo(hex("00 ff 10"));
        assertThat(decode(bytea, hex("de ad"))).isEqualTo(hex("de ad"));
    }

    @Test
    void byteaWritesTheRemainingBytesOfAByteBufferWithoutMovingItsPosition() {
        ByteBuffer heap = ByteBuffer.wrap(hex("01 02 03 04 05 06"));
        heap.position(2).limit(5);
        assertThat(encode(bytea, heap)).isEqualTo(hex("03 04 05"));
        assertThat(heap.position()).isEqualTo(2);
        assertThat(heap.limit()).isEqualTo(5);

        ByteBuffer direct = ByteBuffer.allocateDirect(3).put(hex("0a 0b 0c"));
        direct.flip();
        assertThat(encode(bytea, direct)).isEqualTo(hex("0a 0b 0c"));
        assertThat(direct.remaining()).isEqualTo(3);
    }

    @Test
    void byteaRefusesOtherTypesNamingBothTypes() {
        assertThatThrownBy(() -> encode(bytea, "bytes")).isInstanceOf(EncodeException.class)
                .hasMessage("expected byte[] or ByteBuffer, got java.lang.String");
    }

    @Test
    void uuidIsSixteenBytesMostSignificantFirst() {
        UUID value = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
        assertThat(encode(uuid, value)).isEqualTo(hex("00112233445566778899aabbccddeeff"));
        assertThat(decode(uuid, hex("00112233445566778899aabbccddeeff"))).isEqualTo(value);
    }

    @Test
    void uuidRoundTripsRandomAndExtremeValues() {
        for (UUID value : new UUID[] {UUID.randomUUID(), new UUID(0, 0), new UUID(-1, -1), new UUID(Long.MIN_VALUE, 1)}) {
            assertThat(roundTrip(uuid, value)).isEqualTo(value);
        }
    }

    @Test
    void uuidTakesACanonicalStringInEitherCase() {
        assertThat(encode(uuid, "00112233-4455-6677-8899-AABBCCDDEEFF")).isEqualTo(hex("00112233445566778899aabbccddeeff"));
        assertThat(roundTrip(uuid, "f81d4fae-7dec-11d0-a765-00a0c91e6bf6"))
                .isEqualTo(UUID.fromString("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"));
    }

    @Test
    void uuidRefusesNonCanonicalStringsAndOtherTypes() {
        for (String text : new String[] {"1-2-3-4-5", "00112233445566778899aabbccddeeff", "00112233-4455-6677-8899-aabbccddeefg",
            "00112233-4455-6677-8899_aabbccddeeff", "00112233-4455-6677-8899-aabbccddeeff0", "+0112233-4455-6677-8899-aabbccddeeff",
            "001122٣٣-4455-6677-8899-aabbccddeeff"}) {
            assertThatThrownBy(() -> encode(uuid, text)).as(text).isInstanceOf(EncodeException.class)
                    .hasMessageStartingWith("expected a UUID as 8-4-4-4-12 hex digits, got a String of length ")
                    .hasMessageNotContaining(text);
        }
        assertThatThrownBy(() -> encode(uuid, 42L)).isInstanceOf(EncodeException.class)
                .hasMessage("expected UUID or a String in canonical UUID form, got java.lang.Long");
    }

    @Test
    void uuidRejectsWrongLengths() {
        assertThatThrownBy(() -> decode(uuid, new byte[15])).isInstanceOf(DecodeException.class)
                .hasMessage("uuid value length: 15 (expected: 16)");
    }

    @Test
    void boolIsOneByteAndAnyNonZeroByteIsTrue() {
        assertThat(encode(bool, true)).isEqualTo(hex("01"));
        assertThat(encode(bool, false)).isEqualTo(hex("00"));
        assertThat(decode(bool, hex("01"))).isEqualTo(true);
        assertThat(decode(bool, hex("00"))).isEqualTo(false);
        assertThat(decode(bool, hex("02"))).isEqualTo(true);
    }

    @Test
    void boolRefusesOtherTypesAndWrongLengths() {
        assertThatThrownBy(() -> encode(bool, 1)).isInstanceOf(EncodeException.class)
                .hasMessage("expected Boolean, got java.lang.Integer");
        assertThatThrownBy(() -> decode(bool, new byte[0])).isInstanceOf(DecodeException.class)
                .hasMessage("bool value length: 0 (expected: 1)");
    }

    @Test
    void voidDecodesItsEmptyValueToNull() {
        assertThat(decode(voidCodec, new byte[0])).isNull();
        assertThatThrownBy(() -> decode(voidCodec, new byte[1])).isInstanceOf(DecodeException.class)
                .hasMessage("void value length: 1 (expected: 0)");
    }

    @Test
    void voidEncodesNoValue() {
        assertThatThrownBy(() -> encode(voidCodec, "x")).isInstanceOf(EncodeException.class)
                .hasMessage("void takes no value other than null, got java.lang.String");
    }
}
