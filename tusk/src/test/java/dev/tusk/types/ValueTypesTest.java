package dev.tusk.types;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.time.Period;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public value types: conversions, comparisons and text forms. */
class ValueTypesTest {

    @Test
    void intervalConvertsOnlyWhatFitsExactly() {
        Interval interval = new Interval(0, 2, 3_000_000);
        assertThat(interval.toDuration()).isEqualTo(Duration.ofDays(2).plusSeconds(3));
        assertThat(Interval.of(Period.of(1, 2, 3)).toPeriod()).isEqualTo(Period.of(1, 2, 3));
        assertThat(Interval.of(Duration.ofNanos(1_500))).isEqualTo(new Interval(0, 0, 2));
        assertThatThrownBy(() -> new Interval(1, 0, 0).toDuration()).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("1 months");
        assertThatThrownBy(interval::toPeriod).isInstanceOf(ArithmeticException.class);
        assertThat(new Interval(14, 3, -3_723_000_004L).toString()).isEqualTo("P1Y2M3DT-1H-2M-3.000004S");
        assertThat(new Interval(0, 0, Long.MIN_VALUE).toString()).startsWith("PT-2562047788H");
        assertThat(Interval.ZERO.toString()).isEqualTo("PT0S");
        assertThat(Interval.INFINITY.toString()).isEqualTo("infinity");
    }

    @Test
    void rangeSubsetSupersetAndContainsFollowBoundsAndInclusivity() {
        Range<Integer> outer = Range.of(1, 10);
        assertThat(Range.of(2, 5).isSubsetOf(outer)).isTrue();
        assertThat(Range.of(1, true, 10, true).isSubsetOf(outer)).isFalse();
        assertThat(outer.isSupersetOf(Range.empty())).isTrue();
        assertThat(Range.<Integer>of(null, 3).isSubsetOf(outer)).isFalse();
        assertThat(Range.<Integer>of(null, null).isSupersetOf(outer)).isTrue();
        assertThat(outer.contains(1)).isTrue();
        assertThat(outer.contains(10)).isFalse();
        assertThat(Range.<Integer>empty().contains(1)).isFalse();
        assertThat(Range.of(null, true, 5, false)).isEqualTo(Range.of(null, 5));
        assertThat(Range.of(null, 5).lowerInfinite()).isTrue();
        assertThat(Range.empty().lowerInfinite()).isFalse();
        assertThat(Range.of(1, false, null, false).toString()).isEqualTo("(1,)");
        assertThat(Range.empty().toString()).isEqualTo("empty");
    }

