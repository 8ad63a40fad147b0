package dev.tusk.internal.codec;

import static dev.tusk.internal.codec.CodecTesting.decode;
import static dev.tusk.internal.codec.CodecTesting.encode;
import static dev.tusk.internal.codec.CodecTesting.hex;
import static dev.tusk.internal.codec.CodecTesting.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.types.BitString;
import dev.tusk.types.Cidr;
import dev.tusk.types.Inet;
import dev.tusk.types.Interval;
import dev.tusk.types.Lsn;
import dev.tusk.types.Path;
import dev.tusk.types.Point;
import dev.tusk.types.Snapshot;
import dev.tusk.types.Tid;
import java.net.InetAddress;
import java.time.Duration;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The scalar codecs added for the full type system, on bytes. */
class ScalarCodecsTest {

    private static Codec codec(int oid) {
        return CodecRegistry.builtin().forOid(oid);
    }

    @Test
    void intervalKeepsMonthsDaysAndMicrosecondsApart() throws Exception {
        Codec interval = codec(Oids.INTERVAL);
        assertThat(hex(encode(interval, new Interval(1, 2, 3)))).isEqualTo("00 00 00 00 00 00 00 03 00 00 00 02 00 00 00 01");
        assertThat(roundTrip(interval, Duration.ofHours(25))).isEqualTo(new Interval(0, 0, 90_000_000_000L));
        assertThat(roundTrip(interval, Period.of(1, 2, 3))).isEqualTo(new Interval(14, 3, 0));
        assertThat(roundTrip(interval, Interval.NEGATIVE_INFINITY)).isEqualTo(Interval.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> encode(interval, Duration.ofSeconds(Long.MAX_VALUE))).isInstanceOf(EncodeException.class)
                .hasMessageContaining("out of interval range");
        assertThatThrownBy(() -> decode(interval, new byte[15])).isInstanceOf(DecodeException.class)
                .hasMessage("interval value length: 15 (expected: 16)");
    }

    @Test
    void timetzStoresTheZoneWestOfUtcAndKeeps2400() {
        Codec timetz = codec(Oids.TIMETZ);
        OffsetTime time = OffsetTime.of(1, 0, 0, 0, ZoneOffset.ofHours(2));
        assertThat(hex(encode(timetz, time))).isEqualTo("00 00 00 00 d6 93 a4 00 ff ff e3 e0");
        assertThat(roundTrip(timetz, OffsetTime.of(LocalTime.MAX, ZoneOffset.UTC))).isEqualTo(OffsetTime.of(LocalTime.MAX, ZoneOffset.UTC));
        assertThatThrownBy(() -> decode(timetz, hex("00 00 00 00 00 00 00 00 00 01 00 00")))
                .isInstanceOf(DecodeException.class).hasMessageContaining("timetz zone: 65536");
    }

    @Test
    void inetWithAFullPrefixIsAPlainAddressAndCidrIsAlwaysCidr() throws Exception {
        Codec inet = codec(Oids.INET);
        Codec cidr = codec(Oids.CIDR);
        InetAddress host = InetAddress.getByName("10.0.0.1");
        assertThat(hex(encode(inet, host))).isEqualTo("02 20 00 04 0a 00 00 01");
        assertThat(roundTrip(inet, host)).isEqualTo(host);
        assertThat(roundTrip(inet, new Inet(host, 8))).isEqualTo(new Inet(host, 8));
        assertThat(roundTrip(cidr, InetAddress.getByName("10.0.0.0"))).isEqualTo(new Cidr(InetAddress.getByName("10.0.0.0"), 32));
        assertThatThrownBy(() -> encode(cidr, new Inet(host, 8))).isInstanceOf(EncodeException.class)
                .hasMessageContaining("bits set to the right of the netmask");
        assertThatThrownBy(() -> decode(inet, hex("02 21 00 04 0a 00 00 01"))).isInstanceOf(DecodeException.class)
                .hasMessage("inet prefix length: 33 (expected: <= 32)");
        assertThatThrownBy(() -> decode(inet, hex("07 20 00 04 0a 00 00 01"))).isInstanceOf(DecodeException.class);
    }

