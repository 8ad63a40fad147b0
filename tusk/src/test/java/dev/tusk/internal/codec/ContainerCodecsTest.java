package dev.tusk.internal.codec;

import static dev.tusk.internal.codec.CodecTesting.decode;
import static dev.tusk.internal.codec.CodecTesting.encode;
import static dev.tusk.internal.codec.CodecTesting.hex;
import static dev.tusk.internal.codec.CodecTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.types.Multirange;
import dev.tusk.types.PgArray;
import dev.tusk.types.Range;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Arrays, ranges and multiranges on bytes: layout, bounds kept, and malformed input refused before allocating. */
class ContainerCodecsTest {

    private final CodecRegistry registry = CodecRegistry.builtin();
    private final Codec int4Array = registry.forOid(Oids.INT4_ARRAY);
    private final Codec int4range = registry.forOid(Oids.INT4RANGE);

    @Test
    void anInt4ArrayHasArraySendsLayout() {
        assertThat(hex(encode(int4Array, Arrays.asList(7, null))))
                .isEqualTo("00 00 00 01 00 00 00 01 00 00 00 17 00 00 00 02 00 00 00 01 00 00 00 04 00 00 00 07 ff ff ff ff");
        assertThat(hex(encode(int4Array, List.of()))).isEqualTo("00 00 00 00 00 00 00 00 00 00 00 17");
    }

    @Test
    void lowerBoundsOtherThanOneComeBackAsPgArray() {
        PgArray array = new PgArray(List.of(List.of(1, 2), List.of(3, 4)), List.of(0, -5));
        assertThat(roundTrip(int4Array, array)).isEqualTo(array);
        assertThat(roundTrip(int4Array, new int[][] {{1, 2}, {3, 4}})).isEqualTo(List.of(List.of(1, 2), List.of(3, 4)));
    }

    @Test
    void aHeaderClaimingABillionElementsFailsAtOnce() {
        byte[] header = hex("00 00 00 01 00 00 00 00 00 00 00 17 3b 9a ca 00 00 00 00 01");
        assertThatThrownBy(() -> decode(int4Array, header)).isInstanceOf(DecodeException.class)
                .hasMessage("_int4 element count: 1000000000 or more (expected: <= 0 for 0 bytes of elements)");
        byte[] square = hex("00 00 00 02 00 00 00 00 00 00 00 17 00 01 00 00 00 00 00 01 00 01 00 00 00 00 00 01"
                + " 00 00 00 00");
        assertThatThrownBy(() -> decode(int4Array, square)).isInstanceOf(DecodeException.class)
                .hasMessage("_int4 element count: 65536 or more (expected: <= 1 for 4 bytes of elements)");
    }

    @Test
    void malformedArrayHeadersAreRefused() {
        assertThatThrownBy(() -> decode(int4Array, hex("00 00 00 07 00 00 00 00 00 00 00 17")))
                .isInstanceOf(DecodeException.class).hasMessage("_int4 dimensions: 7 (expected: 0..6)");
        assertThatThrownBy(() -> decode(int4Array, hex("00 00 00 01 00 00 00 00 00 00 00 17 ff ff ff ff 00 00 00 01")))
                .isInstanceOf(DecodeException.class).hasMessageContaining("length -1");
        assertThatThrownBy(() -> decode(int4Array, hex("00 00 00 01 00 00 00 02 00 00 00 17")))
                .isInstanceOf(DecodeException.class).hasMessage("_int4 flags: 2 (expected: 0 or 1)");
        assertThatThrownBy(() -> decode(int4Array,
                hex("00 00 00 01 00 00 00 00 00 00 00 17 00 00 00 01 00 00 00 01 7f ff ff ff 00")))
                .isInstanceOf(DecodeException.class).hasMessageContaining("element length: 2147483647");
        assertThatThrownBy(() -> decode(int4Array,
                hex("00 00 00 01 00 00 00 00 00 00 00 17 00 00 00 02 7f ff ff ff 00 00 00 04 00 00 00 01 00 00 00 04 00 00 00 02")))
                .isInstanceOf(DecodeException.class).hasMessageContaining("lower bound 2147483647");
    }

    @Test
    void arraysDeeperThanSixDimensionsOrRaggedAreRefused() {
        Object deep = List.of(List.of(List.of(List.of(List.of(List.of(List.of(1)))))));
        assertThatThrownBy(() -> encode(int4Array, deep)).isInstanceOf(EncodeException.class)
                .hasMessageContaining("more than 6 dimensions");
        assertThatThrownBy(() -> encode(int4Array, List.of(List.of(1), 2))).isInstanceOf(EncodeException.class)
                .hasMessageContaining("not rectangular");
        assertThatThrownBy(() -> encode(int4Array, "1,2")).isInstanceOf(EncodeException.class)
                .hasMessage("expected a Java array, Collection or PgArray for _int4, got java.lang.String");
    }

    @Test
    void rangesKeepBoundsAndFlags() {
        assertThat(hex(encode(int4range, Range.of(1, 5))))
                .isEqualTo("02 00 00 00 04 00 00 00 01 00 00 00 04 00 00 00 05");
        assertThat(hex(encode(int4range, Range.empty()))).isEqualTo("01");
        assertThat(hex(encode(int4range, Range.of(null, 5)))).isEqualTo("08 00 00 00 04 00 00 00 05");
        assertThat(roundTrip(int4range, Range.of(null, false, 9, true))).isEqualTo(Range.of(null, false, 9, true));
        assertThat(roundTrip(int4range, Range.of(null, null))).isEqualTo(Range.of(null, null));
    }

    @Test
    void malformedRangesAreRefused() {
        assertThatThrownBy(() -> decode(int4range, hex("02 00 00 00 04 00 00 00"))).isInstanceOf(DecodeException.class)
                .hasMessageContaining("bound length");
        assertThatThrownBy(() -> decode(int4range, hex("01 00"))).isInstanceOf(DecodeException.class)
                .hasMessageContaining("empty range has 1 bytes");
        assertThatThrownBy(() -> decode(int4range, hex(""))).isInstanceOf(DecodeException.class);
    }

    @Test
    void multirangesHoldRangesAndRefuseImpossibleCounts() {
        Codec multirange = registry.forOid(Oids.INT4MULTIRANGE);
        Multirange<Integer> value = Multirange.of(Range.of(1, 3), Range.of(5, null));
        assertThat(roundTrip(multirange, value)).isEqualTo(value);
        assertThatThrownBy(() -> decode(multirange, hex("7f ff ff ff 00 00 00 01 01"))).isInstanceOf(DecodeException.class)
                .hasMessageContaining("range count: 2147483647");
    }

    @Test
    void compositeAndRecordAttributeCountsAreBoundedByTheBytes() {
        Codec record = registry.forOid(Oids.RECORD);
        assertThatThrownBy(() -> decode(record, hex("3b 9a ca 00"))).isInstanceOf(DecodeException.class)
                .hasMessage("record attribute count: 1000000000 (expected: 0..0 for 4 bytes)");
        assertThatThrownBy(() -> encode(record, List.of(1))).isInstanceOf(EncodeException.class)
                .hasMessageContaining("anonymous type record");
    }
}
