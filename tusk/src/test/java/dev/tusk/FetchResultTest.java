package dev.tusk;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.test.Db;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link Connection#fetchResult}: rows, columns and command status of one statement together. */
class FetchResultTest {

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Db.connect();
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    @Test
    void anUpdateReturningGivesBothItsRowsAndItsRowCount() {
        conn.execute("CREATE TEMP TABLE fr_items (id int, name text)").join();
        conn.execute("INSERT INTO fr_items SELECT g, 'n' || g FROM generate_series(1, 5) g").join();

        QueryResult result = conn.fetchResult("UPDATE fr_items SET name = upper(name) WHERE id <= $1 RETURNING id, name",
                3).join();

        assertThat(result.status()).isEqualTo("UPDATE 3");
        assertThat(result.rowCount()).hasValue(3);
        assertThat(result.rows()).extracting(row -> row.getString("name")).containsExactly("N1", "N2", "N3");
        assertThat(result.columns()).extracting(Column::name).containsExactly("id", "name");
    }

    @Test
    void columnsAreDescribedWithTheirTypesEvenWhenNoRowComesBack() {
        QueryResult result = conn.fetchResult("SELECT 1::int4 AS a, 'x'::text AS b, now() AS c WHERE $1", false).join();

        assertThat(result.rows()).isEmpty();
        assertThat(result.rowCount()).hasValue(0);
        assertThat(result.columns()).containsExactly(
                new Column("a", 23, "int4", Integer.class, null),
                new Column("b", 25, "text", String.class, null),
                new Column("c", 1184, "timestamptz", java.time.OffsetDateTime.class, null));
    }

    @Test
    void eachRowDescribesItsColumnsAsTheResultDoes() {
        QueryResult result = conn.fetchResult("SELECT g AS n, ARRAY[g]::int8[] AS a FROM generate_series(1, 2) g").join();

        assertThat(result.rows().get(0).columns()).isEqualTo(result.columns()).containsExactly(
                new Column("n", 23, "int4", Integer.class, null),
                new Column("a", 1016, "_int8", java.util.List.class, Long.class));
        assertThat(result.rows().get(1).columns()).isSameAs(result.rows().get(0).columns());
    }

    @Test
    void aCompositeOrAnonymousRecordValueDescribesItsAttributes() {
        conn.execute("CREATE TYPE fr_pair AS (x int4, label text)").join();
        try {
            conn.reloadSchemaState().join();
            Record row = conn.fetchrow("SELECT ROW(1, 'a')::fr_pair AS named, ROW(2::int8, 'b'::text, '1 day'::interval) AS anon").join();

            assertThat(row.get(0, Record.class).columns()).containsExactly(
                    new Column("x", 23, "int4", Integer.class, null),
                    new Column("label", 25, "text", String.class, null));
            assertThat(row.get(1, Record.class).columns()).extracting(Column::name, Column::typeOid, Column::javaType)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("f1", 20L, Long.class),
                            org.assertj.core.groups.Tuple.tuple("f2", 25L, String.class),
                            org.assertj.core.groups.Tuple.tuple("f3", 1186L, dev.tusk.types.Interval.class));
        } finally {
            conn.execute("DROP TYPE fr_pair").join();
        }
    }

    @Test
    void aStatementWithoutRowsHasNoColumnsAndItsStatusMayHaveNoCount() {
        QueryResult created = conn.fetchResult("CREATE TEMP TABLE fr_empty (id int)").join();
        QueryResult inserted = conn.fetchResult("INSERT INTO fr_empty VALUES ($1), ($2)", 1, 2).join();

        assertThat(created.columns()).isEmpty();
        assertThat(created.status()).isEqualTo("CREATE TABLE");
        assertThat(created.rowCount()).isEmpty();
        assertThat(inserted.rowCount()).hasValue(2);
        assertThat(inserted.rows()).isEmpty();
    }

    @Test
    void aCachedStatementGivesTheSameColumnsAsItsFirstRun() {
        String sql = "SELECT $1::int8 AS big";
        QueryResult first = conn.fetchResult(sql, 1L).join();
        QueryResult second = conn.fetchResult(sql, 2L).join();

        assertThat(second.columns()).isEqualTo(first.columns()).containsExactly(new Column("big", 20, "int8", Long.class, null));
        assertThat(second.rows().get(0).getLong(0)).isEqualTo(2L);
    }

    @Test
    void anArrayColumnNamesTheJavaTypeOfItsElements() {
        QueryResult result = conn.fetchResult("SELECT ARRAY[1, 2]::int4[] AS ids, ARRAY['a']::text[] AS names").join();

        assertThat(result.columns()).containsExactly(
                new Column("ids", 1007, "_int4", java.util.List.class, Integer.class),
                new Column("names", 1009, "_text", java.util.List.class, String.class));
    }

    @Test
    void theRowCountIsReadFromEveryStatusThatCarriesOne() {
        assertThat(QueryResult.rowCount("INSERT 0 5")).hasValue(5);
        assertThat(QueryResult.rowCount("DELETE 0")).hasValue(0);
        assertThat(QueryResult.rowCount("MERGE 7")).hasValue(7);
        assertThat(QueryResult.rowCount("SELECT 12")).hasValue(12);
        assertThat(QueryResult.rowCount("COPY 3")).hasValue(3);
        assertThat(QueryResult.rowCount("CREATE TABLE")).isEqualTo(OptionalLong.empty());
        assertThat(QueryResult.rowCount("ALTER TABLE")).isEmpty();
        assertThat(QueryResult.rowCount("BEGIN")).isEmpty();
        assertThat(QueryResult.rowCount("")).isEmpty();
        assertThat(QueryResult.rowCount(null)).isEmpty();
    }
}
