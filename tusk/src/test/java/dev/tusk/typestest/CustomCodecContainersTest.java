package dev.tusk.typestest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.codec.TypeCodec;
import dev.tusk.test.Db;
import dev.tusk.types.Multirange;
import dev.tusk.types.Range;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A custom codec on a type reaches every container made of it (arrays, ranges, multiranges,
 * domains, composites), and resetting it gives them back their built-in codecs.
 */
class CustomCodecContainersTest {

    private static Connection setup;

    /** A Java type of the tests' own for int4 values. */
    record Count(int value) {
    }

    private static final TypeCodec<Count> BINARY_COUNT = TypeCodec.binary(Count.class,
            count -> ByteBuffer.allocate(4).putInt(count.value()).array(), bytes -> new Count(ByteBuffer.wrap(bytes).getInt()));

    @BeforeAll
    static void createTypes() {
        setup = Db.connect();
        setup.execute("""
                DROP SCHEMA IF EXISTS custom_containers CASCADE;
                CREATE SCHEMA custom_containers;
                CREATE DOMAIN custom_containers.positive AS int4 CHECK (VALUE > 0);
                CREATE TYPE custom_containers.pair AS (label text, n int4);
                CREATE TYPE custom_containers.posrange AS RANGE (subtype = custom_containers.positive);
                """).join();
    }

    @AfterAll
    static void dropTypes() {
        setup.execute("DROP SCHEMA custom_containers CASCADE").join();
        setup.close();
    }

    private static int serverVersionNum(Connection conn) {
        return Integer.parseInt(conn.<String>fetchval("SHOW server_version_num").join());
    }

    @Test
    void aBinaryCodecOnARangesSubtypeDecodesAndEncodesItsBoundsAndResetUndoesIt() {
        try (Connection conn = Db.connect()) {
            conn.setTypeCodec("int4", "pg_catalog", BINARY_COUNT).join();
            assertThat(conn.<Object>fetchval("SELECT '[1,5)'::int4range").join())
                    .isEqualTo(Range.of(new Count(1), new Count(5)));
            assertThat(conn.<String>fetchval("SELECT $1::int4range::text", Range.of(new Count(2), new Count(4))).join())
                    .isEqualTo("[2,4)");
            assertThat(conn.<Object>fetchval("SELECT ARRAY['[1,2)'::int4range]").join())
                    .isEqualTo(List.of(Range.of(new Count(1), new Count(2))));
            assertThat(conn.<Object>fetchval("SELECT ARRAY[7, NULL]::int4[]").join())
                    .isEqualTo(java.util.Arrays.asList(new Count(7), null));
            if (serverVersionNum(conn) >= 140_000) {
                assertThat(conn.<Object>fetchval("SELECT '{[1,3),[5,7)}'::int4multirange").join())
                        .isEqualTo(Multirange.of(Range.of(new Count(1), new Count(3)), Range.of(new Count(5), new Count(7))));
            }

            conn.resetTypeCodec("int4", "pg_catalog").join();
            assertThat(conn.<Object>fetchval("SELECT '[1,5)'::int4range").join()).isEqualTo(Range.of(1, 5));
            assertThat(conn.<Object>fetchval("SELECT ARRAY[7]::int4[]").join()).isEqualTo(List.of(7));
            if (serverVersionNum(conn) >= 140_000) {
                assertThat(conn.<Object>fetchval("SELECT '{[1,3)}'::int4multirange").join())
                        .isEqualTo(Multirange.of(Range.of(1, 3)));
            }
        }
    }

