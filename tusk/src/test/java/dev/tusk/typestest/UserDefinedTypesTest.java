package dev.tusk.typestest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.Tusk;
import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.codec.CodecRegistry;
import dev.tusk.internal.codec.TypeInfo;
import dev.tusk.internal.codec.TypeIntrospection;
import dev.tusk.test.Db;
import dev.tusk.types.Range;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The introspection query runs on every supported server and its rows build codecs for enums,
 * domains, composites, user-defined ranges and arrays of them. Each codec is checked against the
 * server's own binary output ({@code record_send}, {@code enum_send}, ...): it decodes the server's
 * bytes to the expected value and encodes that value to the same bytes.
 */
class UserDefinedTypesTest {

    private static Connection conn;
    private static CodecRegistry registry;
    private static List<TypeInfo> infos;

    @BeforeAll
    static void createTypes() {
        conn = Db.connect();
        conn.execute("DROP SCHEMA IF EXISTS tusk_udt CASCADE; CREATE SCHEMA tusk_udt;"
                + "CREATE TYPE tusk_udt.mood AS ENUM ('sad', 'ok', 'happy 😀');"
                + "CREATE DOMAIN tusk_udt.posint AS int CHECK (VALUE > 0);"
                + "CREATE TYPE tusk_udt.floatrange AS RANGE (subtype = float8);"
                + "CREATE TYPE tusk_udt.inner_t AS (a int, tags text[], span int4range);"
                + "CREATE TYPE tusk_udt.outer_t AS (x tusk_udt.inner_t, moods tusk_udt.mood[], p tusk_udt.posint,"
                + " f tusk_udt.floatrange, dropped int);"
                + "ALTER TYPE tusk_udt.outer_t DROP ATTRIBUTE dropped;").join();
        List<Long> oids = conn.<List<Long>>fetchval("SELECT array_agg(t.oid) FROM pg_type t JOIN pg_namespace n"
                + " ON n.oid = t.typnamespace WHERE n.nspname = 'tusk_udt' AND t.typname IN ('_outer_t', '_inner_t')").join();
        List<Record> rows = conn.fetch(TypeIntrospection.QUERY, oids).join();
        infos = TypeIntrospection.fromRows(rows);
        registry = CodecRegistry.builtin().withTypes(infos);
    }

    @AfterAll
    static void dropTypes() {
        conn.execute("DROP SCHEMA tusk_udt CASCADE").join();
        conn.close();
    }

    private static int oid(String type) {
        return (int) (long) conn.<Long>fetchval("SELECT $1::text::regtype::oid", type).join();
    }

    /** The codec decodes the server's bytes to {@code expected} and encodes it back to the same bytes. */
    private static void assertMatchesServer(String type, String sendExpression, Object expected) {
        Codec codec = registry.forOid(oid(type));
        assertThat(codec).as(type).isNotNull();
        byte[] server = conn.<byte[]>fetchval("SELECT " + sendExpression).join();
        assertThat(codec.decode(server, 0, server.length)).isEqualTo(expected);
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encode(expected, out);
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(server);
        } finally {
            out.release();
        }
    }

    @Test
    void theQueryFindsTheRequestedTypeAndEveryTypeItIsMadeOf() {
        assertThat(infos).extracting(TypeInfo::name).contains("_outer_t", "outer_t", "inner_t", "mood", "_mood",
                "posint", "floatrange", "int4", "text", "_text", "int4range", "float8");
        TypeInfo outer = infos.stream().filter(info -> info.name().equals("outer_t")).findFirst().orElseThrow();
        assertThat(outer.kind()).isEqualTo(TypeInfo.Kind.COMPOSITE);
        assertThat(outer.schema()).isEqualTo("tusk_udt");
        assertThat(outer.attributeNames()).containsExactly("x", "moods", "p", "f");
    }

    @Test
    void enumsAreStrings() {
        assertMatchesServer("tusk_udt.mood", "enum_send('happy 😀'::tusk_udt.mood)", "happy 😀");
    }

    @Test
    void domainsUseTheirBaseType() {
        assertMatchesServer("tusk_udt.posint", "int4send(5::tusk_udt.posint)", 5);
    }

    @Test
    void userDefinedRangesUseTheirSubtype() {
        assertMatchesServer("tusk_udt.floatrange", "range_send('[1.5,2.5)'::tusk_udt.floatrange)", Range.of(1.5, 2.5));
    }

    @Test
    void nestedCompositesWithArraysEnumsDomainsAndRangesMatchTheServer() {
        Codec codec = registry.forOid(oid("tusk_udt.outer_t"));
        byte[] server = conn.<byte[]>fetchval("SELECT record_send(ROW(ROW(1, ARRAY['a', NULL], '[1,3)'),"
                + " ARRAY['sad', 'ok']::tusk_udt.mood[], 7, '(,2]')::tusk_udt.outer_t)").join();
        Record outer = (Record) codec.decode(server, 0, server.length);
        Record inner = (Record) outer.get("x");
        assertThat(inner.get("a")).isEqualTo(1);
        assertThat(inner.get("tags")).isEqualTo(Arrays.asList("a", null));
        assertThat(inner.get("span")).isEqualTo(Range.of(1, 3));
        assertThat(outer.get("moods")).isEqualTo(List.of("sad", "ok"));
        assertThat(outer.get("p")).isEqualTo(7);
        assertThat(outer.get("f")).isEqualTo(Range.of(null, false, 2.0, true));
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encode(Map.of("x", List.of(1, Arrays.asList("a", null), Range.of(1, 3)), "moods", List.of("sad", "ok"),
                    "p", 7, "f", Range.of(null, false, 2.0, true)), out);
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(server);
        } finally {
            out.release();
        }
    }

    @Test
    void arraysOfCompositesMatchTheServer() {
        Codec codec = registry.forOid(oid("tusk_udt.inner_t[]"));
        byte[] server = conn.<byte[]>fetchval(
                "SELECT array_send(ARRAY[ROW(1, NULL, NULL)::tusk_udt.inner_t, NULL])").join();
        List<?> values = (List<?>) codec.decode(server, 0, server.length);
        assertThat(((Record) values.get(0)).get("a")).isEqualTo(1);
        assertThat(values.get(1)).isNull();
        ByteBuf out = Unpooled.buffer();
        try {
            codec.encode(Arrays.asList(values.get(0), null), out);
            assertThat(ByteBufUtil.getBytes(out)).isEqualTo(server);
        } finally {
            out.release();
        }
    }
}
