package dev.tusk.internal.codec;

import static dev.tusk.internal.codec.CodecTesting.decode;
import static dev.tusk.internal.codec.CodecTesting.encode;
import static dev.tusk.internal.codec.CodecTesting.hex;
import static dev.tusk.internal.codec.CodecTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextCodecsTest {

    private static final List<TextCodec> STRING_TYPES = List.of(TextCodec.TEXT, TextCodec.VARCHAR, TextCodec.BPCHAR,
            TextCodec.NAME, TextCodec.XML, TextCodec.JSON, TextCodec.UNKNOWN);

    private final Codec jsonb = JsonbCodec.INSTANCE;
    private final Codec character = CharCodec.INSTANCE;

    @Test
    void everyStringTypeRoundTripsEmptyAsciiAndTextBeyondTheBasicPlane() {
        for (TextCodec codec : STRING_TYPES) {
            for (String value : new String[] {"", "hello", "naïve café", "日本語", "𝄞 clef", "x".repeat(100_000)}) {
                assertThat(roundTrip(codec, value)).as(codec.typeName()).isEqualTo(value);
            }
        }
    }

    @Test
    void textIsUtf8WithoutTerminator() {
        assertThat(encode(TextCodec.TEXT, "𝄞")).isEqualTo(hex("f0 9d 84 9e"));
        assertThat(encode(TextCodec.VARCHAR, "é")).isEqualTo(hex("c3 a9"));
        assertThat(encode(TextCodec.TEXT, "")).isEmpty();
        assertThat(decode(TextCodec.TEXT, hex("f0 9d 84 9e"))).isEqualTo("𝄞");
    }

    @Test
    void anyCharSequenceAndCharacterAreAccepted() {
        assertThat(roundTrip(TextCodec.TEXT, new StringBuilder("built"))).isEqualTo("built");
        assertThat(roundTrip(TextCodec.BPCHAR, 'x')).isEqualTo("x");
    }

    @Test
    void otherJavaTypesAreRefusedNamingBothTypes() {
        assertThatThrownBy(() -> encode(TextCodec.TEXT, 42)).isInstanceOf(EncodeException.class)
                .hasMessage("expected String, another CharSequence, Character or enum constant for text, got java.lang.Integer");
        assertThatThrownBy(() -> encode(TextCodec.JSON, new byte[0])).isInstanceOf(EncodeException.class)
                .hasMessage("expected String, another CharSequence, Character or enum constant for json, got byte[]");
    }

    @Test
    void aNulCharacterIsRefusedAndNothingIsLeftWritten() {
        ByteBuf out = Unpooled.buffer();
        try {
            out.writeInt(7);
            assertThatThrownBy(() -> TextCodec.TEXT.encode("ab\u0000c", out)).isInstanceOf(EncodeException.class)
                    .hasMessage("text cannot contain a NUL character (\\u0000); found one at UTF-8 byte 2");
            assertThat(out.writerIndex()).isEqualTo(4);
        } finally {
            out.release();
        }
    }

    @Test
    void codecsReportTheirTypes() {
        assertThat(STRING_TYPES).extracting(Codec::typeName)
                .containsExactly("text", "varchar", "bpchar", "name", "xml", "json", "unknown");
        assertThat(STRING_TYPES).extracting(Codec::oid).containsExactly(25, 1043, 1042, 19, 142, 114, 705);
        assertThat(STRING_TYPES).allSatisfy(codec -> assertThat(codec.javaType()).isEqualTo(String.class));
    }

    @Test
    void jsonbIsVersionOneFollowedByTheText() {
        assertThat(encode(jsonb, "{}")).isEqualTo(hex("01 7b 7d"));
        assertThat(decode(jsonb, hex("01 5b 5d"))).isEqualTo("[]");
        assertThat(roundTrip(jsonb, "{\"clef\": \"𝄞\"}")).isEqualTo("{\"clef\": \"𝄞\"}");
    }

    @Test
    void jsonbRejectsAnotherVersionAndAnEmptyValue() {
        assertThatThrownBy(() -> decode(jsonb, hex("02 7b 7d"))).isInstanceOf(DecodeException.class)
                .hasMessage("jsonb version: 2 (expected: 1)");
        assertThatThrownBy(() -> decode(jsonb, new byte[0])).isInstanceOf(DecodeException.class)
                .hasMessage("jsonb value length: 0 (expected: >= 1)");
    }

    @Test
    void jsonbRefusesNonTextLeavingNothingWritten() {
        ByteBuf out = Unpooled.buffer();
        try {
            assertThatThrownBy(() -> jsonb.encode(Boolean.TRUE, out)).isInstanceOf(EncodeException.class)
                    .hasMessage("expected String, another CharSequence, Character or enum constant for jsonb, got java.lang.Boolean");
            assertThat(out.writerIndex()).isZero();
        } finally {
            out.release();
        }
    }

    @Test
    void charIsOneRawByte() {
        assertThat(encode(character, "a")).isEqualTo(hex("61"));
        assertThat(encode(character, 'Z')).isEqualTo(hex("5a"));
        assertThat(decode(character, hex("61"))).isEqualTo("a");
        assertThat(roundTrip(character, 'é')).isEqualTo("é");
        assertThat(encode(character, "é")).isEqualTo(hex("e9"));
    }

    @Test
    void charZeroIsTheEmptyString() {
        assertThat(decode(character, hex("00"))).isEqualTo("");
        assertThat(encode(character, "")).isEqualTo(hex("00"));
    }

    @Test
    void charRefusesLongerStringsCharactersBeyondOneByteAndOtherTypes() {
        assertThatThrownBy(() -> encode(character, "ab")).isInstanceOf(EncodeException.class)
                .hasMessage("\"char\" holds one character, got a String of length 2");
        assertThatThrownBy(() -> encode(character, '€')).isInstanceOf(EncodeException.class)
                .hasMessage("\"char\" holds one byte, and character U+20AC is outside ISO-8859-1 (U+0000..U+00FF)");
        assertThatThrownBy(() -> encode(character, 1)).isInstanceOf(EncodeException.class)
                .hasMessage("expected Character or a String of one character, got java.lang.Integer");
        assertThatThrownBy(() -> decode(character, hex("61 62"))).isInstanceOf(DecodeException.class)
                .hasMessage("\"char\" value length: 2 (expected: 1)");
    }
}
