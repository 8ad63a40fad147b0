package dev.tusk.typestest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.PreparedStatement;
import dev.tusk.Record;
import dev.tusk.Tusk;
import dev.tusk.codec.TypeCodec;
import dev.tusk.exceptions.DataException;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.ProgramLimitExceededException;
import dev.tusk.test.Db;
import dev.tusk.types.BitString;
import dev.tusk.types.Cidr;
import dev.tusk.types.Inet;
import dev.tusk.types.Interval;
import dev.tusk.types.Multirange;
import dev.tusk.types.PgArray;
import dev.tusk.types.Range;
import dev.tusk.types.Snapshot;
import dev.tusk.types.Tid;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Edge cases of asyncpg's own codec, record, introspection and type tests ({@code test_codecs.py},
 * {@code test_record.py}, {@code test_introspection.py}, {@code test_types.py}) that the other type
 * tests do not cover, each asserting Tusk's documented mapping against a real server.
 */
class AsyncpgCodecCasesTest {

    private static Connection conn;
    private static int serverVersionNum;

    @BeforeAll
    static void connect() {
        conn = Tusk.connect(Db.options().serverSetting("TimeZone", "UTC").build()).join();
        serverVersionNum = Integer.parseInt(conn.<String>fetchval("SHOW server_version_num").join());
        conn.execute("DROP SCHEMA IF EXISTS apg CASCADE; CREATE SCHEMA apg").join();
    }

    @AfterAll
    static void close() {
        conn.execute("DROP SCHEMA apg CASCADE").join();
        conn.close();
    }

    private static Object val(String sql, Object... args) {
        return conn.<Object>fetchval(sql, args).join();
    }

