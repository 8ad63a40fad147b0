package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.Tusk;
import dev.tusk.exceptions.DataException;
import dev.tusk.exceptions.UniqueViolationException;
import dev.tusk.test.Db;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code rewriteBatchedInserts}: executemany of a plain INSERT runs once per chunk of rows and
 * leaves exactly the rows the row-by-row path leaves. Each table counts the statements that
 * inserted into it (a FOR EACH STATEMENT trigger), which tells a rewritten batch from a plain one.
 */
class RewriteBatchedInsertsTest {

    private static final String TABLE = "CREATE TEMP TABLE rw (id int4 PRIMARY KEY, small int2, big int8, "
            + "real4 float4, real8 float8, amount numeric, flag bool, note text, code varchar(20), "
            + "raw bytea, day date, local timestamp, moment timestamptz, ident uuid, doc jsonb, tags int4[])";
    private static final String SCALARS = "INSERT INTO rw (id, small, big, real4, real8, amount, flag, note, code, "
            + "raw, day, local, moment, ident, doc) "
            + "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)";

    private static Connection plain;
    private static Connection rewriting;

    @BeforeAll
    static void connect() {
        plain = Db.connect();
        rewriting = Tusk.connect(Db.options().rewriteBatchedInserts(true).build()).join();
        for (Connection conn : List.of(plain, rewriting)) {
            conn.execute(TABLE).join();
            conn.execute("CREATE TEMP TABLE statements (n int)").join();
            conn.execute("CREATE FUNCTION pg_temp.count_statement() RETURNS trigger LANGUAGE plpgsql AS "
                    + "$$ BEGIN INSERT INTO statements VALUES (1); RETURN NULL; END $$").join();
            conn.execute("CREATE TRIGGER rw_statements AFTER INSERT ON rw FOR EACH STATEMENT "
                    + "EXECUTE FUNCTION pg_temp.count_statement()").join();
        }
    }

    @AfterAll
    static void close() {
        plain.close();
        rewriting.close();
    }

    @BeforeEach
    void empty() {
        for (Connection conn : List.of(plain, rewriting)) {
            conn.execute("TRUNCATE rw, statements").join();
        }
    }

    private static long statements(Connection conn) {
        return conn.<Long>fetchval("SELECT count(*) FROM statements").join();
    }

    /** Every row in its text form, in id order: equal lists mean equal tables. */
    private static List<String> table(Connection conn) {
        return conn.fetch("SELECT rw::text AS row FROM rw ORDER BY id").join().stream()
                .map(r -> r.getString("row")).collect(Collectors.toList());
    }

    private static Object[] row(int i) {
        boolean nulls = i % 7 == 3;
        return new Object[] {
            i,
            nulls ? null : (short) (i % 30_000),
            nulls ? null : (long) i * 1_000_000_007L,
            nulls ? null : i / 3.0f,
            nulls ? null : i == 5 ? Double.NaN : i / 7.0,
            nulls ? null : new BigDecimal(i).movePointLeft(2),
            nulls ? null : i % 2 == 0,
            nulls ? null : "it's \"row\" " + i + " — Grüße, 日本語, 🐘 \\ $1 VALUES",
            nulls ? null : "c" + i,
            nulls ? null : new byte[] {(byte) i, 0, (byte) 255},
            nulls ? null : LocalDate.of(2024, 1, 1).plusDays(i),
            nulls ? null : LocalDateTime.of(2024, 1, 1, 12, 0).plusSeconds(i),
            nulls ? null : OffsetDateTime.of(2024, 3, 31, 1, 30, 0, i * 1000, ZoneOffset.ofHours(2)),
            nulls ? null : new UUID(i, -i),
            nulls ? null : "{\"n\": " + i + ", \"s\": \"q'uote\"}",
        };
    }

