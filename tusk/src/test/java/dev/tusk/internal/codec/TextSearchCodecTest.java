package dev.tusk.internal.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.types.Money;
import dev.tusk.types.TsQuery;
import dev.tusk.types.TsVector;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The binary codecs of money, tsvector, tsquery and the catalog vectors, without a server. */
class TextSearchCodecTest {

    private static byte[] encode(Codec codec, Object value) {
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encode(value, out);
            return ByteBufUtil.getBytes(out);
        } finally {
            out.release();
        }
    }

    private static Object roundTrip(Codec codec, Object value) {
        byte[] bytes = encode(codec, value);
        return codec.decode(bytes, 0, bytes.length);
    }

    @Test
    void valuesComeBackEqualThroughTheirBinaryForms() {
        TsVector vector = TsVector.parse("'a b':1A,2 c:3C 𝄞");
        assertThat(roundTrip(TsVectorCodec.INSTANCE, vector)).isEqualTo(vector);
        TsQuery query = TsQuery.parse("!a:*B & (b | c) <2> 'd e'");
        assertThat(roundTrip(TsQueryCodec.INSTANCE, query)).isEqualTo(query);
        assertThat(roundTrip(MoneyCodec.INSTANCE, new Money(Long.MIN_VALUE))).isEqualTo(new Money(Long.MIN_VALUE));
        assertThat(roundTrip(VectorCodec.OIDVECTOR, new long[] {1, 2})).isEqualTo(List.of(1L, 2L));
    }

    @Test
    void aDeepQueryIsDecodedAndEncodedWithoutRecursion() {
        TsQuery query = TsQuery.lexeme("x");
        for (int i = 0; i < 200_000; i++) {
            query = query.negate();
        }
        byte[] bytes = encode(TsQueryCodec.INSTANCE, query);
        TsQuery decoded = (TsQuery) TsQueryCodec.INSTANCE.decode(bytes, 0, bytes.length);
        for (int i = 0; i < 200_000; i++) {
            decoded = ((TsQuery.Not) decoded).operand();
        }
        assertThat(decoded).isEqualTo(TsQuery.lexeme("x"));
    }

    @Test
    void malformedBytesAreRefusedWithDecodeException() {
        // a count of lexemes larger than the bytes allow
        assertThatThrownBy(() -> TsVectorCodec.INSTANCE.decode(new byte[] {0, 0, 0, 9, 'a', 0, 0, 0}, 0, 8))
                .isInstanceOf(DecodeException.class).hasMessageContaining("lexeme count: 9");
        // a lexeme without its NUL
        assertThatThrownBy(() -> TsVectorCodec.INSTANCE.decode(new byte[] {0, 0, 0, 1, 'a', 'b', 'c'}, 0, 7))
                .isInstanceOf(DecodeException.class).hasMessageContaining("NUL");
        // position 0
        assertThatThrownBy(() -> TsVectorCodec.INSTANCE.decode(new byte[] {0, 0, 0, 1, 'a', 0, 0, 1, 0, 0}, 0, 10))
                .isInstanceOf(DecodeException.class).hasMessageContaining("position: 0");
        // an AND with a single operand
        assertThatThrownBy(() -> TsQueryCodec.INSTANCE.decode(new byte[] {0, 0, 0, 2, 2, 2, 1, 0, 0, 'a', 0}, 0, 11))
                .isInstanceOf(DecodeException.class).hasMessageContaining("lacks an operand");
        // two lexemes without an operator
        assertThatThrownBy(() -> TsQueryCodec.INSTANCE.decode(new byte[] {0, 0, 0, 2, 1, 0, 0, 'a', 0, 1, 0, 0, 'b', 0},
                0, 14)).isInstanceOf(DecodeException.class).hasMessageContaining("2 separate operands");
        assertThatThrownBy(() -> TsQueryCodec.INSTANCE.decode(new byte[] {0, 0, 0, 1, 2, 9}, 0, 6))
                .isInstanceOf(DecodeException.class).hasMessageContaining("operator: 9");
        assertThatThrownBy(() -> MoneyCodec.INSTANCE.decode(new byte[4], 0, 4)).isInstanceOf(DecodeException.class);
    }

    @Test
    void argumentsOfOtherTypesOrTextThatDoesNotParseAreRefused() {
        assertThatThrownBy(() -> encode(MoneyCodec.INSTANCE, 1.5)).isInstanceOf(EncodeException.class)
                .hasMessageContaining("Money");
        assertThatThrownBy(() -> encode(TsQueryCodec.INSTANCE, "a & & b")).isInstanceOf(EncodeException.class)
                .hasMessageContaining("syntax error in tsquery");
        assertThatThrownBy(() -> encode(TsVectorCodec.INSTANCE, 42)).isInstanceOf(EncodeException.class);
        assertThatThrownBy(() -> encode(VectorCodec.INT2VECTOR, java.util.Arrays.asList((short) 1, null)))
                .isInstanceOf(EncodeException.class).hasMessageContaining("NULLs");
    }
}
