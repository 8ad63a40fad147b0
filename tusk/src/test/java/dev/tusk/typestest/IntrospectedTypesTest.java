package dev.tusk.typestest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.codec.TypeCodec;
import dev.tusk.exceptions.CheckViolationException;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.test.Db;
import dev.tusk.types.Range;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** User-defined types are looked up on first use, inside the statement's own flight. */
class IntrospectedTypesTest {

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Db.connect();
        conn.execute("""
                DROP SCHEMA IF EXISTS introspected CASCADE;
                CREATE SCHEMA introspected;
                CREATE TYPE introspected.mood AS ENUM ('sad', 'ok', 'happy');
                CREATE DOMAIN introspected.positive AS int4 CHECK (VALUE > 0);
                CREATE TYPE introspected.pair AS (label text, score int4, moods introspected.mood[]);
                CREATE TYPE introspected.floatrange AS RANGE (subtype = float8);
                """).join();
    }

    @AfterAll
    static void close() {
        conn.execute("DROP SCHEMA introspected CASCADE").join();
        conn.close();
    }

    @Test
    void anEnumReadsAndWritesAsString() {
        assertThat(conn.<String>fetchval("SELECT $1::introspected.mood", "happy").join()).isEqualTo("happy");
        assertThat(conn.<Object>fetchval("SELECT ARRAY['sad', 'ok']::introspected.mood[]").join())
                .isEqualTo(List.of("sad", "ok"));
    }

    @Test
    void aDomainIsItsBaseTypeAndItsConstraintIsReported() {
        assertThat(conn.<Integer>fetchval("SELECT $1::introspected.positive", 5).join()).isEqualTo(5);
        assertThatThrownBy(() -> conn.fetchval("SELECT $1::introspected.positive", -1).join())
                .hasCauseInstanceOf(CheckViolationException.class);
    }

    @Test
    void aCompositeReadsAsARecordAndNestsArraysOfEnums() {
        Record pair = conn.<Record>fetchval("SELECT ROW('x', 3, ARRAY['ok']::introspected.mood[])::introspected.pair").join();
        assertThat(pair.get("label")).isEqualTo("x");
        assertThat(pair.get("score")).isEqualTo(3);
        assertThat(pair.get("moods")).isEqualTo(List.of("ok"));
        Record back = conn.<Record>fetchval("SELECT $1::introspected.pair",
                Map.of("label", "y", "score", 4, "moods", List.of("sad"))).join();
        assertThat(back.get("label")).isEqualTo("y");
        assertThat(conn.<String>fetchval("SELECT ($1::introspected.pair)::text", (Object) new Object[] {"z", 1, List.of("happy")}).join())
                .isEqualTo("(z,1,{happy})");
    }

    @Test
    void aUserDefinedRangeReadsAsRange() {
        Object range = conn.<Object>fetchval("SELECT '[1.5,2.5)'::introspected.floatrange").join();
        assertThat(range).isInstanceOf(Range.class);
        assertThat(((Range<?>) range).lower()).isEqualTo(1.5);
    }

    @Test
    void aCustomTextCodecReplacesTheDefault() {
        try (Connection own = Db.connect()) {
            own.setTypeCodec("mood", "introspected", TypeCodec.text(Integer.class,
                    level -> List.of("sad", "ok", "happy").get(level),
                    text -> List.of("sad", "ok", "happy").indexOf(text))).join();
            assertThat(own.<Integer>fetchval("SELECT 'happy'::introspected.mood").join()).isEqualTo(2);
            assertThat(own.<String>fetchval("SELECT $1::introspected.mood::text", 0).join()).isEqualTo("sad");
            own.resetTypeCodec("mood", "introspected").join();
            assertThat(own.<Object>fetchval("SELECT 'happy'::introspected.mood").join()).isEqualTo("happy");
        }
    }

    @Test
    void anUnknownTypeNameIsAnInterfaceException() {
        assertThatThrownBy(() -> conn.setTypeCodec("no_such_type", "public",
                TypeCodec.text(String.class, s -> s, s -> s)).join())
                .hasCauseInstanceOf(InterfaceException.class)
                .hasMessageContaining("no_such_type");
    }

    @Test
    void reloadSchemaStateSeesAnAlteredType() {
        try (Connection own = Db.connect()) {
            own.execute("CREATE TYPE pg_temp.shape AS (a int4)").join();
            assertThat(own.<Record>fetchval("SELECT ROW(1)::pg_temp.shape").join().keys()).containsExactly("a");
            own.execute("ALTER TYPE pg_temp.shape ADD ATTRIBUTE b text").join();
            own.reloadSchemaState().join();
            assertThat(own.<Record>fetchval("SELECT ROW(1, 'x')::pg_temp.shape").join().keys()).containsExactly("a", "b");
        }
    }
}