    @Test
    void userDefinedDomainsRangesAndCompositesFollowACustomCodecSetBeforeOrAfterTheyWereLookedUp() {
        try (Connection conn = Db.connect()) {
            // pair is looked up before the codec is set, posrange and positive after.
            assertThat(conn.<Record>fetchval("SELECT ROW('a', 1)::custom_containers.pair").join().get("n")).isEqualTo(1);
            conn.setTypeCodec("int4", "pg_catalog", BINARY_COUNT).join();
            assertThat(conn.<Record>fetchval("SELECT ROW('a', 1)::custom_containers.pair").join().get("n"))
                    .isEqualTo(new Count(1));
            assertThat(conn.<Object>fetchval("SELECT 3::custom_containers.positive").join()).isEqualTo(new Count(3));
            assertThat(conn.<Object>fetchval("SELECT $1::custom_containers.posrange",
                    Range.of(new Count(2), new Count(9))).join()).isEqualTo(Range.of(new Count(2), new Count(9)));

            conn.resetTypeCodec("int4", "pg_catalog").join();
            assertThat(conn.<Record>fetchval("SELECT ROW('a', 1)::custom_containers.pair").join().get("n")).isEqualTo(1);
            assertThat(conn.<Object>fetchval("SELECT '[2,9)'::custom_containers.posrange").join()).isEqualTo(Range.of(2, 9));
        }
    }

    @Test
    void aTextCodecOnTheSubtypeMakesItsContainersTextUntilReset() {
        try (Connection conn = Db.connect()) {
            conn.setTypeCodec("int4", "pg_catalog", TypeCodec.text(Count.class,
                    count -> Integer.toString(count.value()), text -> new Count(Integer.parseInt(text)))).join();
            assertThat(conn.<Object>fetchval("SELECT 5::int4").join()).isEqualTo(new Count(5));
            assertThat(conn.<Object>fetchval("SELECT '[1,5)'::int4range").join()).isEqualTo("[1,5)");
            assertThat(conn.<Object>fetchval("SELECT ARRAY[1, 2]").join()).isEqualTo("{1,2}");

            conn.resetTypeCodec("int4", "pg_catalog").join();
            assertThat(conn.<Object>fetchval("SELECT '[1,5)'::int4range").join()).isEqualTo(Range.of(1, 5));
            assertThat(conn.<Object>fetchval("SELECT ARRAY[1, 2]").join()).isEqualTo(List.of(1, 2));
        }
    }

    @Test
    void aBinaryCodecOnARangeTypeReachesItsMultirangeAndATextOneMakesItText() {
        try (Connection conn = Db.connect()) {
            conn.setTypeCodec("int4range", "pg_catalog", TypeCodec.binary(String.class,
                    hex -> HexFormat.of().parseHex(hex), bytes -> HexFormat.of().formatHex(bytes))).join();
            String rangeSend = conn.<String>fetchval("SELECT encode(range_send('[1,3)'::int4range), 'hex')").join();
            assertThat(conn.<Object>fetchval("SELECT '[1,3)'::int4range").join()).isEqualTo(rangeSend);
            if (serverVersionNum(conn) >= 140_000) {
                assertThat(conn.<Object>fetchval("SELECT '{[1,3)}'::int4multirange").join()).isEqualTo(List.of(rangeSend));
                assertThat(conn.<String>fetchval("SELECT $1::int4multirange::text", List.of(rangeSend)).join())
                        .isEqualTo("{[1,3)}");
            }
            conn.setTypeCodec("int4range", "pg_catalog", TypeCodec.text(String.class, s -> s, s -> "range " + s)).join();
            assertThat(conn.<Object>fetchval("SELECT '[1,3)'::int4range").join()).isEqualTo("range [1,3)");
            if (serverVersionNum(conn) >= 140_000) {
                // A text-format range codec leaves no binary form for the multirange: it is read as text.
                assertThat(conn.<Object>fetchval("SELECT '{[1,3)}'::int4multirange").join()).isEqualTo("{[1,3)}");
            }
            conn.resetTypeCodec("int4range", "pg_catalog").join();
            assertThat(conn.<Object>fetchval("SELECT '[1,3)'::int4range").join()).isEqualTo(Range.of(1, 3));
            if (serverVersionNum(conn) >= 140_000) {
                assertThat(conn.<Object>fetchval("SELECT '{[1,3)}'::int4multirange").join())
                        .isEqualTo(Multirange.of(Range.of(1, 3)));
            }
        }
    }
}
