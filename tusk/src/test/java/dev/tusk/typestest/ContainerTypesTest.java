package dev.tusk.typestest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.Tusk;
import dev.tusk.exceptions.DataException;
import dev.tusk.test.Db;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Arrays, anonymous records and argument errors against the server. */
class ContainerTypesTest {

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Tusk.connect(Db.options().serverSetting("TimeZone", "UTC").build()).join();
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    @Test
    void primitiveAndObjectJavaArraysAreSentAsArrays() {
        assertThat(conn.<Object>fetchval("SELECT $1::int4[]", (Object) new int[] {1, 2, 3}).join()).isEqualTo(List.of(1, 2, 3));
        assertThat(conn.<Object>fetchval("SELECT $1::int8[]", (Object) new long[][] {{1, 2}, {3, 4}}).join())
                .isEqualTo(List.of(List.of(1L, 2L), List.of(3L, 4L)));
        assertThat(conn.<Object>fetchval("SELECT $1::float8[]", (Object) new double[] {0.5}).join()).isEqualTo(List.of(0.5));
        assertThat(conn.<Object>fetchval("SELECT $1::bool[]", (Object) new boolean[] {true}).join()).isEqualTo(List.of(true));
        assertThat(conn.<Object>fetchval("SELECT $1::text[]", (Object) new String[] {"a", null}).join())
                .isEqualTo(Arrays.asList("a", null));
        assertThat(conn.<Object>fetchval("SELECT $1::text[]", java.util.Set.of("only")).join()).isEqualTo(List.of("only"));
    }

    @Test
    void byteaArraysTakeByteArraysAsElements() {
        List<?> back = conn.<List<?>>fetchval("SELECT $1::bytea[]", (Object) new byte[][] {{1, 2}, {}}).join();
        assertThat((byte[]) back.get(0)).containsExactly(1, 2);
        assertThat((byte[]) back.get(1)).isEmpty();
    }

    @Test
    void anonymousRecordsAreReadWithEachAttributesCodec() {
        Record row = conn.<Record>fetchval("SELECT ROW(1, 'two'::text, NULL::int, ARRAY[1.5]::float8[], ROW(true))").join();
        assertThat(row.keys()).containsExactly("f1", "f2", "f3", "f4", "f5");
        assertThat(row.get("f1")).isEqualTo(1);
        assertThat(row.getString(1)).isEqualTo("two");
        assertThat(row.isNull(2)).isTrue();
        assertThat(row.get(3)).isEqualTo(List.of(1.5));
        assertThat(((Record) row.get(4)).getBoolean(0)).isTrue();
    }

    @Test
    void arraysOfAnonymousRecordsAreRead() {
        List<?> rows = conn.<List<?>>fetchval("SELECT ARRAY[ROW(1, 'a'), ROW(2, 'b')]").join();
        assertThat(((Record) rows.get(1)).get(0)).isEqualTo(2);
        assertThat(((Record) rows.get(1)).get(1)).isEqualTo("b");
    }

    @Test
    void aRaggedArrayIsRefusedNamingTheArgumentAndTheConnectionStaysUsable() {
        assertThatThrownBy(() -> conn.fetchval("SELECT $1::int4[]", List.of(List.of(1, 2), List.of(3))).join())
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(DataException.class)
                .hasMessageContaining("$1").hasMessageContaining("not rectangular");
        assertThat(conn.<Integer>fetchval("SELECT 1").join()).isEqualTo(1);
    }

    @Test
    void aValueOfTheWrongJavaTypeNamesTheExpectedAndActualTypes() {
        assertThatThrownBy(() -> conn.fetchval("SELECT $1::interval", "1 day").join())
                .cause().isInstanceOf(DataException.class)
                .hasMessageContaining("$1").hasMessageContaining("Interval, Duration or Period")
                .hasMessageContaining("java.lang.String");
    }

    @Test
    void durationsAndPeriodsAreSentAsIntervals() {
        assertThat(conn.<String>fetchval("SELECT $1::interval::text", java.time.Duration.ofMinutes(90)).join())
                .isEqualTo("01:30:00");
        assertThat(conn.<String>fetchval("SELECT $1::interval::text", java.time.Period.of(1, 2, 3)).join())
                .isEqualTo("1 year 2 mons 3 days");
    }
}