    private static Throwable failure(Connection on, String sql, Object... args) {
        try {
            on.fetchval(sql, args).join();
        } catch (CompletionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected " + sql + " to fail");
    }

    // ---- numeric ----------------------------------------------------------------------------

    @Test
    void numericKeepsItsDisplayScaleAndDigitsOfEveryMagnitude() {
        List<String> cases = List.of("0.00000000000000", "1.00000000000000", "-2.00000000000000",
                "1000000000000000.00000000000000", "1234000000.00088883231", "-3123000000.23111", "3123.2311100000",
                "-3123.0023111", "10000.23111", "100000000.0", "100.123456790000000000000000", "0.0", "-1.0",
                "0.000000000000010000000000001", "0.00000000100000000000000001", "0.00001000000",
                "0.001", "0.001000", "1", "1.00000", "18446744073709551616", "-340282366920938463463374607431768211456",
                "1" + "0".repeat(117) + "." + "0".repeat(161));
        for (String text : cases) {
            BigDecimal value = new BigDecimal(text);
            Object back = val("SELECT $1::numeric", value);
            assertThat(back).as(text).isInstanceOf(BigDecimal.class);
            assertThat(((BigDecimal) back).toPlainString()).as(text).isEqualTo(value.toPlainString());
            assertThat(((BigDecimal) back).scale()).as(text).isEqualTo(value.scale());
            assertThat(val("SELECT $1::numeric::text", value)).as(text).isEqualTo(value.toPlainString());
        }
    }

    @Test
    void numericOfAThousandDigitsEitherSideOfThePointRoundTrips() {
        BigDecimal tiny = new BigDecimal("1.0E-1000");
        BigDecimal huge = new BigDecimal("1E1000");
        assertThat(val("SELECT $1::numeric", tiny)).isEqualTo(tiny);
        assertThat(val("SELECT $1::numeric = '1.0E-1000'::numeric", tiny)).isEqualTo(true);
        assertThat((BigDecimal) val("SELECT '1E1000'::numeric")).isEqualByComparingTo(huge);
        assertThat(val("SELECT $1::numeric = '1E1000'::numeric", huge)).isEqualTo(true);
    }

    @Test
    void aNumericColumnsTypmodScaleComesBack() {
        conn.execute("CREATE TABLE apg.num_tab (v numeric(3, 2)); INSERT INTO apg.num_tab VALUES (0), (1)").join();
        try {
            assertThat(((BigDecimal) val("SELECT v FROM apg.num_tab WHERE v = $1", 0)).toPlainString()).isEqualTo("0.00");
            assertThat(((BigDecimal) val("SELECT v FROM apg.num_tab WHERE v = $1", 1)).toPlainString()).isEqualTo("1.00");
        } finally {
            conn.execute("DROP TABLE apg.num_tab").join();
        }
    }

    @Test
    void numericNaNAndInfinitiesAreDoubles() {
        assertThat(val("SELECT $1::numeric", Double.NaN)).isEqualTo(Double.NaN);
        assertThat(val("SELECT 'NaN'::numeric")).isEqualTo(Double.NaN);
        if (serverVersionNum >= 140_000) {
            assertThat(val("SELECT $1::numeric", Double.NEGATIVE_INFINITY)).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(val("SELECT $1::numeric", Double.POSITIVE_INFINITY)).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(val("SELECT '-Infinity'::numeric")).isEqualTo(Double.NEGATIVE_INFINITY);
        } else {
            assertThat(failure(conn, "SELECT $1::numeric", Double.POSITIVE_INFINITY)).isInstanceOf(DataException.class);
        }
        assertThat(failure(conn, "SELECT $1::numeric", "invalid")).isInstanceOf(DataException.class)
                .hasMessageContaining("$1");
        assertThat(val("SELECT 1")).isEqualTo(1);
    }

    // ---- integers, floats -------------------------------------------------------------------

    @Test
    void integersOutOfRangeAreRefusedNamingTheArgument() {
        Object[][] cases = {
            {"int2", BigInteger.TWO.pow(256)}, {"int2", new BigDecimal("2000000000000000000000000000000")},
            {"int2", 0xffff}, {"int2", 32768}, {"int2", -32769},
            {"int4", BigInteger.TWO.pow(256)}, {"int4", 0xffffffffL}, {"int4", 1L << 31}, {"int4", -(1L << 31) - 1},
            {"int8", BigInteger.TWO.pow(63)}, {"int8", BigInteger.TWO.pow(63).negate().subtract(BigInteger.ONE)},
            {"int8", new BigInteger("ffffffffffffffff", 16)},
            {"int4", "2"}, {"int8", "aa"}, {"oid", 1L << 32}, {"oid", -1}, {"bool", 1}, {"bytea", 1}, {"bytea", "aaa"},
            {"text", new byte[] {'f'}}, {"text", List.of(1)}, {"timestamp", "foo"}, {"timestamptz", "foo"},
        };
        for (Object[] c : cases) {
            assertThat(failure(conn, "SELECT $1::" + c[0], c[1])).as("%s %s", c[0], c[1])
                    .isInstanceOf(DataException.class).hasMessageContaining("$1");
        }
        assertThat(val("SELECT 1")).isEqualTo(1);
    }

    @Test
    void float4RefusesFiniteValuesBeyondItsRangeAndFloatsKeepTheirSpecialValues() {
        assertThat(failure(conn, "SELECT $1::float4", 4.1e40)).isInstanceOf(DataException.class);
        assertThat(failure(conn, "SELECT $1::float4", -4.1e40)).isInstanceOf(DataException.class);
        for (String type : List.of("float4", "float8")) {
            assertThat(((Number) val("SELECT 'infinity'::" + type)).doubleValue()).isEqualTo(Double.POSITIVE_INFINITY);
            assertThat(((Number) val("SELECT '-infinity'::" + type)).doubleValue()).isEqualTo(Double.NEGATIVE_INFINITY);
            assertThat(((Number) val("SELECT 'NaN'::" + type)).doubleValue()).isNaN();
        }
        assertThat(val("SELECT $1::float8", 122.2e-100)).isEqualTo(122.2e-100);
        assertThat(val("SELECT $1::float8", -1e-20)).isEqualTo(-1e-20);
        assertThat(val("SELECT $1::float4", 1.1f)).isEqualTo(1.1f);
        assertThat(val("SELECT $1::float4", -1e-20f)).isEqualTo(-1e-20f);
    }

    // ---- text, bytea, char ------------------------------------------------------------------

    @Test
    void largeTextAndTextArraysRoundTrip() {
        String big = "A".repeat(1024 * 1024 + 11);
        assertThat(val("SELECT $1::text", big)).isEqualTo(big);
        List<String> many = Collections.nCopies(10, "A".repeat(1024 * 1024));
        assertThat(val("SELECT $1::text[]", many)).isEqualTo(many);
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        assertThat((byte[]) val("SELECT $1::bytea", (Object) all)).isEqualTo(all);
        assertThat((byte[]) val("SELECT $1::bytea", (Object) new byte[2])).isEqualTo(new byte[2]);
    }

    @Test
    void internalCharTypeReadsEachByte() {
        assertThat(val("SELECT $1::\"char\"", "a")).isEqualTo("a");
        assertThat(val("SELECT ''::\"char\"")).isEqualTo("");
        assertThat(val("SELECT $1::\"char\"", "")).isEqualTo("");
    }

    // ---- dates and times --------------------------------------------------------------------

    @Test
    void datesAndTimestampsFarFromTheEpochAndInfinitiesRoundTrip() {
        List<LocalDateTime> stamps = List.of(LocalDateTime.of(3000, 5, 20, 5, 30, 10), LocalDateTime.of(2000, 1, 1, 5, 25, 10),
                LocalDateTime.of(500, 1, 1, 5, 25, 10), LocalDateTime.of(250, 1, 1, 5, 25, 10),
                LocalDateTime.of(1970, 1, 1, 20, 31, 23, 648_000_000));
        for (LocalDateTime stamp : stamps) {
            assertThat(val("SELECT $1::timestamp", stamp)).isEqualTo(stamp);
        }
        assertThat(val("SELECT $1::timestamp::text", LocalDateTime.of(1970, 1, 1, 20, 31, 23, 648_000_000)))
                .isEqualTo("1970-01-01 20:31:23.648");
        assertThat(val("SELECT $1::text::timestamp", "1970-01-01 20:31:23.648"))
                .isEqualTo(LocalDateTime.of(1970, 1, 1, 20, 31, 23, 648_000_000));
        assertThat(val("SELECT $1::text::timestamp", "infinity")).isEqualTo(LocalDateTime.MAX);
        assertThat(val("SELECT $1::text::timestamp", "-infinity")).isEqualTo(LocalDateTime.MIN);
        assertThat(val("SELECT $1::timestamp::text", LocalDateTime.MAX)).isEqualTo("infinity");
        assertThat(val("SELECT $1::timestamp::text", LocalDateTime.MIN)).isEqualTo("-infinity");
        assertThat(val("SELECT $1::text::timestamptz", "infinity")).isEqualTo(OffsetDateTime.MAX);
        assertThat(val("SELECT $1::text::timestamptz", "-infinity")).isEqualTo(OffsetDateTime.MIN);
        assertThat(val("SELECT $1::timestamptz::text", OffsetDateTime.MAX)).isEqualTo("infinity");
        assertThat(val("SELECT $1::timestamptz::text", OffsetDateTime.MIN)).isEqualTo("-infinity");
        for (LocalDate date : List.of(LocalDate.of(3000, 5, 20), LocalDate.of(2000, 1, 1), LocalDate.of(500, 1, 1))) {
            assertThat(val("SELECT $1::date", date)).isEqualTo(date);
        }
        assertThat(val("SELECT $1::text::date", "infinity")).isEqualTo(LocalDate.MAX);
        assertThat(val("SELECT $1::text::date", "-infinity")).isEqualTo(LocalDate.MIN);
        assertThat(val("SELECT $1::date::text", LocalDate.MAX)).isEqualTo("infinity");
        assertThat(val("SELECT $1::date::text", LocalDate.MIN)).isEqualTo("-infinity");
    }

    @Test
    void timestamptzWithOffsetsOfSecondsComesBackAsTheSameInstantInUtc() {
        for (int seconds : new int[] {4000, 6000, 7000, 2000}) {
            ZoneOffset offset = ZoneOffset.ofTotalSeconds(seconds / 60 * 60);
            for (OffsetDateTime stamp : List.of(OffsetDateTime.of(1990, 5, 12, 10, 10, 0, 0, offset),
                    OffsetDateTime.of(1800, 1, 1, 10, 10, 0, 0, offset), OffsetDateTime.of(2400, 1, 1, 10, 10, 0, 0, offset))) {
                OffsetDateTime back = (OffsetDateTime) val("SELECT $1::timestamptz", stamp);
                assertThat(back.toInstant()).isEqualTo(stamp.toInstant());
                assertThat(back.getOffset()).isEqualTo(ZoneOffset.UTC);
            }
        }
    }

    @Test
    void timetzKeepsItsOffsetIncludingSeconds() {
        for (int seconds : new int[] {4000, 6000, 7000, 2000, 0, -12600}) {
            OffsetTime time = OffsetTime.of(10, 10, 0, 0, ZoneOffset.ofTotalSeconds(seconds));
            assertThat(val("SELECT $1::timetz", time)).isEqualTo(time);
        }
        assertThat(val("SELECT '00:01:00-03:30'::timetz"))
                .isEqualTo(OffsetTime.of(0, 1, 0, 0, ZoneOffset.ofHoursMinutes(-3, -30)));
        assertThat(val("SELECT '10:10:00+01:06:40'::timetz"))
                .isEqualTo(OffsetTime.of(10, 10, 0, 0, ZoneOffset.ofTotalSeconds(4000)));
    }

    @Test
    void timetzReadInAZoneWithDaylightSavingIsSentBackAsTheSameInstant() {
        try (Connection toronto = Tusk.connect(Db.options().serverSetting("TimeZone", "America/Toronto").build()).join()) {
            toronto.execute("BEGIN").join();
            Record row = toronto.fetchrow("SELECT extract(epoch from now())::float8 AS epoch, now()::date AS date,"
                    + " now()::timetz AS time").join();
            LocalDate date = (LocalDate) row.get("date");
            OffsetTime time = (OffsetTime) row.get("time");
            double epoch = row.getDouble("epoch");
            long micros = time.atDate(date).toInstant().getEpochSecond() * 1_000_000 + time.getNano() / 1000;
            assertThat(micros).isEqualTo(Math.round(epoch * 1_000_000));
            assertThat(toronto.<Boolean>fetchval("SELECT now() = ($1::date + $2::timetz)", date, time).join()).isTrue();
            toronto.execute("COMMIT").join();
        }
    }

    @Test
    void intervalsKeepYearsAndMonthsApartFromDays() {
        assertThat(val("SELECT '5 years'::interval")).isEqualTo(new Interval(60, 0, 0));
        assertThat(val("SELECT '5 years 1 month'::interval")).isEqualTo(new Interval(61, 0, 0));
        assertThat(val("SELECT '-5 years -1 month'::interval")).isEqualTo(new Interval(-61, 0, 0));
        assertThat(val("SELECT $1::text::interval", "-2 years -11 months -10 days -2 hours -800 milliseconds"))
                .isEqualTo(new Interval(-35, -10, -7_200_800_000L));
        Duration negative = Duration.ofDays(-100).minusSeconds(400);
        assertThat(val("SELECT $1::interval", negative)).isEqualTo(new Interval(0, 0, negative.toNanos() / 1000));
        assertThat(val("SELECT justify_hours($1::interval)::text", Duration.ofDays(-2 * 365 - 11 * 30 - 10)
                .minusHours(2).minusMillis(800))).isEqualTo("-1070 days -02:00:00.8");
        assertThat(val("SELECT $1::interval", Duration.ofDays(40).plusSeconds(10).plusNanos(1_234_000)))
                .isEqualTo(new Interval(0, 0, 40L * 86_400_000_000L + 10_001_234L));
    }

    // ---- uuid, network, snapshots, bits, tid ------------------------------------------------

    @Test
    void uuidArraysAndTheNilUuidRoundTrip() {
        UUID nil = new UUID(0, 0);
        assertThat(val("SELECT $1::uuid", nil)).isEqualTo(nil);
        assertThat(val("SELECT $1::uuid", "00000000-0000-0000-0000-000000000000")).isEqualTo(nil);
        List<UUID> uuids = List.of(UUID.fromString("38a4ff5a-3a56-11e6-a6c2-c8f73323c6d4"), nil);
        assertThat(val("SELECT $1::uuid[]", uuids)).isEqualTo(uuids);
        assertThat(val("SELECT $1::uuid[]", List.of())).isEqualTo(List.of());
    }

    @Test
    void cidrAndInetAtTheEdgesOfTheirPrefixes() throws Exception {
        for (String text : List.of("255.255.255.255/32", "127.0.0.0/8", "127.1.0.0/16", "127.1.0.0/18", "10.0.0.0/32",
                "0.0.0.0/0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128", "::1/128", "::/0")) {
            String[] parts = text.split("/");
            Cidr cidr = new Cidr(InetAddress.getByName(parts[0]), Integer.parseInt(parts[1]));
            assertThat(val("SELECT $1::cidr", cidr)).as(text).isEqualTo(cidr);
            assertThat(val("SELECT $1::text::cidr", text)).as(text).isEqualTo(cidr);
        }
        for (String host : List.of("255.255.255.255", "127.0.0.1", "0.0.0.0", "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
                "::1", "::")) {
            InetAddress address = InetAddress.getByName(host);
            assertThat(val("SELECT $1::inet", address)).as(host).isEqualTo(address);
        }
        for (String text : List.of("10.0.0.1/30", "0.0.0.0/0", "255.255.255.255/31", "127.0.0.0/8", "10.11.12.13/0")) {
            String[] parts = text.split("/");
            Inet inet = new Inet(InetAddress.getByName(parts[0]), Integer.parseInt(parts[1]));
            assertThat(val("SELECT $1::inet", inet)).as(text).isEqualTo(inet);
            assertThat(val("SELECT $1::text::inet", text)).as(text).isEqualTo(inet);
        }
        assertThat(val("SELECT $1::text::inet", "127.0.0.1/32")).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(val("SELECT $1::text::inet", "10.11.12.13")).isEqualTo(InetAddress.getByName("10.11.12.13"));
        assertThat(val("SELECT $1::inet::text", InetAddress.getByName("10.11.12.13"))).isEqualTo("10.11.12.13/32");
        assertThat(val("SELECT $1::macaddr", "00:00:00:00:00:00")).isEqualTo("00:00:00:00:00:00");
        assertThat(val("SELECT $1::macaddr", "ff:ff:ff:ff:ff:ff")).isEqualTo("ff:ff:ff:ff:ff:ff");
    }

    @Test
    void snapshotsXidsAndTidsAtTheirLimits() {
        Snapshot snapshot = new Snapshot(100, 1000, List.of(100L, 200L, 300L, 400L));
        assertThat(val("SELECT $1::txid_snapshot", snapshot)).isEqualTo(snapshot);
        if (serverVersionNum >= 130_000) {
            assertThat(val("SELECT $1::pg_snapshot", snapshot)).isEqualTo(snapshot);
            assertThat(val("SELECT $1::xid8", 0L)).isEqualTo(0L);
            assertThat(val("SELECT $1::xid8", 1)).isEqualTo(1L);
        }
        for (long xid : new long[] {0, 1, 4_294_967_295L}) {
            assertThat(val("SELECT $1::xid", xid)).isEqualTo(xid);
        }
        for (Tid tid : List.of(new Tid(100, 200), new Tid(0, 0), new Tid(2_147_483_647, 0), new Tid(4_294_967_295L, 0),
                new Tid(0, 32767), new Tid(0, 65535))) {
            assertThat(val("SELECT $1::tid", tid)).isEqualTo(tid);
        }
    }

    @Test
    void bitStringsOfOddLengthsRoundTrip() {
        for (String bits : List.of("00000001", "00010001", "", "000", "000000001", "1".repeat(1000))) {
            assertThat(val("SELECT $1::varbit", BitString.of(bits))).as(bits).isEqualTo(BitString.of(bits));
            assertThat(val("SELECT $1::varbit::text", BitString.of(bits))).as(bits).isEqualTo(bits);
        }
        assertThat(val("SELECT $1::varbit", BitString.fromBytes(new byte[] {(byte) 0xff}, 3))).isEqualTo(BitString.of("111"));
    }

    @Test
    void voidReadsAsNull() {
        assertThat(val("SELECT pg_sleep(0)")).isNull();
    }

    // ---- arrays -----------------------------------------------------------------------------

    @Test
    void arraysOfEveryShapeTheServerMakesAreRead() {
        assertThat(val("SELECT '[1:3][-1:0]={{1,2},{4,5},{6,7}}'::int[]"))
                .isEqualTo(new PgArray(List.of(List.of(1, 2), List.of(4, 5), List.of(6, 7)), List.of(1, -1)));
        assertThat(val("SELECT '{{{{{{1}}}}}}'::int[]")).isEqualTo(List.of(List.of(List.of(List.of(List.of(List.of(1)))))));
        assertThat(val("SELECT '{1, 2, NULL}'::int[]::anyarray")).isEqualTo(Arrays.asList(1, 2, null));
        assertThat(val("SELECT '{}'::int[]")).isEqualTo(List.of());
        assertThat(failure(conn, "SELECT '{{{{{{{1}}}}}}}'::int[]")).isInstanceOf(ProgramLimitExceededException.class);
    }

    @Test
    void arraysWithNullsAndSixDimensionsComeBackAsSent() {
        List<Object> nullOnly = Collections.singletonList(null);
        List<?> sixDeep = List.of(List.of(List.of(List.of(List.of(nullOnly)))));
        List<?> withNull = List.of(List.of(List.of(1), List.of(2)), List.of(List.of(4), List.of(5)),
                List.of(nullOnly, List.of(7)));
        for (Object array : List.of(nullOnly, List.of(1, 2, 3, 4, 5, 6), List.of(List.of(1, 2), List.of(4, 5), List.of(6, 7)),
                withNull, List.of(List.of(List.of(List.of(List.of(List.of(1)))))), sixDeep)) {
            assertThat(val("SELECT $1::int[]", array)).as("%s", array).isEqualTo(array);
        }
    }

    @Test
    void malformedArrayArgumentsAreRefused() {
        Object sevenDeep = List.of(List.of(List.of(List.of(List.of(List.of(List.of(1)))))));
        assertThat(failure(conn, "SELECT $1::int[]", sevenDeep)).isInstanceOf(DataException.class).hasMessageContaining("$1");
        assertThat(failure(conn, "SELECT $1::int[]", List.of(1, List.of(1)))).isInstanceOf(DataException.class);
        assertThat(failure(conn, "SELECT $1::int[]", List.of(List.of(1), 1, List.of(2)))).isInstanceOf(DataException.class);
        assertThat(failure(conn, "SELECT $1::int[]", List.of(1, "t", 2))).isInstanceOf(DataException.class);
        assertThat(failure(conn, "SELECT $1::int[]", List.of(List.of(1), List.of("t"), List.of(2))))
                .isInstanceOf(DataException.class);
        assertThat(failure(conn, "SELECT $1::int[]", 1)).isInstanceOf(DataException.class);
        assertThat(val("SELECT 1")).isEqualTo(1);
    }

    // ---- ranges and multiranges -------------------------------------------------------------

    @Test
    void rangesComeBackInCanonicalForm() {
        Object[][] cases = {
            {Range.of(1, true, 9, true), Range.of(1, 10)},
            {Range.of(0, false, 9, true), Range.of(1, 10)},
            {Range.empty(), Range.empty()},
            {Range.of(null, 2), Range.of(null, 2)},
            {Range.of(null, false, 2, true), Range.of(null, 3)},
            {Range.of(2, null), Range.of(2, null)},
            {Range.of(null, null), Range.of(null, null)},
            {Range.of(3, 3), Range.empty()},
        };
        for (Object[] c : cases) {
            assertThat(val("SELECT $1::int4range", c[0])).as("%s", c[0]).isEqualTo(c[1]);
        }
        assertThat(failure(conn, "SELECT $1::int4range", "aa")).isInstanceOf(DataException.class);
    }

    @Test
    void rangesAreEqualAndHashAlikeOnlyWhenTheirBoundsAndFlagsAre() {
        assertThat(new java.util.HashSet<>(List.of(Range.of(0, 1), Range.of(0, 1)))).hasSize(1);
        assertThat(new java.util.HashSet<>(List.of(Range.of(0, 1), Range.of(0, 2)))).hasSize(2);
        assertThat(new java.util.HashSet<>(List.of(Range.empty(), Range.of(0, 2)))).hasSize(2);
        assertThat(new java.util.HashSet<>(List.of(Range.empty(), Range.empty()))).hasSize(1);
        assertThat(new java.util.HashSet<>(List.of(Range.of(0, true, 1, true), Range.of(0, 1)))).hasSize(2);
    }

    @Test
    void rangeSubsetAndSupersetFollowAsyncpgsMatrix() {
        List<Range<Integer>> subs = List.of(Range.empty(), Range.of(1, true, 5, false), Range.of(1, true, 5, true),
                Range.of(1, false, 5, true), Range.of(1, false, 5, false), Range.of(-5, 10), Range.of(2, 3),
                Range.of(1, null), Range.of(null, null));
        List<Range<Integer>> sups = List.of(Range.empty(), Range.of(1, true, 5, false), Range.of(1, true, 5, true),
                Range.of(1, false, 5, true), Range.of(1, false, 5, false), Range.of(null, null));
        boolean[] results = {
            true, true, true, true, true, true,
            false, true, true, false, false, true,
            false, false, true, false, false, true,
            false, false, true, true, false, true,
            false, true, true, true, true, true,
            false, false, false, false, false, true,
            false, true, true, true, true, true,
            false, false, false, false, false, true,
            false, false, false, false, false, true,
        };
        int i = 0;
        for (Range<Integer> sub : subs) {
            for (Range<Integer> sup : sups) {
                assertThat(sub.isSubsetOf(sup)).as("%s <= %s", sub, sup).isEqualTo(results[i]);
                assertThat(sup.isSupersetOf(sub)).as("%s >= %s", sup, sub).isEqualTo(results[i]);
                i++;
            }
        }
    }

    @Test
    void multirangesMergeAndDropEmptyRanges() {
        if (serverVersionNum < 140_000) {
            return;
        }
        Object[][] cases = {
            {List.of(), Multirange.of()},
            {List.of(Range.empty()), Multirange.of()},
            {List.of(Range.of(0, false, 9, true)), Multirange.of(Range.of(1, 10))},
            {List.of(Range.of(1, true, 9, true), Range.of(9, true, 11, true)), Multirange.of(Range.of(1, 12))},
            {List.of(Range.of(1, true, 9, true), Range.of(20, true, 30, true)), Multirange.of(Range.of(1, 10), Range.of(20, 31))},
            {List.of(Range.of(null, false, 2, true)), Multirange.of(Range.of(null, 3))},
        };
        for (Object[] c : cases) {
            assertThat(val("SELECT $1::int4multirange", c[0])).as("%s", c[0]).isEqualTo(c[1]);
        }
        assertThat(failure(conn, "SELECT $1::int4multirange", 1)).isInstanceOf(DataException.class);
    }

    // ---- composites, domains, enums ---------------------------------------------------------

    @Test
    void anonymousRecordsNestAndCannotBeSent() {
        Record row = (Record) val("SELECT ROW(NULL, 1234, '5678', ROW(42, '42'))");
        assertThat(row.values().subList(0, 3)).isEqualTo(Arrays.asList(null, 1234, "5678"));
        assertThat(((Record) row.get(3)).values()).isEqualTo(List.of(42, "42"));
        assertThat(failure(conn, "SELECT (1, 'foo') = $1", List.of(1, "foo"))).isInstanceOf(DataException.class)
                .hasMessageContaining("$1").hasMessageContaining("anonymous type record");
        assertThat(val("SELECT 1")).isEqualTo(1);
    }

    @Test
    void compositesAreReadByNameAndIndexAndTakenAsMapsWithMissingAttributesNull() {
        conn.execute("CREATE TYPE apg.test_composite AS (a int, b text, c int[])").join();
        PreparedStatement statement = conn.prepare(
                "SELECT ROW(NULL, '5678', ARRAY[9, NULL, 11]::int[])::apg.test_composite AS test").join();
        Record test = (Record) statement.fetchrow().join().get("test");
        assertThat(test.get("a")).isNull();
        assertThat(test.get("b")).isEqualTo("5678");
        assertThat(test.get("c")).isEqualTo(Arrays.asList(9, null, 11));
        assertThat(test.get(0)).isNull();
        assertThat(test.get(2)).isEqualTo(Arrays.asList(9, null, 11));
        assertThat(statement.getAttributes()).hasSize(1);
        assertThat(statement.getAttributes().get(0).name()).isEqualTo("test");
        assertThat(statement.getAttributes().get(0).type().name()).isEqualTo("test_composite");
        assertThat(statement.getAttributes().get(0).type().kind()).isEqualTo("composite");

        assertThat(val("SELECT $1::apg.test_composite", test)).isEqualTo(test);
        Record fromMap = (Record) val("SELECT $1::apg.test_composite", Map.of("b", "foo", "a", 1, "c", List.of(1, 2, 3)));
        assertThat(fromMap.values()).isEqualTo(List.of(1, "foo", List.of(1, 2, 3)));
        Record padded = (Record) val("SELECT $1::apg.test_composite", Map.of("a", 1));
        assertThat(padded.values()).isEqualTo(Arrays.asList(1, null, null));
        assertThat(failure(conn, "SELECT $1::apg.test_composite", Map.of("bad", "foo")))
                .isInstanceOf(DataException.class).hasMessageContaining("bad");
    }

    @Test
    void aDomainOverADomainIsItsBaseType() {
        conn.execute("CREATE DOMAIN apg.my_dom AS int; CREATE DOMAIN apg.my_dom2 AS apg.my_dom").join();
        assertThat(val("SELECT 3::apg.my_dom2")).isEqualTo(3);
        assertThat(val("SELECT $1::apg.my_dom2", 4)).isEqualTo(4);
        PreparedStatement statement = conn.prepare("SELECT NULL::apg.my_dom2").join();
        assertThat(statement.<Object>fetchval().join()).isNull();
        assertThat(statement.getAttributes().get(0).name()).isEqualTo("my_dom2");
        assertThat(statement.getAttributes().get(0).type().name()).isEqualTo("int4");
        assertThat(statement.getAttributes().get(0).type().kind()).isEqualTo("scalar");
    }

    @Test
    void aDomainOverAnArrayTakesAListAndItsBaseTypesAreLookedUp() {
        try (Connection fresh = Db.connect()) {
            fresh.execute("CREATE DOMAIN apg.num_array AS numeric[]; CREATE TABLE apg.num_test (num apg.num_array)").join();
            fresh.execute("INSERT INTO apg.num_test (num) VALUES ($1)", List.of(1, 2)).join();
            assertThat(fresh.<Object>fetchval("SELECT num FROM apg.num_test").join())
                    .isEqualTo(List.of(BigDecimal.ONE, BigDecimal.valueOf(2)));
            assertThat(fresh.<Object>fetchval("SELECT $1::apg.num_array", List.of(new BigDecimal("1.5"))).join())
                    .isEqualTo(List.of(new BigDecimal("1.5")));
        }
    }

    @Test
    void compositesInArraysTablesAsCompositesAndDroppedColumns() {
        conn.execute("CREATE TYPE apg.t AS (a text, b int); CREATE TABLE apg.arr_tab (d apg.t[]);"
                + "CREATE TABLE apg.row_tab (a text, gone int, b int); INSERT INTO apg.row_tab VALUES ('1', 0, 1);"
                + "ALTER TABLE apg.row_tab DROP COLUMN gone").join();
        conn.execute("INSERT INTO apg.arr_tab (d) VALUES ($1)", List.of(Map.of("a", "a", "b", 1))).join();
        List<?> stored = (List<?>) val("SELECT d FROM apg.arr_tab");
        assertThat(((Record) stored.get(0)).values()).isEqualTo(List.of("a", 1));
        Record whole = conn.fetchrow("SELECT row_tab FROM apg.row_tab row_tab").join();
        Record tab = (Record) whole.get(0);
        assertThat(tab.keys()).containsExactly("a", "b");
        assertThat(tab.values()).isEqualTo(List.of("1", 1));
        assertThat(val("SELECT $1::apg.row_tab::text", Map.of("a", "x", "b", 2))).isEqualTo("(x,2)");
    }

    @Test
    void enumsSortByDeclarationAndTravelInArraysRangesCompositesAndFunctions() {
        conn.execute("""
                CREATE TYPE apg.enum_t AS ENUM ('abc', 'def', 'ghi');
                CREATE TABLE apg.enum_tab (a text, b apg.enum_t, r int4range);
                INSERT INTO apg.enum_tab VALUES ('bar', 'def', '[10,20)'), ('foo', 'abc', '[1,2)');
                CREATE TYPE apg.composite_w_enum AS (a int, b apg.enum_t);
                CREATE FUNCTION apg.return_enum() RETURNS apg.enum_t LANGUAGE plpgsql AS $$
                BEGIN RETURN 'abc'::apg.enum_t; END; $$;
                """).join();
        for (int i = 0; i < 3; i++) {
            List<Record> rows = conn.fetch("SELECT a, b FROM apg.enum_tab ORDER BY b").join();
            assertThat(rows).extracting(r -> r.values()).containsExactly(List.of("foo", "abc"), List.of("bar", "def"));
        }
        assertThat(val("SELECT $1::apg.enum_t[]", List.of("abc"))).isEqualTo(List.of("abc"));
        assertThat(val("SELECT ARRAY[$1::apg.enum_t]", "abc")).isEqualTo(List.of("abc"));
        assertThat(val("SELECT r FROM apg.enum_tab WHERE b = $1", "def")).isEqualTo(Range.of(10, 20));
        Record composite = (Record) val("SELECT ROW(1, 'def'::apg.enum_t)::apg.composite_w_enum");
        assertThat(composite.toMap()).isEqualTo(Map.of("a", 1, "b", "def"));
        assertThat(val("SELECT apg.return_enum()")).isEqualTo("abc");
    }

    @Test
    void aStatementWithoutResultColumnsHasNoAttributes() {
        assertThat(conn.prepare("ROLLBACK").join().getAttributes()).isEmpty();
    }

    // ---- custom codecs ----------------------------------------------------------------------

    @Test
    void aCustomCodecOnAnEnumReachesItsArrays() {
        conn.execute("CREATE TYPE apg.custom_codec_t AS ENUM ('foo', 'bar', 'baz')").join();
        try (Connection own = Db.connect()) {
            own.setTypeCodec("custom_codec_t", "apg", TypeCodec.text(String.class,
                    v -> v.replaceFirst("^enum: ", ""), v -> "enum: " + v)).join();
            assertThat(own.<Object>fetchval("SELECT $1::apg.custom_codec_t", "foo").join()).isEqualTo("enum: foo");
            assertThat(own.<Object>fetchval("SELECT 'foo'::apg.custom_codec_t").join()).isEqualTo("enum: foo");
            // A text codec leaves the enum's arrays in text form (docs/types.md, "Custom codecs"), and
            // looking the array type up keeps the codec on the enum.
            assertThat(own.<Object>fetchval("SELECT ARRAY['foo', 'bar']::apg.custom_codec_t[]").join()).isEqualTo("{foo,bar}");
            assertThat(own.<Object>fetchval("SELECT 'foo'::apg.custom_codec_t").join()).isEqualTo("enum: foo");
            assertThat(own.<Object>fetchval("SELECT ARRAY[$1]::apg.custom_codec_t[]", "bar").join()).isEqualTo("{bar}");
            own.resetTypeCodec("custom_codec_t", "apg").join();
            assertThat(own.<Object>fetchval("SELECT 'foo'::apg.custom_codec_t").join()).isEqualTo("foo");
            assertThat(own.<Object>fetchval("SELECT ARRAY['foo', 'bar']::apg.custom_codec_t[]").join())
                    .isEqualTo(List.of("foo", "bar"));
        }
    }

    @Test
    void aDomainTakesNoCustomCodecButItsBaseTypeDoes() {
        conn.execute("CREATE DOMAIN apg.codec_dom AS int4 CHECK (VALUE > 0)").join();
        try (Connection own = Db.connect()) {
            assertThatThrownBy(() -> own.setTypeCodec("codec_dom", "apg",
                    TypeCodec.text(String.class, v -> v, v -> v)).join())
                    .cause()
                    .isInstanceOf(InterfaceException.class)
                    .hasMessageStartingWith("cannot set a custom codec on domain type \"apg\".\"codec_dom\"");
            own.resetTypeCodec("codec_dom", "apg").join();
            own.setTypeCodec("int4", "pg_catalog", TypeCodec.text(String.class, v -> v, v -> "int: " + v)).join();
            assertThat(own.<Object>fetchval("SELECT 3::apg.codec_dom").join()).isEqualTo("int: 3");
        }
    }

    @Test
    void coreCodecsCanBeOverriddenInTextAndBinary() {
        try (Connection own = Db.connect()) {
            own.setTypeCodec("json", "pg_catalog", TypeCodec.binary(Map.class,
                    m -> m.toString().getBytes(StandardCharsets.UTF_8),
                    bytes -> Map.of("raw", new String(bytes, StandardCharsets.UTF_8)))).join();
            assertThat(own.<Object>fetchval("SELECT '{\"foo\": 1}'::json").join()).isEqualTo(Map.of("raw", "{\"foo\": 1}"));
            own.setTypeCodec("uuid", "pg_catalog", TypeCodec.text(String.class, s -> s, s -> s)).join();
            assertThat(own.<Object>fetchval("SELECT $1::uuid", "14058ad9-0118-4b7e-ac15-01bc13e2ccd1").join())
                    .isEqualTo("14058ad9-0118-4b7e-ac15-01bc13e2ccd1");
            own.execute("CREATE DOMAIN pg_temp.my_json AS json").join();
            own.setTypeCodec("json", "pg_catalog", TypeCodec.text(List.class, l -> (String) l.get(0), s -> List.of(s))).join();
            assertThat(own.<Object>fetchval("SELECT $1::pg_temp.my_json", List.of("[1]")).join()).isEqualTo(List.of("[1]"));
            assertThat(own.<Object>fetchval("SELECT $1::json", List.of("{}")).join()).isEqualTo(List.of("{}"));
        }
    }

    @Test
    void tupleCodecsCarryTheInfinitiesOfDatesAndTimestamps() {
        Object[][] cases = {
            {"date", new Object[] {3}, "2000-01-04"},
            {"date", new Object[] {Integer.MAX_VALUE}, "infinity"},
            {"date", new Object[] {Integer.MIN_VALUE}, "-infinity"},
            {"time", new Object[] {60_000_000L}, "00:01:00"},
            {"timetz", new Object[] {60_000_000L, 12600}, "00:01:00-03:30"},
            {"timestamp", new Object[] {60_000_000L}, "2000-01-01 00:01:00"},
            {"timestamp", new Object[] {Long.MAX_VALUE}, "infinity"},
            {"timestamp", new Object[] {Long.MIN_VALUE}, "-infinity"},
            {"timestamptz", new Object[] {60_000_000L}, "2000-01-01 00:01:00+00"},
            {"timestamptz", new Object[] {Long.MAX_VALUE}, "infinity"},
            {"timestamptz", new Object[] {Long.MIN_VALUE}, "-infinity"},
            {"interval", new Object[] {2, 3, 1L}, "2 mons 3 days 00:00:00.000001"},
        };
        for (Object[] c : cases) {
            String type = (String) c[0];
            try (Connection own = Tusk.connect(Db.options().serverSetting("TimeZone", "UTC").build()).join()) {
                own.setTypeCodec(type, "pg_catalog", TypeCodec.tuple(List.class, List::toArray, Arrays::asList)).join();
                List<?> tuple = Arrays.asList((Object[]) c[1]);
                Object back = own.fetchval("SELECT $1::" + type, tuple).join();
                assertThat(((List<?>) back).stream().map(v -> ((Number) v).longValue()).toList()).as(type)
                        .isEqualTo(tuple.stream().map(v -> ((Number) v).longValue()).toList());
                own.resetTypeCodec(type, "pg_catalog").join();
                own.setTypeCodec(type, "pg_catalog", TypeCodec.tuple(List.class, List::toArray, Arrays::asList)).join();
                assertThat(own.<Object>fetchval("SELECT ($1::" + type + ")::text", tuple).join()).as(type).isEqualTo(c[2]);
            }
        }
    }

    @Test
    void customCodecsTakeSqlsNamesForBuiltinTypes() {
        Object[][] cases = {
            {"smallint", "1::int2"}, {"int", "1::int4"}, {"integer", "1::int4"}, {"bigint", "1::int8"},
            {"decimal", "1::numeric"}, {"real", "1::float4"}, {"double precision", "1::float8"},
            {"timestamp with timezone", "'2000-01-01'::timestamptz"}, {"time with time zone", "'01:00'::timetz"},
            {"timestamp without timezone", "'2000-01-01'::timestamp"}, {"time without timezone", "'01:00'::time"},
            {"character", "'a'::bpchar"}, {"character varying", "'a'::varchar"}, {"CHARACTER VARYING", "'a'::varchar"},
            {"bit varying", "'1'::varbit"}, {"char", "'a'::\"char\""},
        };
        try (Connection own = Db.connect()) {
            for (Object[] c : cases) {
                String type = (String) c[0];
                own.setTypeCodec(type, "pg_catalog", TypeCodec.text(String.class, s -> s, s -> "custom " + s)).join();
                assertThat(own.<Object>fetchval("SELECT " + c[1]).join()).as(type).asString().startsWith("custom ");
                own.resetTypeCodec(type, "pg_catalog").join();
                assertThat(String.valueOf(own.<Object>fetchval("SELECT " + c[1]).join())).as(type).doesNotStartWith("custom ");
            }
        }
        assertThatThrownBy(() -> conn.setTypeCodec("integer", "public",
                TypeCodec.text(String.class, s -> s, s -> s)).join()).hasCauseInstanceOf(InterfaceException.class);
    }

    @Test
    void arrayOfJsonWithAndWithoutACustomTextCodec() {
        try (Connection own = Db.connect()) {
            own.execute("CREATE TEMP TABLE json_tab (id serial, val json[])").join();
            for (String value : List.of("\"null\"", "22", "null", "[2]", "{\"a\": null}")) {
                own.execute("INSERT INTO json_tab (val) VALUES (cast($1 AS json[]))", List.of(value)).join();
                assertThat(own.<Object>fetchval("SELECT val FROM json_tab ORDER BY id DESC").join()).isEqualTo(List.of(value));
            }
            own.execute("INSERT INTO json_tab (val) VALUES (cast($1 AS json[]))", Collections.singletonList(null)).join();
            assertThat(own.<Object>fetchval("SELECT val FROM json_tab ORDER BY id DESC").join())
                    .isEqualTo(Collections.singletonList(null));
            own.execute("INSERT INTO json_tab (val) VALUES (cast($1 AS json[]))", (Object) null).join();
            assertThat(own.<Object>fetchval("SELECT val FROM json_tab ORDER BY id DESC").join()).isNull();
        }
    }

    @Test
    void hstoreIsAMapWithNullValuesAndRefusesNullKeys() {
        conn.execute("CREATE EXTENSION IF NOT EXISTS hstore SCHEMA apg").join();
        Map<String, String> withNull = new java.util.HashMap<>();
        withNull.put("ham", "spam");
        withNull.put("nada", null);
        assertThat(val("SELECT $1::apg.hstore", withNull)).isEqualTo(withNull);
        assertThat(val("SELECT $1::apg.hstore", Map.of())).isEqualTo(Map.of());
        Map<String, String> nullKey = new java.util.HashMap<>();
        nullKey.put(null, "1");
        assertThat(failure(conn, "SELECT $1::apg.hstore", nullKey)).isInstanceOf(DataException.class);
        conn.execute("CREATE DOMAIN apg.my_dec_t AS numeric; CREATE TYPE apg.rec_t AS (i apg.my_dec_t, h apg.hstore)").join();
        Record rec = (Record) val("SELECT ($1::apg.my_dec_t, 'a=>1'::apg.hstore)::apg.rec_t", 44);
        assertThat(rec.values()).isEqualTo(List.of(BigDecimal.valueOf(44), Map.of("a", "1")));
    }

    @Test
    void customTextAndBinaryCodecsOnAnExtensionType() {
        conn.execute("CREATE EXTENSION IF NOT EXISTS hstore SCHEMA apg").join();
        try (Connection own = Db.connect()) {
            own.setTypeCodec("hstore", "apg", TypeCodec.text(String.class, s -> s, s -> "text " + s)).join();
            PreparedStatement statement = own.prepare("SELECT $1::apg.hstore AS result").join();
            assertThat(statement.fetchrow("ham=>spam").join().get("result")).isEqualTo("text \"ham\"=>\"spam\"");
            assertThat(statement.getParameters()).hasSize(1);
            assertThat(statement.getParameters().get(0).name()).isEqualTo("hstore");
            assertThat(statement.getParameters().get(0).schema()).isEqualTo("apg");
            assertThat(statement.getAttributes().get(0).type()).isEqualTo(statement.getParameters().get(0));
            own.setTypeCodec("hstore", "apg", TypeCodec.binary(byte[].class, b -> b, b -> b)).join();
            byte[] sent = own.<byte[]>fetchval("SELECT apg.hstore_send('a=>1'::apg.hstore)").join();
            assertThat(own.<Object>fetchval("SELECT $1::apg.hstore", (Object) sent).join()).isEqualTo(sent);
        }
    }

    @Test
    void citextAndItsDomainsArraysRangesAndCompositesAreText() {
        conn.execute("CREATE EXTENSION IF NOT EXISTS citext SCHEMA apg; CREATE DOMAIN apg.citext_dom AS apg.citext;"
                + "CREATE TYPE apg.citext_range AS RANGE (SUBTYPE = apg.citext); CREATE TYPE apg.citext_comp AS (t apg.citext)")
                .join();
        assertThat(val("SELECT $1::apg.citext", "citext")).isEqualTo("citext");
        assertThat(val("SELECT $1::apg.citext_dom", "citext")).isEqualTo("citext");
        for (List<?> array : List.of(List.of("a", "b"), Arrays.asList(null, "b"), List.of(), List.of("  a", "  b"),
                List.of("\"a", "\\\"\""), List.of(List.of("\"a", "\\\"\""), List.of(",", "\",")))) {
            assertThat(val("SELECT $1::apg.citext[]", array)).as("%s", array).isEqualTo(array);
        }
        assertThat(val("SELECT $1::apg.citext_range", Range.of("a", "z"))).isEqualTo(Range.of("a", "z"));
        assertThat(((Record) val("SELECT $1::apg.citext_comp", Map.of("t", "a"))).get("t")).isEqualTo("a");
    }

    @Test
    void aclitemArraysWithQuotesAndBracesInRoleNamesReadAsTheirText() {
        conn.execute("""
                CREATE ROLE \"\"\"apg_u1'\"; CREATE ROLE \"{apg_u2\"; CREATE ROLE \",apg_u3\"; CREATE ROLE \"apg_u4}\";
                CREATE ROLE \"apg_u5\\\"\"\";
                CREATE TABLE apg.acl_t ();
                GRANT SELECT ON apg.acl_t TO \"\"\"apg_u1'\", \"{apg_u2\", \",apg_u3\", \"apg_u4}\", \"apg_u5\\\"\"\";
                """).join();
        try {
            // aclitem has no binary form, so its arrays are read as the server's text (docs/types.md).
            Record row = conn.fetchrow("SELECT relacl, relacl::text AS chk, relacl::text[] AS items FROM pg_catalog.pg_class"
                    + " WHERE oid = 'apg.acl_t'::regclass").join();
            assertThat(row.get("relacl")).isEqualTo(row.get("chk"));
            assertThat(row.get("items", List.class)).hasSize(6).contains((Object) ("\"\"\"apg_u1'\"=r/" + val("SELECT current_user")));
        } finally {
            conn.execute("""
                    DROP TABLE apg.acl_t;
                    DROP ROLE \"\"\"apg_u1'\"; DROP ROLE \"{apg_u2\"; DROP ROLE \",apg_u3\"; DROP ROLE \"apg_u4}\";
                    DROP ROLE \"apg_u5\\\"\"\";
                    """).join();
        }
    }

    @Test
    void aTypeWithoutACodecIsExchangedAsText() {
        conn.execute("CREATE EXTENSION IF NOT EXISTS isn SCHEMA apg").join();
        Record row = conn.fetchrow("SELECT $1::apg.issn AS issn, 42 AS int", "1436-4522").join();
        assertThat(row.get("issn")).isEqualTo("1436-4522");
        assertThat(row.get("int")).isEqualTo(42);
        assertThat(val("SELECT $1::apg.issn[]", "{1436-4522}")).isEqualTo("{1436-4522}");
    }

    @Test
    void aStatementPreparedBeforeACodecChangeKeepsItsCodecs() {
        try (Connection own = Db.connect()) {
            PreparedStatement statement = own.prepare("SELECT $1::json[]").join();
            own.setTypeCodec("json", "pg_catalog", TypeCodec.text(Map.class, m -> "{}", text -> Map.of("json", text))).join();
            assertThat(statement.<Object>fetchval(List.of("{\"foo\": 1}")).join()).isEqualTo(List.of("{\"foo\": 1}"));
            assertThat(own.<Object>fetchval("SELECT $1::json", Map.of()).join()).isEqualTo(Map.of("json", "{}"));
            assertThat(own.<Object>fetchval("SELECT $1::json[]", "{\"[1]\"}").join()).isEqualTo("{[1]}");
            own.resetTypeCodec("json", "pg_catalog").join();
            assertThat(own.<Object>fetchval("SELECT $1::json[]", List.of("[1]")).join()).isEqualTo(List.of("[1]"));
        }
    }

    @Test
    void userTypesAreLookedUpWithTheStatementCacheOff() {
        try (Connection uncached = Tusk.connect(Db.options().statementCacheSize(0).build()).join()) {
            assertThat(uncached.<Object>fetchval("SELECT $1::int[]", List.of(1, 2)).join()).isEqualTo(List.of(1, 2));
            uncached.execute("CREATE DOMAIN pg_temp.uncached_dom AS int[]").join();
            assertThat(uncached.<Object>fetchval("SELECT $1::pg_temp.uncached_dom", List.of(3)).join()).isEqualTo(List.of(3));
            assertThat(uncached.<Object>fetchval("SELECT $1::pg_temp.uncached_dom", List.of(4)).join()).isEqualTo(List.of(4));
        }
    }

    // ---- records ----------------------------------------------------------------------------

    @Test
    void recordsReadByIndexAndNameAndRefuseOthersNamingTheColumns() {
        Record row = conn.fetchrow("SELECT 42 AS a, 43 AS b").join();
        assertThat(row.size()).isEqualTo(2);
        assertThat(row.get(0)).isEqualTo(42);
        assertThat(row.get("b")).isEqualTo(43);
        assertThat(row.keys()).containsExactly("a", "b");
        assertThat(row.values()).containsExactly(42, 43);
        assertThat(row.items()).containsExactly(Map.entry("a", 42), Map.entry("b", 43));
        assertThat(row.toMap()).isEqualTo(Map.of("a", 42, "b", 43));
        assertThat(row.toString()).isEqualTo("<Record a=42 b=43>");
        assertThatThrownBy(() -> row.get(2)).isInstanceOf(InterfaceException.class).hasMessageContaining("out of range");
        assertThatThrownBy(() -> row.get(-1)).isInstanceOf(InterfaceException.class);
        assertThatThrownBy(() -> row.get("spam")).isInstanceOf(InterfaceException.class).hasMessageContaining("spam")
                .hasMessageContaining("[a, b]");
    }

    @Test
    void aRecordWithoutColumnsIsEmpty() {
        Record row = conn.fetchrow("SELECT").join();
        assertThat(row.size()).isZero();
        assertThat(row.keys()).isEmpty();
        assertThat(row.values()).isEmpty();
        assertThat(row.items()).isEmpty();
        assertThat(row.toString()).isEqualTo("<Record>");
        assertThatThrownBy(() -> row.get("aaa")).isInstanceOf(InterfaceException.class).hasMessageContaining("aaa");
    }

    @Test
    void duplicateColumnNamesKeepEveryValueInOrder() {
        Record row = conn.fetchrow("SELECT 1 AS a, 2 AS b, 3 AS a, 4 AS c, 5 AS b").join();
        assertThat(row.values()).containsExactly(1, 2, 3, 4, 5);
        assertThat(row.keys()).containsExactly("a", "b", "a", "c", "b");
        assertThat(row.items()).containsExactly(Map.entry("a", 1), Map.entry("b", 2), Map.entry("a", 3),
                Map.entry("c", 4), Map.entry("b", 5));
        assertThat(row.toString()).isEqualTo("<Record a=1 b=2 a=3 c=4 b=5>");
        // Documented: get(name) is the first column of that name, toMap() keeps the later one.
        assertThat(row.get("a")).isEqualTo(1);
        assertThat(row.toMap()).containsEntry("a", 3).containsEntry("b", 5);
    }

    @Test
    void recordsOfEqualValuesAreEqual() {
        Record first = conn.fetchrow("SELECT 42 AS a, 'x' AS b").join();
        Record second = conn.fetchrow("SELECT 42 AS a, 'x' AS b").join();
        assertThat(first).isEqualTo(second).hasSameHashCodeAs(second);
        assertThat(first).isNotEqualTo(conn.fetchrow("SELECT 42 AS a, 'y' AS b").join());
        assertThat(first).isNotEqualTo(conn.fetchrow("SELECT 42 AS a, 'x' AS c").join());
        Record composite = (Record) val("SELECT ROW('\\x01'::bytea)");
        assertThat(composite).isEqualTo(val("SELECT ROW('\\x01'::bytea)"));
        assertThat(composite.toString()).isEqualTo("<Record f1=bytea[1]>");
    }
}