    private static List<Object[]> rows(int count) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(row(i));
        }
        return rows;
    }

    @Test
    void theOptionIsOffByDefault() {
        assertThat(ConnectOptions.builder().build().rewriteBatchedInserts()).isFalse();
        assertThat(Db.options().build().toString()).contains("rewriteBatchedInserts=false");
        plain.executemany(SCALARS, rows(10)).join();
        assertThat(statements(plain)).isEqualTo(10);
    }

    @Test
    void rewrittenRowsEqualTheRowsInsertedOneByOneForEveryCommonTypeAndNulls() {
        List<Object[]> rows = rows(1000);
        plain.executemany(SCALARS, rows).join();
        rewriting.executemany(SCALARS, rows).join();
        assertThat(table(rewriting)).hasSize(1000).isEqualTo(table(plain));
        assertThat(statements(rewriting)).isEqualTo(1);
        assertThat(rewriting.<String>fetchval("SELECT note FROM rw WHERE id = 8").join())
                .isEqualTo("it's \"row\" 8 — Grüße, 日本語, 🐘 \\ $1 VALUES");
        assertThat(rewriting.<OffsetDateTime>fetchval("SELECT moment FROM rw WHERE id = 8").join().toInstant())
                .isEqualTo(Instant.parse("2024-03-30T23:30:00.000008Z"));
        assertThat(rewriting.<Long>fetchval("SELECT count(*) FROM rw WHERE note IS NULL AND moment IS NULL").join())
                .isEqualTo(143);
        assertThat(rewriting.fetch("SELECT statement FROM pg_prepared_statements").join())
                .extracting(r -> r.getString("statement")).anyMatch(sql -> sql.contains("SELECT pg_catalog.unnest($1)"));
    }

    @Test
    void aColumnOfNullsOnlyIsInserted() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            rows.add(new Object[] {i, null});
        }
        rewriting.executemany("INSERT INTO rw (id, note) VALUES ($1, $2)", rows).join();
        assertThat(rewriting.<Long>fetchval("SELECT count(*) FROM rw WHERE note IS NULL").join()).isEqualTo(100);
        assertThat(statements(rewriting)).isEqualTo(1);
    }

    @Test
    void aBatchLargerThanOneChunkIsOneTransactionOfSeveralStatements() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 60_000; i++) {
            rows.add(new Object[] {i, (long) i, "a value of some forty characters, #" + i});
        }
        rewriting.executemany("INSERT INTO rw (id, big, note) VALUES ($1, $2, $3)", rows).join();
        assertThat(rewriting.<Long>fetchval("SELECT count(*) FROM rw").join()).isEqualTo(60_000L);
        assertThat(rewriting.<BigDecimal>fetchval("SELECT sum(big) FROM rw").join())
                .isEqualTo(BigDecimal.valueOf(59_999L * 60_000L / 2));
        assertThat(rewriting.<Long>fetchval("SELECT count(DISTINCT xmin::text) FROM rw").join()).isEqualTo(1L);
        assertThat(statements(rewriting)).isBetween(2L, 60L);
        assertThat(rewriting.<String>fetchval("SELECT note FROM rw WHERE id = 59999").join())
                .isEqualTo("a value of some forty characters, #59999");
    }

    @Test
    void aConstraintViolationInRow900RollsBackTheWholeBatchAndTheConnectionStaysUsable() {
        List<Object[]> rows = rows(1000);
        rows.set(900, row(5));
        assertThatThrownBy(() -> rewriting.executemany(SCALARS, rows).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(UniqueViolationException.class);
        assertThat(rewriting.<Long>fetchval("SELECT count(*) FROM rw").join()).isZero();
        assertThat(rewriting.isInTransaction()).isFalse();
        rewriting.executemany(SCALARS, rows(1000)).join();
        assertThat(rewriting.<Long>fetchval("SELECT count(*) FROM rw").join()).isEqualTo(1000L);
    }

    @Test
    void aValueThatCannotBeEncodedNamesTheArgumentAndTheRowAndSendsNothing() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 40_000; i++) {
            rows.add(new Object[] {i, "fine"});
        }
        rows.set(30_000, new Object[] {"not a number", "x"});
        assertThatThrownBy(() -> rewriting.executemany("INSERT INTO rw (id, note) VALUES ($1, $2)", rows).join())
                .hasCauseInstanceOf(DataException.class)
                .hasMessageContaining("invalid input for query argument $1 (int4) in row 30000 of executemany");
        assertThat(rewriting.<Long>fetchval("SELECT count(*) FROM rw").join()).isZero();
        assertThat(rewriting.isInTransaction()).isFalse();
    }

    @Test
    void aRowOfTheWrongShapeIsNamed() {
        assertThatThrownBy(() -> rewriting.executemany("INSERT INTO rw (id, note) VALUES ($1, $2)",
                List.of(List.of(1, "a"), List.of(2))).join())
                .hasMessageContaining("row 1 of executemany has 1 arguments; the server expects 2");
        assertThat(rewriting.<Long>fetchval("SELECT count(*) FROM rw").join()).isZero();
    }

    @Test
    void aParameterTypeWithoutAnArrayTypeRunsRowByRow() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(new Object[] {i, new int[] {i, i + 1}, "t" + i});
        }
        for (Connection conn : List.of(plain, rewriting)) {
            conn.executemany("INSERT INTO rw (id, tags, note) VALUES ($1, $2, $3)", rows).join();
        }
        assertThat(table(rewriting)).isEqualTo(table(plain));
        assertThat(statements(rewriting)).isEqualTo(20);
        assertThat(rewriting.<List<Integer>>fetchval("SELECT tags FROM rw WHERE id = 3").join()).containsExactly(3, 4);
    }

    @Test
    void statementsThatAreNotPlainInsertsBehaveExactlyAsWithoutTheOption() {
        List<String> statements = List.of(
                "INSERT INTO rw (id, note) VALUES ($1, $2) RETURNING id",
                "INSERT INTO rw (id, note) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET note = 'again'",
                "INSERT INTO rw (id, note) VALUES ($1 + 1000, $2)",
                "INSERT INTO rw (id, note) VALUES ($1, $2), ($1 + 5000, 'second tuple')",
                "INSERT INTO rw (id, note, code) VALUES ($1, $2, 'VALUES ($3)')",
                "INSERT INTO rw (id, note, code) VALUES ($1, $2, $$ $1 $$)",
                "INSERT INTO rw (id, note) SELECT $1, $2",
                "INSERT INTO rw (id, note) VALUES ($1, $2) -- a comment\n RETURNING id");
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(new Object[] {i, "n" + (i % 4)});
        }
        for (String sql : statements) {
            for (Connection conn : List.of(plain, rewriting)) {
                conn.execute("TRUNCATE rw, statements").join();
                conn.executemany(sql, rows).join();
            }
            assertThat(table(rewriting)).as(sql).isNotEmpty().isEqualTo(table(plain));
            assertThat(statements(rewriting)).as(sql).isEqualTo(30);
        }
    }

    @Test
    void commentsAroundAPlainInsertAreHarmless() {
        String sql = "/* load */ INSERT INTO rw -- the table\n (id, note) /* $1 VALUES */ VALUES ($1, $2); -- end";
        List<Object[]> rows = List.of(new Object[] {1, "a"}, new Object[] {2, "b"});
        plain.executemany(sql, rows).join();
        rewriting.executemany(sql, rows).join();
        assertThat(table(rewriting)).isEqualTo(table(plain)).hasSize(2);
        assertThat(statements(rewriting)).isEqualTo(1);
    }

    @Test
    void fetchmanyIsNeverRewritten() {
        List<Record> returned = rewriting.fetchmany("INSERT INTO rw (id, note) VALUES ($1, $2)",
                List.of(new Object[] {1, "a"}, new Object[] {2, "b"})).join();
        assertThat(returned).isEmpty();
        assertThat(statements(rewriting)).isEqualTo(2);
    }

    @Test
    void cachedStatementsServeLaterBatchesAndTransactionsStillRollThemBack() {
        rewriting.executemany(SCALARS, rows(50)).join();
        rewriting.execute("TRUNCATE rw, statements").join();
        rewriting.execute("BEGIN").join();
        rewriting.executemany(SCALARS, rows(500)).join();
        assertThat(rewriting.<Long>fetchval("SELECT count(*) FROM rw").join()).isEqualTo(500L);
        rewriting.execute("ROLLBACK").join();
        assertThat(rewriting.<Long>fetchval("SELECT count(*) FROM rw").join()).isZero();
        rewriting.executemany(SCALARS, rows(50)).join();
        assertThat(statements(rewriting)).isEqualTo(1);
        assertThat(rewriting.<Long>fetchval("SELECT count(*) FROM pg_prepared_statements "
                + "WHERE starts_with(statement, $1) AND statement LIKE '%unnest%'",
                SCALARS.substring(0, SCALARS.indexOf("VALUES"))).join()).isEqualTo(1L);
    }

    @Test
    void compositeValuesStayWholeOnceTheirArrayTypeIsKnown() {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            rows.add(new Object[] {i, i == 7 ? null : java.util.Map.of("x", i, "y", "v" + i)});
        }
        for (Connection conn : List.of(plain, rewriting)) {
            conn.execute("CREATE TYPE pg_temp.pair AS (x int, y text)").join();
            conn.execute("CREATE TEMP TABLE pairs (id int, p pair)").join();
            assertThat(conn.<Boolean>fetchval("SELECT $1::pair[] IS NULL", (Object) null).join()).isTrue();
            conn.executemany("INSERT INTO pairs (id, p) VALUES ($1, $2)", rows).join();
        }
        String all = "SELECT pairs::text AS row FROM pairs ORDER BY id";
        assertThat(rewriting.fetch(all).join()).extracting(r -> r.getString("row"))
                .hasSize(50).contains("(3,\"(3,v3)\")", "(7,)")
                .isEqualTo(plain.fetch(all).join().stream().map(r -> r.getString("row")).collect(Collectors.toList()));
        assertThat(rewriting.<Long>fetchval("SELECT count(*) FROM pg_prepared_statements "
                + "WHERE statement = 'INSERT INTO pairs (id, p) SELECT pg_catalog.unnest($1), pg_catalog.unnest($2)'").join()).isEqualTo(1L);
    }

    @Test
    void aPreparedStatementsExecutemanyIsRewrittenToo() {
        List<Object[]> rows = rows(500);
        plain.prepare(SCALARS).join().executemany(rows).join();
        rewriting.prepare(SCALARS).join().executemany(rows).join();
        assertThat(table(rewriting)).hasSize(500).isEqualTo(table(plain));
        assertThat(statements(plain)).isEqualTo(500);
        assertThat(statements(rewriting)).isEqualTo(1);
    }

    @Test
    void aFunctionNamedUnnestEarlierOnTheSearchPathCannotStandIn() {
        Connection conn = Tusk.connect(Db.options().rewriteBatchedInserts(true).build()).join();
        String schema = "rw_hijack_" + System.nanoTime();
        try {
            conn.execute("CREATE SCHEMA " + schema).join();
            conn.execute("CREATE FUNCTION " + schema + ".unnest(anyarray) RETURNS SETOF anyelement LANGUAGE sql "
                    + "AS 'SELECT NULL::int WHERE false'").join();
            conn.execute("SET search_path = " + schema + ", pg_catalog, public").join();
            conn.execute("CREATE TEMP TABLE rw3 (id int4, note text)").join();
            conn.executemany("INSERT INTO rw3 (id, note) VALUES ($1, $2)", List.of(
                    new Object[] {1, "a"}, new Object[] {2, "b"})).join();
            assertThat(conn.<Long>fetchval("SELECT count(*) FROM rw3").join()).isEqualTo(2L);
        } finally {
            conn.execute("RESET search_path").join();
            conn.execute("DROP SCHEMA " + schema + " CASCADE").join();
            conn.close();
        }
    }

    @Test
    void withTheStatementCacheOffTheRewriteStillRuns() {
        Connection uncached = Tusk.connect(Db.options().rewriteBatchedInserts(true).statementCacheSize(0).build()).join();
        try {
            uncached.execute("CREATE TEMP TABLE rw2 (id int4, note text)").join();
            uncached.executemany("INSERT INTO rw2 (id, note) VALUES ($1, $2)", List.of(
                    new Object[] {1, "a"}, new Object[] {2, null}, new Object[] {3, "c"})).join();
            assertThat(uncached.fetch("SELECT rw2::text AS row FROM rw2 ORDER BY id").join())
                    .extracting(r -> r.getString("row")).containsExactly("(1,a)", "(2,)", "(3,c)");
        } finally {
            uncached.close();
        }
    }
}
