package dev.tusk.copy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.CopyFormat;
import dev.tusk.CopyOptions;
import dev.tusk.Record;
import dev.tusk.exceptions.DataException;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.UniqueViolationException;
import dev.tusk.internal.codec.CodecRegistry;
import dev.tusk.test.Db;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CopyRecordsToTableTest {

    /** A type and a few literals of it, covering its edge values. */
    private static final String[][] SAMPLES = {
        {"bool", "true", "false"},
        {"bytea", "'\\xdeadbeef00'", "''"},
        {"\"char\"", "'x'"},
        {"int2", "'-32768'", "32767"},
        {"int4", "'-2147483648'", "2147483647"},
        {"int8", "'-9223372036854775808'", "9223372036854775807"},
        {"oid", "4294967295", "0"},
        {"float4", "'-0'", "'NaN'", "'-Infinity'", "3.4028235e38"},
        {"float8", "'Infinity'", "4.9e-324", "'-1.5'"},
        {"numeric", "'-123.4500'", "'NaN'", "0", "'1e-30'", "'99999999999999999999.99'"},
        {"text", "'héllo, wörld ✓'", "''"},
        {"varchar(10)", "'abc'"},
        {"bpchar(5)", "'ab'"},
        {"name", "'a_name'"},
        {"json", "'{\"a\": [1, 2.5, null]}'"},
        {"jsonb", "'{\"b\": {\"c\": true}}'"},
        {"xml", "'<a>1</a>'"},
        {"uuid", "'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'"},
        {"date", "'2000-02-29'", "'infinity'", "'-infinity'", "'4713-01-01 BC'"},
        {"time", "'23:59:59.999999'", "'00:00'"},
        {"timetz", "'12:34:56+05:30'"},
        {"timestamp", "'1999-12-31 23:59:59.5'", "'infinity'"},
        {"timestamptz", "'2024-03-10 02:30:00+00'", "'-infinity'"},
        {"interval", "'1 year 2 mons 3 days 04:05:06.7'", "'-1 day'"},
        {"inet", "'192.168.0.1/24'", "'::1'"},
        {"cidr", "'10.0.0.0/8'"},
        {"macaddr", "'08:00:2b:01:02:03'"},
        {"macaddr8", "'08:00:2b:01:02:03:04:05'"},
        {"bit(3)", "B'101'"},
        {"varbit", "B'1100101'"},
        {"point", "'(1.5,-2)'"},
        {"line", "'{1,2,3}'"},
        {"lseg", "'[(0,0),(1,1)]'"},
        {"box", "'(1,1),(0,0)'"},
        {"path", "'[(0,0),(1,1),(2,0)]'", "'((0,0),(1,1))'"},
        {"polygon", "'((0,0),(1,1),(1,0))'"},
        {"circle", "'<(1,2),3>'"},
        {"int4range", "'[1,10)'", "'empty'"},
        {"tstzrange", "'[2020-01-01,)'"},
        {"int4[]", "'{1,NULL,3}'", "'{}'", "'{{1,2},{3,4}}'"},
        {"text[]", "'{\"a b\",NULL,\"\\\\\"}'"},
        {"pg_lsn", "'16/B374D848'"},
        {"tid", "'(1,2)'"},
    };

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Db.connect();
        conn.execute("CREATE TEMP TABLE people (id int PRIMARY KEY, name text, born date, score numeric DEFAULT 1.5,"
                + " tag uuid)").join();
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    @BeforeEach
    void empty() {
        conn.execute("TRUNCATE people").join();
    }

    record Person(int id, String name, LocalDate born, BigDecimal score, UUID tag) {
    }

    record Partial(String name, int id) {
    }

    private static List<String> names() {
        return conn.fetch("SELECT name FROM people ORDER BY id").join().stream()
                .map(row -> row.getString(0)).collect(Collectors.toList());
    }

    @Test
    void everyTypeWithABinaryCodecRoundTripsThroughCopyRecordsToTable() {
        List<String> covered = new ArrayList<>();
        List<String> withoutCodec = new ArrayList<>();
        for (String[] sample : SAMPLES) {
            String type = sample[0];
            StringBuilder values = new StringBuilder("(0, NULL)");
            for (int i = 1; i < sample.length; i++) {
                values.append(", (").append(i).append(", ").append(sample[i]).append("::").append(type).append(')');
            }
            conn.execute("DROP TABLE IF EXISTS typed_src, typed_dst; CREATE TEMP TABLE typed_src (id int, v " + type
                    + "); CREATE TEMP TABLE typed_dst (LIKE typed_src); INSERT INTO typed_src VALUES " + values).join();
            long oid = conn.<Long>fetchval("SELECT atttypid::int8 FROM pg_attribute"
                    + " WHERE attrelid = 'typed_src'::regclass AND attname = 'v'").join();
            if (CodecRegistry.builtin().forOid((int) oid) == null) {
                withoutCodec.add(type);
                continue;
            }
            List<Record> rows = conn.fetch("SELECT id, v FROM typed_src").join();
            assertThat(conn.copyRecordsToTable("typed_dst", rows, CopyOptions.defaults()).join())
                    .as(type).isEqualTo("COPY " + sample.length);
            long same = conn.<Long>fetchval("SELECT count(*) FROM typed_src s JOIN typed_dst d USING (id)"
                    + " WHERE s.v::text IS NOT DISTINCT FROM d.v::text").join();
            assertThat(same).as("values of %s equal after the round trip", type).isEqualTo(sample.length);
            covered.add(type);
        }
        assertThat(covered).as("types covered (without a codec: %s)", withoutCodec).contains("bool", "bytea", "int2",
                "int4", "int8", "float4", "float8", "numeric", "text", "jsonb", "uuid", "date", "time", "timestamp",
                "timestamptz");
    }

    @Test
    void rowsMayBeArraysListsRecordsAndJavaRecordsWithNulls() {
        UUID tag = UUID.randomUUID();
        List<Object> rows = List.of(
                new Object[] {1, "array", LocalDate.of(1815, 12, 10), new BigDecimal("2.50"), tag},
                Arrays.asList(2, "list", null, null, null),
                new Person(3, "record", null, BigDecimal.TEN, null),
                conn.fetchrow("SELECT 4 AS id, 'tusk record' AS name, NULL::date AS born, 0.5 AS score,"
                        + " NULL::uuid AS tag").join());
        assertThat(conn.copyRecordsToTable("people", rows, CopyOptions.defaults()).join()).isEqualTo("COPY 4");
        assertThat(names()).containsExactly("array", "list", "record", "tusk record");
        Record first = conn.fetchrow("SELECT * FROM people WHERE id = 1").join();
        assertThat(first.get("born")).isEqualTo(LocalDate.of(1815, 12, 10));
        assertThat(first.get("tag")).isEqualTo(tag);
        assertThat(conn.<Object>fetchval("SELECT born FROM people WHERE id = 2").join()).isNull();
    }

    @Test
    void aColumnsSubsetLeavesTheOtherColumnsToTheirDefaultsAndJavaRecordsMatchByName() {
        CopyOptions options = CopyOptions.builder().columns("name", "id").build();
        conn.copyRecordsToTable("people", List.of(new Partial("by name", 1), List.of("by position", 2)), options)
                .join();
        assertThat(names()).containsExactly("by name", "by position");
        assertThat(conn.<BigDecimal>fetchval("SELECT score FROM people WHERE id = 1").join())
                .isEqualByComparingTo("1.5");
    }

    @Test
    void whereLoadsOnlyTheMatchingRows() {
        Iterable<Object[]> rows = () -> IntStream.rangeClosed(1, 10)
                .mapToObj(i -> new Object[] {i, "n" + i, null, null, null}).iterator();
        CopyOptions options = CopyOptions.builder().where("id > 7").build();
        assertThat(conn.copyRecordsToTable("people", rows, options).join()).isEqualTo("COPY 3");
        assertThat(names()).containsExactly("n8", "n9", "n10");
    }

    @Test
    void schemaQualifiedMixedCaseQuotedNamesAreFound() {
        conn.execute("CREATE SCHEMA IF NOT EXISTS \"Records \"\"Schema\";"
                + "DROP TABLE IF EXISTS \"Records \"\"Schema\".\"My Table\";"
                + "CREATE TABLE \"Records \"\"Schema\".\"My Table\" (\"Id\" int, \"Full Name\" text,"
                + " upper_name text GENERATED ALWAYS AS (upper(\"Full Name\")) STORED)").join();
        CopyOptions options = CopyOptions.builder().schemaName("Records \"Schema").build();
        conn.copyRecordsToTable("My Table", List.of(List.of(1, "ada")), options).join();
        conn.copyRecordsToTable("My Table", List.of(List.of("grace", 2)),
                CopyOptions.builder().schemaName("Records \"Schema").columns("Full Name", "Id").build()).join();
        List<Record> rows = conn.fetch("SELECT * FROM \"Records \"\"Schema\".\"My Table\" ORDER BY \"Id\"").join();
        assertThat(rows).extracting(row -> row.get("upper_name")).containsExactly("ADA", "GRACE");
    }

    @Test
    void aDomainColumnIsEncodedAsItsBaseType() {
        conn.execute("DROP TABLE IF EXISTS with_domain; DROP DOMAIN IF EXISTS positive_int;"
                + "CREATE DOMAIN positive_int AS int CHECK (VALUE > 0);"
                + "CREATE TEMP TABLE with_domain (n positive_int)").join();
        conn.copyRecordsToTable("with_domain", List.of(List.of(5), List.of(6)), CopyOptions.defaults()).join();
        assertThat(conn.<Long>fetchval("SELECT sum(n)::int8 FROM with_domain").join()).isEqualTo(11L);
        assertThatThrownBy(() -> conn.copyRecordsToTable("with_domain", List.of(List.of(-1)), CopyOptions.defaults())
                .join()).hasCauseInstanceOf(dev.tusk.exceptions.CheckViolationException.class);
    }

    @Test
    void rowsFromAPublisherAreLoaded() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 1; i <= 5000; i++) {
            rows.add(new Object[] {i, "p" + i, null, null, null});
        }
        assertThat(conn.copyRecordsToTable("people", ListPublisher.of(rows), CopyOptions.defaults()).join())
                .isEqualTo("COPY 5000");
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM people").join()).isEqualTo(5000L);
    }

    @Test
    void aValueOfTheWrongTypeFailsWithADataExceptionNamingTheColumnAndRowAndLoadsNothing() {
        List<Object[]> rows = List.of(new Object[] {1, "fine", null, null, null},
                new Object[] {2, "bad", "not a date", null, null});
        assertThatThrownBy(() -> conn.copyRecordsToTable("people", rows, CopyOptions.defaults()).join())
                .hasCauseInstanceOf(DataException.class)
                .hasMessageContaining("column \"born\"").hasMessageContaining("row 2");
        assertThat(names()).isEmpty();
        assertThat(conn.<Integer>fetchval("SELECT 1").join()).isEqualTo(1);
    }

    @Test
    void aRowOfTheWrongSizeOrKindFailsWithAnInterfaceException() {
        assertThatThrownBy(() -> conn.copyRecordsToTable("people", List.of(List.of(1, "short")),
                CopyOptions.defaults()).join()).hasCauseInstanceOf(InterfaceException.class)
                .hasMessageContaining("row 1 has 2 values, the COPY has 5 columns");
        assertThatThrownBy(() -> conn.copyRecordsToTable("people", List.of("a string"), CopyOptions.defaults())
                .join()).hasCauseInstanceOf(InterfaceException.class).hasMessageContaining("java.lang.String");
        assertThat(names()).isEmpty();
    }

    @Test
    void aServerErrorFailsTheCallAndTheConnectionStaysUsable() {
        List<List<Object>> rows = List.of(Arrays.asList(1, "a", null, null, null), Arrays.asList(1, "b", null, null,
                null));
        assertThatThrownBy(() -> conn.copyRecordsToTable("people", rows, CopyOptions.defaults()).join())
                .hasCauseInstanceOf(UniqueViolationException.class);
        assertThat(names()).isEmpty();
        assertThat(conn.copyRecordsToTable("people", rows.subList(0, 1), CopyOptions.defaults()).join())
                .isEqualTo("COPY 1");
    }

    @Test
    void anIteratorThatThrowsMidwayLeavesTheTableUnchanged() {
        Iterable<Object> failing = () -> new Iterator<>() {
            private int produced;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Object next() {
                if (produced == 100_000) {
                    throw new IllegalStateException("source exhausted unexpectedly");
                }
                produced++;
                return new Object[] {produced, "x", null, null, null};
            }
        };
        assertThatThrownBy(() -> conn.copyRecordsToTable("people", failing, CopyOptions.defaults()).join())
                .hasCauseInstanceOf(IllegalStateException.class);
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM people").join()).isZero();
    }

    @Test
    void aTextFormatOrAnUnknownTableIsRefused() {
        assertThatThrownBy(() -> conn.copyRecordsToTable("people", List.of(), CopyOptions.builder()
                .format(CopyFormat.CSV).build())).isInstanceOf(InterfaceException.class);
        assertThatThrownBy(() -> conn.copyRecordsToTable("no_such_table", List.of(), CopyOptions.defaults()).join())
                .hasCauseInstanceOf(dev.tusk.exceptions.UndefinedTableException.class);
    }

    @Test
    void noRowsLoadsNothingAndSucceeds() {
        assertThat(conn.copyRecordsToTable("people", List.of(), CopyOptions.defaults()).join()).isEqualTo("COPY 0");
    }
}