    @Test
    void macaddrReadsAsCanonicalTextAndAcceptsCommonSpellings() {
        Codec macaddr = codec(Oids.MACADDR);
        assertThat(decode(macaddr, hex("08 00 2b 01 02 ff"))).isEqualTo("08:00:2b:01:02:ff");
        assertThat(hex(encode(macaddr, "08-00-2B-01-02-FF"))).isEqualTo("08 00 2b 01 02 ff");
        assertThat(hex(encode(macaddr, "08002b0102ff"))).isEqualTo("08 00 2b 01 02 ff");
        assertThatThrownBy(() -> encode(macaddr, "08:00:2b")).isInstanceOf(EncodeException.class)
                .hasMessage("not a macaddr of 6 hexadecimal pairs: 08:00:2b");
        assertThat(decode(codec(Oids.MACADDR8), hex("01 02 03 04 05 06 07 08"))).isEqualTo("01:02:03:04:05:06:07:08");
    }

    @Test
    void bitStringsCarryTheirBitCount() {
        Codec varbit = codec(Oids.VARBIT);
        assertThat(hex(encode(varbit, BitString.of("101")))).isEqualTo("00 00 00 03 a0");
        assertThat(decode(varbit, hex("00 00 00 03 bf"))).isEqualTo(BitString.of("101"));
        assertThatThrownBy(() -> decode(varbit, hex("00 00 00 10 ff"))).isInstanceOf(DecodeException.class)
                .hasMessageContaining("varbit bit count: 16");
    }

    @Test
    void pathAndPolygonPointCountsMustMatchTheirLength() {
        Codec path = codec(Oids.PATH);
        Path open = new Path(List.of(new Point(1, 2)), false);
        assertThat(roundTrip(path, open)).isEqualTo(open);
        assertThatThrownBy(() -> decode(path, hex("01 7f ff ff ff"))).isInstanceOf(DecodeException.class)
                .hasMessage("path point count: 2147483647 (expected: 0 for 0 bytes)");
        assertThatThrownBy(() -> decode(codec(Oids.POLYGON), hex("3b 9a ca 00"))).isInstanceOf(DecodeException.class);
    }

    @Test
    void tidLsnXid8AndSnapshotsReadUnsignedValues() {
        assertThat(decode(codec(Oids.TID), hex("ff ff ff ff ff ff"))).isEqualTo(new Tid(4_294_967_295L, 65_535));
        assertThat(decode(codec(Oids.PG_LSN), hex("00 00 00 16 b3 74 d8 48"))).isEqualTo(Lsn.parse("16/B374D848"));
        assertThat(hex(encode(codec(Oids.PG_LSN), "16/B374D848"))).isEqualTo("00 00 00 16 b3 74 d8 48");
        assertThat(decode(codec(Oids.XID), hex("ff ff ff ff"))).isEqualTo(4_294_967_295L);
        assertThatThrownBy(() -> encode(codec(Oids.XID8), -1L)).isInstanceOf(EncodeException.class);
        assertThat(decode(codec(Oids.XID8), hex("7f ff ff ff ff ff ff ff"))).isEqualTo(Long.MAX_VALUE);
        assertThatThrownBy(() -> decode(codec(Oids.XID8), hex("ff ff ff ff ff ff ff ff")))
                .isInstanceOf(DecodeException.class)
                .hasMessageStartingWith("xid8 value 18446744073709551615 is above Long.MAX_VALUE");
        Snapshot snapshot = new Snapshot(3, 9, List.of(4L, 7L));
        assertThat(roundTrip(codec(Oids.PG_SNAPSHOT), snapshot)).isEqualTo(snapshot);
        assertThatThrownBy(() -> decode(codec(Oids.TXID_SNAPSHOT), hex("7f ff ff ff" + " 00".repeat(16))))
                .isInstanceOf(DecodeException.class).hasMessageContaining("xip count: 2147483647");
    }

    @Test
    void regTypesAreOidsUnderTheirOwnNames() {
        Codec regclass = codec(Oids.REGCLASS);
        assertThat(regclass.typeName()).isEqualTo("regclass");
        assertThat(decode(regclass, hex("00 00 04 eb"))).isEqualTo(1259L);
        assertThatThrownBy(() -> encode(regclass, "pg_class")).isInstanceOf(EncodeException.class)
                .hasMessageContaining("regclass");
    }
}