    @Test
    void bitStringsCompareByBitsAndLength() {
        assertThat(BitString.of("1010")).isEqualTo(BitString.fromBytes(new byte[] {(byte) 0xAF}, 4));
        assertThat(BitString.of("1010")).isNotEqualTo(BitString.of("10100"));
        assertThat(BitString.of("0011").get(2)).isTrue();
        assertThatThrownBy(() -> BitString.of("102")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("bit string character 2: '2' (expected: 0 or 1)");
    }

    @Test
    void lsnParsesPrintsAndOrdersUnsigned() {
        assertThat(Lsn.parse("0/0")).isEqualTo(Lsn.INVALID);
        assertThat(Lsn.parse("FFFFFFFF/0").compareTo(Lsn.parse("1/0"))).isPositive();
        assertThat(new Lsn(0x16_B374_D848L).toString()).isEqualTo("16/B374D848");
        assertThatThrownBy(() -> Lsn.parse("16-1")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void networkAddressesValidateTheirPrefixes() throws Exception {
        InetAddress v4 = InetAddress.getByName("10.1.2.0");
        assertThat(new Inet(v4, 24).toString()).isEqualTo("10.1.2.0/24");
        assertThatThrownBy(() -> new Inet(v4, 33)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("prefix length of 10.1.2.0: 33 (expected: 0..32)");
        assertThatThrownBy(() -> new Cidr(v4, 16)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cidr 10.1.2.0/16 has bits set to the right of the netmask");
    }

    @Test
    void geometricAndOtherTypesPrintAsPostgresDoes() {
        assertThat(new Path(List.of(new Point(0, 0), new Point(1, 1)), false).toString()).isEqualTo("[(0.0,0.0),(1.0,1.0)]");
        assertThat(new Snapshot(1, 5, List.of(2L, 3L)).toString()).isEqualTo("1:5:2,3");
        assertThat(PgArray.of(0, List.of("a", "b")).toString()).isEqualTo("[0:1]=[a, b]");
        assertThatThrownBy(() -> new Tid(-1, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Multirange.of(Range.of(1, 2)).toString()).isEqualTo("{[1,2)}");
    }

    @Test
    void moneyConvertsAmountsExactlyWithAnExplicitScale() {
        assertThat(Money.of(new java.math.BigDecimal("12.3"), 2)).isEqualTo(new Money(1230));
        assertThat(new Money(-5).toBigDecimal(2)).isEqualTo(new java.math.BigDecimal("-0.05"));
        assertThat(new Money(1234).toBigDecimal(0)).isEqualTo(new java.math.BigDecimal("1234"));
        assertThatThrownBy(() -> Money.of(new java.math.BigDecimal("0.001"), 2)).isInstanceOf(ArithmeticException.class)
                .hasMessageContaining("0.001");
        assertThatThrownBy(() -> Money.of(new java.math.BigDecimal("1E20"), 2)).isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> new Money(1).toBigDecimal(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(new Money(-1).compareTo(Money.ZERO)).isNegative();
        assertThat(new Money(1234).toString()).isEqualTo("1234 minor units");
    }

    @Test
    void tsvectorsSortAndMergeLexemesAndPositionsAsTheServerDoes() {
        TsVector vector = new TsVector(List.of(TsVector.Lexeme.of("b", 3, 1), TsVector.Lexeme.of("a"),
                new TsVector.Lexeme("b", List.of(new TsVector.Position(3, TsVector.Weight.A)))));
        assertThat(vector.toString()).isEqualTo("'a' 'b':1,3A");
        assertThat(vector).isEqualTo(TsVector.parse("b:3A a b:1"));
        // UTF-8 byte order, which is code point order, not UTF-16 order
        assertThat(TsVector.of("\uD834\uDD1E", "\uFF21").lexemes()).extracting(TsVector.Lexeme::word)
                .containsExactly("\uFF21", "\uD834\uDD1E");
        assertThat(TsVector.of("it's", "a\\b").toString()).isEqualTo("'a\\\\b' 'it''s'");
        assertThat(TsVector.parse("'a b':1 it's x:99999").toString()).isEqualTo("'a b':1 'it''s' 'x':16383");
        assertThatThrownBy(() -> TsVector.Position.of(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tsvector position: 0 (expected: 1..16383)");
        assertThatThrownBy(() -> TsVector.of("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TsVector.parse("a:1AB")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("syntax error in tsvector");
        assertThatThrownBy(() -> TsVector.parse("'open")).isInstanceOf(IllegalArgumentException.class);
        int[] many = new int[257];
        for (int i = 0; i < many.length; i++) {
            many[i] = i + 1;
        }
        assertThatThrownBy(() -> TsVector.Lexeme.of("w", many)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("257 positions");
    }

    @Test
    void tsqueriesPrintAsTheServerWithItsPrecedenceAndParseBackToTheSameTree() {
        TsQuery a = TsQuery.lexeme("a");
        TsQuery b = TsQuery.lexeme("b");
        TsQuery c = TsQuery.lexeme("c");
        assertThat(a.and(b.or(c)).toString()).isEqualTo("'a' & ( 'b' | 'c' )");
        assertThat(a.and(b).or(c).toString()).isEqualTo("'a' & 'b' | 'c'");
        assertThat(a.and(b.and(c)).toString()).isEqualTo("'a' & 'b' & 'c'");
        assertThat(a.followedBy(b.followedBy(c, 2)).toString()).isEqualTo("'a' <-> ( 'b' <2> 'c' )");
        assertThat(a.or(b).negate().toString()).isEqualTo("!( 'a' | 'b' )");
        assertThat(TsQuery.prefix("x").withWeights(TsVector.Weight.C, TsVector.Weight.A).toString()).isEqualTo("'x':*AC");
        assertThat(TsQuery.parse("!a & b | c <-> d")).isEqualTo(a.negate().and(b).or(c.followedBy(TsQuery.lexeme("d"))));
        assertThat(TsQuery.parse("a & b & c")).isEqualTo(a.and(b).and(c));
        assertThat(TsQuery.parse("  ")).isEqualTo(TsQuery.EMPTY);
        assertThat(TsQuery.EMPTY.toString()).isEmpty();
        assertThatThrownBy(() -> TsQuery.parse("a <16385> b")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("16384");
        assertThatThrownBy(() -> TsQuery.parse("a &")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no operand");
        assertThatThrownBy(() -> a.and(TsQuery.EMPTY)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> a.followedBy(b, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
