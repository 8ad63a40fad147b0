package dev.tusk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.test.Db;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each core type travels both ways in binary: a value sent as a parameter comes back equal, its
 * text form on the server is the expected one, and the server's own literal reads back as the
 * expected Java value.
 */
class CoreTypesTest {

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Tusk.connect(Db.options().serverSetting("TimeZone", "UTC").build()).join();
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    static Stream<Arguments> values() {
        return Stream.of(
                Arguments.of("bool", true, "true"),
                Arguments.of("bool", false, "false"),
                Arguments.of("int2", (short) -32768, "-32768"),
                Arguments.of("int2", (short) 32767, "32767"),
                Arguments.of("int4", Integer.MIN_VALUE, "-2147483648"),
                Arguments.of("int4", 0, "0"),
                Arguments.of("int8", Long.MAX_VALUE, "9223372036854775807"),
                Arguments.of("int8", Long.MIN_VALUE, "-9223372036854775808"),
                Arguments.of("float4", 1.5f, "1.5"),
                Arguments.of("float4", Float.NaN, "NaN"),
                Arguments.of("float4", Float.NEGATIVE_INFINITY, "-Infinity"),
                Arguments.of("float8", 3.141592653589793, "3.141592653589793"),
                Arguments.of("float8", Double.POSITIVE_INFINITY, "Infinity"),
                Arguments.of("float8", -0.0, "-0"),
                Arguments.of("numeric", new BigDecimal("12345678901234567890.000123"), "12345678901234567890.000123"),
                Arguments.of("numeric", new BigDecimal("-0.50"), "-0.50"),
                Arguments.of("numeric", new BigDecimal("0"), "0"),
                Arguments.of("numeric", new BigDecimal("1E-30"), "0.000000000000000000000000000001"),
                Arguments.of("text", "héllo wörld 𝄞", "héllo wörld 𝄞"),
                Arguments.of("text", "", ""),
                Arguments.of("varchar", "varchar value", "varchar value"),
                Arguments.of("bpchar", "ab", "ab"),
                Arguments.of("name", "pg_catalog", "pg_catalog"),
                Arguments.of("\"char\"", "x", "x"),
                Arguments.of("bytea", new byte[] {0, 1, 2, (byte) 0xff}, "\\x000102ff"),
                Arguments.of("bytea", new byte[0], "\\x"),
                Arguments.of("uuid", UUID.fromString("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"), "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
                Arguments.of("date", LocalDate.of(2024, 2, 29), "2024-02-29"),
                Arguments.of("date", LocalDate.of(1999, 12, 31), "1999-12-31"),
                Arguments.of("date", LocalDate.of(-43, 3, 15), "0044-03-15 BC"),
                Arguments.of("time", LocalTime.of(23, 59, 59, 123_456_000), "23:59:59.123456"),
                Arguments.of("time", LocalTime.MIDNIGHT, "00:00:00"),
                Arguments.of("timestamp", LocalDateTime.of(2000, 1, 1, 0, 0), "2000-01-01 00:00:00"),
                Arguments.of("timestamp", LocalDateTime.of(1970, 6, 7, 8, 9, 10, 500_000), "1970-06-07 08:09:10.0005"),
                Arguments.of("timestamptz", OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC), "2024-05-06 07:08:09+00"),
                Arguments.of("json", "{\"a\": [1, 2]}", "{\"a\": [1, 2]}"),
                Arguments.of("jsonb", "{\"a\": [1, 2], \"b\": null}", "{\"a\": [1, 2], \"b\": null}"),
                Arguments.of("oid", 4294967295L, "4294967295"),
                Arguments.of("oid", 0L, "0"));
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("values")
    void aParameterComesBackEqual(String type, Object value, String text) {
        Object back = conn.fetchval("SELECT $1::" + type, value).join();
        assertThat(back).isEqualTo(value);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("values")
    void aParameterHasTheServersTextForm(String type, Object value, String text) {
        assertThat(conn.<String>fetchval("SELECT $1::" + type + "::text", value).join()).isEqualTo(text);
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("values")
    void theServersLiteralReadsBackAsTheJavaValue(String type, Object value, String text) {
        String literal = "'" + text.replace("'", "''") + "'::" + type;
        assertThat(conn.<Object>fetchval("SELECT " + literal).join()).isEqualTo(value);
    }

    @Test
    void nullRoundTripsForEveryType() {
        values().map(arguments -> (String) arguments.get()[0]).distinct().forEach(type ->
                assertThat(conn.<Object>fetchval("SELECT $1::" + type, (Object) null).join()).as(type).isNull());
    }

    @Test
    void timestamptzAcceptsInstantsAndZonedValues() {
        OffsetDateTime expected = OffsetDateTime.of(2021, 3, 4, 5, 6, 7, 8000, ZoneOffset.UTC);
        assertThat(conn.<OffsetDateTime>fetchval("SELECT $1::timestamptz", expected.toInstant()).join()).isEqualTo(expected);
        assertThat(conn.<OffsetDateTime>fetchval("SELECT $1::timestamptz",
                expected.atZoneSameInstant(java.time.ZoneId.of("Europe/Paris"))).join()).isEqualTo(expected);
    }

    @Test
    void aLargeByteaRoundTrips() {
        byte[] big = new byte[4 * 1024 * 1024];
        new java.util.Random(1).nextBytes(big);
        assertThat(conn.<byte[]>fetchval("SELECT $1::bytea", big).join()).isEqualTo(big);
    }
}
