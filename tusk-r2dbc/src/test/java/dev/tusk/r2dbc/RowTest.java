package dev.tusk.r2dbc;

import static dev.tusk.r2dbc.R2dbcTestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ColumnMetadata;
import io.r2dbc.spi.Nullability;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Statement;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** Reading values from a {@link Row} and describing columns with {@link RowMetadata}. */
class RowTest extends R2dbcTestBase {

    private static final UUID ID = UUID.fromString("6f1c3a52-96c4-4c3b-8d8e-2b0f6d6f4c11");

    @Test
    void valuesAreReadByIndexAndByCaseInsensitiveName() {
        List<Object> values = one("SELECT 1 AS id, 'Ada' AS \"Name\"", (row, meta) -> List.of(
                row.get(0), row.get("ID"), row.get("id", Integer.class), row.get("name"), row.get("NAME", String.class),
                row.get(1, String.class)));

        assertThat(values).containsExactly(1, 1, 1, "Ada", "Ada", "Ada");
    }

    @Test
    void aNameMatchingSeveralColumnsGivesTheFirst() {
        Integer first = one("SELECT 1 AS x, 2 AS x", (row, meta) -> row.get("x", Integer.class));

        assertThat(first).isEqualTo(1);
    }

    @Test
    void anUnknownNameIsRefusedWithNoSuchElementAndAnIndexOutOfRangeWithIndexOutOfBounds() {
        List<RuntimeException> failures = one("SELECT 1 AS id", (row, meta) -> java.util.Arrays.asList(
                failure(() -> row.get("missing")), failure(() -> row.get(1)), failure(() -> row.get(-1)),
                failure(() -> meta.getColumnMetadata("missing")), failure(() -> meta.getColumnMetadata(3))));

        assertThat(failures.get(0)).isInstanceOf(NoSuchElementException.class).hasMessageContaining("missing");
        assertThat(failures.get(1)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(failures.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThat(failures.get(3)).isInstanceOf(NoSuchElementException.class).hasMessageContaining("missing");
        assertThat(failures.get(4)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void eachMainTypeIsReadAsItsJavaTypeByClass() {
        List<Object> values = one("SELECT 42::int4, 9000000000::int8, 'text'::text, 12.50::numeric, true, "
                + "DATE '2024-02-29', TIMESTAMP '2024-02-29 13:14:15.123456', "
                + "TIMESTAMPTZ '2024-02-29 13:14:15.5+02', '" + ID + "'::uuid, 3.5::float8, 7::int2",
                (row, meta) -> List.of(row.get(0, Integer.class), row.get(1, Long.class), row.get(2, String.class),
                        row.get(3, BigDecimal.class), row.get(4, Boolean.class), row.get(5, LocalDate.class),
                        row.get(6, LocalDateTime.class), row.get(7, OffsetDateTime.class).toInstant(),
                        row.get(8, UUID.class), row.get(9, Double.class), row.get(10, Short.class)));

        assertThat(values).containsExactly(42, 9_000_000_000L, "text", new BigDecimal("12.50"), true,
                LocalDate.of(2024, 2, 29), LocalDateTime.of(2024, 2, 29, 13, 14, 15, 123_456_000),
                OffsetDateTime.of(2024, 2, 29, 11, 14, 15, 500_000_000, ZoneOffset.UTC).toInstant(), ID, 3.5, (short) 7);
    }

    @Test
    void eachMainTypeIsReadAsItsDefaultJavaTypeWithoutAClass() {
        List<Class<?>> classes = one("SELECT 42::int4, 9000000000::int8, 'text'::text, 12.50::numeric, true, "
                + "DATE '2024-02-29', TIMESTAMP '2024-02-29 13:14:15', TIMESTAMPTZ '2024-02-29 13:14:15+02', '"
                + ID + "'::uuid, '\\x0102'::bytea, ARRAY[1, 2]::int4[], '{\"a\":1}'::json, '{\"a\":1}'::jsonb",
                (row, meta) -> {
                    List<Class<?>> found = new java.util.ArrayList<>();
                    for (int i = 0; i < meta.getColumnMetadatas().size(); i++) {
                        found.add(row.get(i).getClass());
                    }
                    return found;
                });

        assertThat(classes).containsExactly(Integer.class, Long.class, String.class, BigDecimal.class, Boolean.class,
                LocalDate.class, LocalDateTime.class, OffsetDateTime.class, UUID.class,
                classes.get(9), Integer[].class, String.class, String.class);
        assertThat(ByteBuffer.class).isAssignableFrom(classes.get(9));
    }

    @Test
    void byteaIsReadAsByteBufferAndAsByteArray() {
        List<Object> values = one("SELECT '\\x00ff10'::bytea", (row, meta) -> {
            ByteBuffer buffer = row.get(0, ByteBuffer.class);
            byte[] fromBuffer = new byte[buffer.remaining()];
            buffer.get(fromBuffer);
            return List.of(fromBuffer, row.get(0, byte[].class));
        });

        assertThat((byte[]) values.get(0)).containsExactly(0x00, 0xff, 0x10);
        assertThat((byte[]) values.get(1)).containsExactly(0x00, 0xff, 0x10);
    }

    @Test
    void byteaParametersAreBoundFromByteBufferAndByteArray() {
        Statement statement = connection.createStatement("SELECT $1::bytea = '\\x0102'::bytea, $2::bytea = '\\x0304'::bytea")
                .bind(0, ByteBuffer.wrap(new byte[] {1, 2})).bind(1, new byte[] {3, 4});

        assertThat(Flux.from(statement.execute()).concatMap(r -> r.map(row -> List.of(row.get(0), row.get(1))))
                .single().block(TIMEOUT)).containsExactly(true, true);
    }

    @Test
    void anIntArrayIsReadAsAnIntegerArrayWithItsNulls() {
        Integer[] values = one("SELECT ARRAY[3, NULL, 5]::int4[]", (row, meta) -> row.get(0, Integer[].class));

        assertThat(values).containsExactly(3, null, 5);
    }

    @Test
    void javaArraysAreBoundAsArrayParameters() {
        Statement statement = connection.createStatement("SELECT array_length($1::int4[], 1), $2::text[]")
                .bind(0, new Integer[] {1, 2, 3}).bind(1, new String[] {"a", "b"});

        List<Object> values = Flux.from(statement.execute())
                .concatMap(r -> r.map(row -> List.<Object>of(row.get(0, Integer.class), row.get(1, String[].class))))
                .single().block(TIMEOUT);

        assertThat(values.get(0)).isEqualTo(3);
        assertThat((String[]) values.get(1)).containsExactly("a", "b");
    }

    @Test
    void jsonAndJsonbAreReadAndBoundAsStrings() {
        Statement statement = connection.createStatement("SELECT $1::json, ($2::jsonb)->>'k'")
                .bind(0, "{\"k\": [1, 2]}").bind(1, "{\"k\": \"v\"}");

        List<String> values = Flux.from(statement.execute())
                .concatMap(r -> r.map(row -> List.of(row.get(0, String.class), row.get(1, String.class))))
                .single().block(TIMEOUT);

        assertThat(values).containsExactly("{\"k\": [1, 2]}", "v");
    }

    @Test
    void mainTypesBoundAsParametersComeBackEqual() {
        OffsetDateTime instant = OffsetDateTime.of(2023, 7, 1, 8, 30, 0, 250_000_000, ZoneOffset.ofHours(3));
        Statement statement = connection.createStatement("SELECT $1::int4, $2::int8, $3::text, $4::numeric, $5::bool, "
                        + "$6::date, $7::timestamp, $8::timestamptz, $9::uuid")
                .bind(0, -7).bind(1, Long.MAX_VALUE).bind(2, "żółw").bind(3, new BigDecimal("-1234.5678"))
                .bind(4, false).bind(5, LocalDate.of(1999, 12, 31)).bind(6, LocalDateTime.of(2000, 1, 1, 0, 0, 1))
                .bind(7, instant).bind(8, ID);

        List<Object> values = Flux.from(statement.execute())
                .concatMap(r -> r.map(row -> List.of(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4),
                        row.get(5), row.get(6), row.get(7, OffsetDateTime.class).toInstant(), row.get(8))))
                .single().block(TIMEOUT);

        assertThat(values).containsExactly(-7, Long.MAX_VALUE, "żółw", new BigDecimal("-1234.5678"), false,
                LocalDate.of(1999, 12, 31), LocalDateTime.of(2000, 1, 1, 0, 0, 1), instant.toInstant(), ID);
    }

    @Test
    void sqlNullIsReadAsJavaNullWithAndWithoutAClass() {
        List<Object> values = one("SELECT NULL::int4 AS a, NULL::text AS b, NULL::timestamptz AS c, NULL::bytea AS d",
                (row, meta) -> java.util.Arrays.asList(row.get(0), row.get("a", Integer.class), row.get("b", String.class),
                        row.get(2, OffsetDateTime.class), row.get("d", ByteBuffer.class), row.get(3, byte[].class)));

        assertThat(values).containsOnlyNulls().hasSize(6);
    }

    @Test
    void columnMetadataGivesNamesJavaTypesAndPostgresTypeNames() {
        List<String> described = one("SELECT 1::int4 AS id, 'x'::text AS name, now() AS at, 2.5::numeric AS amount, "
                        + "'\\x01'::bytea AS data, ARRAY[1]::int4[] AS ids, true AS ok, 3::int8 AS big",
                (row, meta) -> meta.getColumnMetadatas().stream()
                        .map(c -> c.getName() + ":" + c.getType().getName() + ":" + c.getJavaType().getSimpleName())
                        .toList());

        assertThat(described).containsExactly("id:int4:Integer", "name:text:String", "at:timestamptz:OffsetDateTime",
                "amount:numeric:BigDecimal", "data:bytea:ByteBuffer", described.get(5), "ok:bool:Boolean",
                "big:int8:Long");
        assertThat(described.get(5)).isIn("ids:_int4:Integer[]", "ids:int4[]:Integer[]", "ids:integer[]:Integer[]");
    }

    @Test
    void columnMetadataIsFoundByCaseInsensitiveNameAndGivesTheTypeOid() {
        List<Object> values = one("SELECT 1::int8 AS \"Total\"", (row, meta) -> {
            ColumnMetadata column = meta.getColumnMetadata("TOTAL");
            return List.of(column.getName(), meta.contains("total"), meta.contains("other"),
                    column.getNativeTypeMetadata(), column.getNullability(), column.getType().getJavaType());
        });

        assertThat(values.get(0)).isEqualTo("Total");
        assertThat(values.get(1)).isEqualTo(true);
        assertThat(values.get(2)).isEqualTo(false);
        assertThat(((Number) values.get(3)).longValue()).isEqualTo(20L);
        assertThat(values.get(4)).isEqualTo(Nullability.UNKNOWN);
        assertThat(values.get(5)).isEqualTo(Long.class);
    }

    @Test
    void aRowOfATableColumnOfEveryMainTypeRoundTripsThroughInsertAndSelect() {
        String table = newTable("id int PRIMARY KEY, amount numeric(10, 2), at timestamptz, tags text[], payload jsonb");
        OffsetDateTime at = OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 0, ZoneOffset.UTC);
        await(Flux.from(connection.createStatement("INSERT INTO " + table + " VALUES ($1, $2, $3, $4, $5::jsonb)")
                .bind(0, 1).bind(1, new BigDecimal("19.99")).bind(2, at).bind(3, new String[] {"x", "y"})
                .bind(4, "{\"a\": 1}").execute()).concatMap(r -> r.getRowsUpdated()));

        List<Object> row = query("SELECT amount, at, tags, payload FROM " + table, r -> List.of(
                r.get("amount", BigDecimal.class), r.get("at", OffsetDateTime.class).toInstant(),
                List.of(r.get("tags", String[].class)), r.get("payload", String.class))).get(0);

        assertThat(row).containsExactly(new BigDecimal("19.99"), at.toInstant(), List.of("x", "y"), "{\"a\": 1}");
    }

    private <T> T one(String sql, BiFunction<Row, RowMetadata, T> mapper) {
        return Flux.from(connection.createStatement(sql).execute()).concatMap(r -> r.map(mapper)).single().block(TIMEOUT);
    }

    private static RuntimeException failure(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
