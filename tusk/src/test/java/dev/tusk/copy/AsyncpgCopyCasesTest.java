package dev.tusk.copy;

import static dev.tusk.test.Await.failure;
import static dev.tusk.test.Await.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.CopyFormat;
import dev.tusk.CopyOptions;
import dev.tusk.Pool;
import dev.tusk.PoolOptions;
import dev.tusk.Transaction;
import dev.tusk.Tusk;
import dev.tusk.exceptions.DivisionByZeroException;
import dev.tusk.exceptions.InFailedSqlTransactionException;
import dev.tusk.exceptions.NotNullViolationException;
import dev.tusk.exceptions.PostgresException;
import dev.tusk.exceptions.UndefinedColumnException;
import dev.tusk.test.Db;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Edge cases of asyncpg's tests/test_copy.py that the other COPY tests do not reach. */
class AsyncpgCopyCasesTest {

    private Connection conn;

    @BeforeEach
    void connect() {
        conn = Db.connect();
        value(conn.execute("CREATE TEMP TABLE copy_cases (a text, b int NOT NULL, c text)"));
    }

    @AfterEach
    void close() {
        conn.close();
    }

    private static ByteArrayInputStream input(String data) {
        return new ByteArrayInputStream(data.getBytes(StandardCharsets.UTF_8));
    }

    private List<String> rows() {
        return value(conn.fetch("SELECT concat_ws('|', a, b, c) FROM copy_cases ORDER BY b")).stream()
                .map(row -> row.getString(0)).toList();
    }

    private void assertUsable() {
        assertThat(conn.isInTransaction()).isFalse();
        assertThat(value(conn.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
    }

    // test_copy_from_table_basics: columns, schema, CSV with header
    @Test
    void aColumnSubsetOfASchemaQualifiedTableComesOutInTheGivenOrderWithAHeader() {
        value(conn.execute("INSERT INTO copy_cases VALUES ('x', 1, 'y'), (NULL, 2, 'z')"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CopyOptions options = CopyOptions.builder().schemaName("pg_temp").columns("c", "a").format(CopyFormat.CSV)
                .header(true).nullString("NULL").build();

        assertThat(value(conn.copyFromTable("copy_cases", out, options))).isEqualTo("COPY 2");

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("c,a\ny,x\nz,NULL\n");
    }

    @Test
    void aCsvHeaderIsSkippedOnTheWayIn() {
        CopyOptions options = CopyOptions.builder().format(CopyFormat.CSV).header(true).build();
        assertThat(value(conn.copyToTable("copy_cases", input("a,b,c\nx,1,y\n"), options))).isEqualTo("COPY 1");
        assertThat(rows()).containsExactly("x|1|y");
    }

    @Test
    void theEncodingOptionConvertsTheDataBothWays() {
        CopyOptions latin1 = CopyOptions.builder().encoding("LATIN1").build();
        byte[] in = {(byte) 0xe9, '\t', '1', '\t', '\\', 'N', '\n'};
        assertThat(value(conn.copyToTable("copy_cases", new ByteArrayInputStream(in), latin1))).isEqualTo("COPY 1");
        assertThat(value(conn.<String>fetchval("SELECT a FROM copy_cases"))).isEqualTo("é");

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        value(conn.copyFromTable("copy_cases", out, latin1));
        assertThat(out.toByteArray()).isEqualTo(in);
    }

    @Test
    void freezeWorksOnATableTruncatedInTheTransactionAndIsAServerErrorOtherwise() {
        value(conn.execute("CREATE TABLE copy_cases_freeze (n int)"));
        try {
            CopyOptions freeze = CopyOptions.builder().freeze(true).build();
            assertThat(failure(conn.copyToTable("copy_cases_freeze", input("1\n"), freeze)))
                    .isInstanceOf(PostgresException.class).hasMessageContaining("FREEZE");
            assertUsable();

            Transaction tx = conn.transaction();
            value(tx.start());
            value(conn.execute("TRUNCATE copy_cases_freeze"));
            assertThat(value(conn.copyToTable("copy_cases_freeze", input("1\n2\n"), freeze))).isEqualTo("COPY 2");
            value(tx.commit());
            assertThat(value(conn.<Long>fetchval("SELECT count(*) FROM copy_cases_freeze"))).isEqualTo(2L);
        } finally {
            value(conn.execute("DROP TABLE copy_cases_freeze"));
        }
    }

    @Test
    void oidsIsRefusedByTheServerAndTheConnectionStaysUsable() {
        CopyOptions oids = CopyOptions.builder().oids(true).build();
        assertThat(failure(conn.copyFromTable("copy_cases", new ByteArrayOutputStream(), oids)))
                .isInstanceOf(PostgresException.class);
        assertUsable();
    }

    // test_copy_from_query_basics with an error half way through the result
    @Test
    void aQueryFailingHalfWayEndsTheCopyWithItsErrorAndTheConnectionStaysUsable() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Throwable failed = failure(conn.copyFromQuery("SELECT 10 / (5000 - g) FROM generate_series(1, 10000) g",
                out, CopyOptions.defaults()));
        assertThat(failed).isInstanceOf(DivisionByZeroException.class);
        assertUsable();
    }

    @Test
    void aCopyInAFailedTransactionFailsAndRollbackRestoresTheConnection() {
        Transaction tx = conn.transaction();
        value(tx.start());
        assertThat(failure(conn.execute("SELECT 1 / 0"))).isInstanceOf(DivisionByZeroException.class);

        assertThat(failure(conn.copyRecordsToTable("copy_cases", List.<Object>of(List.of("x", 1, "y")),
                CopyOptions.defaults()))).isInstanceOf(InFailedSqlTransactionException.class);
        assertThat(failure(conn.copyToTable("copy_cases", input("x\t1\ty\n"), CopyOptions.defaults())))
                .isInstanceOf(InFailedSqlTransactionException.class);

        value(tx.rollback());
        assertUsable();
        assertThat(value(conn.copyToTable("copy_cases", input("x\t1\ty\n"), CopyOptions.defaults()))).isEqualTo("COPY 1");
    }

    @Test
    void aNullForANotNullColumnFailsAndLoadsNothing() {
        List<List<Object>> records = List.of(Arrays.asList("ok", 1, null), Arrays.asList("bad", null, null));
        assertThat(failure(conn.copyRecordsToTable("copy_cases", records, CopyOptions.defaults())))
                .isInstanceOf(NotNullViolationException.class);
        assertThat(rows()).isEmpty();
        assertUsable();
    }

    @Test
    void anUnknownColumnFailsWithTheServerErrorAndTheConnectionStaysUsable() {
        CopyOptions options = CopyOptions.builder().columns("a", "no_such_column").build();
        assertThat(failure(conn.copyRecordsToTable("copy_cases", List.<Object>of(List.of("x", 1)), options)))
                .isInstanceOf(UndefinedColumnException.class);
        assertThat(failure(conn.copyToTable("copy_cases", input("x\t1\n"), options)))
                .isInstanceOf(UndefinedColumnException.class);
        assertUsable();
    }

    @Test
    void droppedAndGeneratedColumnsAreLeftOutOfTheDefaultColumns() {
        value(conn.execute("CREATE TEMP TABLE copy_cases_dropped (gone int, n int, doubled int GENERATED ALWAYS AS "
                + "(n * 2) STORED, label text); ALTER TABLE copy_cases_dropped DROP COLUMN gone"));
        assertThat(value(conn.copyRecordsToTable("copy_cases_dropped", List.<Object>of(List.of(21, "x")),
                CopyOptions.defaults()))).isEqualTo("COPY 1");
        assertThat(value(conn.<Integer>fetchval("SELECT doubled FROM copy_cases_dropped"))).isEqualTo(42);
    }

    @Test
    void aRecordsCopyIntoATableCreatedInTheSameTransactionIsUndoneByItsRollback() {
        Transaction tx = conn.transaction();
        value(tx.start());
        value(conn.execute("CREATE TABLE copy_cases_in_tx (n int)"));
        assertThat(value(conn.copyRecordsToTable("copy_cases_in_tx", List.<Object>of(List.of(1), List.of(2)),
                CopyOptions.defaults()))).isEqualTo("COPY 2");
        assertThat(value(conn.<Long>fetchval("SELECT count(*) FROM copy_cases_in_tx"))).isEqualTo(2L);
        value(tx.rollback());
        assertThat(failure(conn.execute("SELECT * FROM copy_cases_in_tx"))).isInstanceOf(PostgresException.class);
    }

    @Test
    void poolCopyShortcutsRunOnAPooledConnectionAndReleaseIt() {
        Pool pool = value(Tusk.createPool(PoolOptions.builder()
                .connectOptions(Db.options().applicationName("tusk-asyncpg-copy-pool").build()).minSize(1).maxSize(1)
                .build()));
        try {
            value(pool.execute("CREATE TABLE IF NOT EXISTS copy_cases_pool (a text, b int); TRUNCATE copy_cases_pool"));
            assertThat(value(pool.copyRecordsToTable("copy_cases_pool", List.<Object>of(List.of("x", 1)),
                    CopyOptions.defaults()))).isEqualTo("COPY 1");
            assertThat(value(pool.copyToTable("copy_cases_pool", dev.tusk.CopySource.of(input("y\t2\n")),
                    CopyOptions.defaults()))).isEqualTo("COPY 1");
            assertThat(value(pool.copyRecordsToTable("copy_cases_pool", ListPublisher.of(List.<Object>of(List.of("z", 3))),
                    CopyOptions.defaults()))).isEqualTo("COPY 1");
            value(pool.execute("DELETE FROM copy_cases_pool WHERE b = 3"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertThat(value(pool.copyFromQuery("SELECT a, b FROM copy_cases_pool ORDER BY b",
                    dev.tusk.CopySink.of(out), CopyOptions.builder().format(CopyFormat.CSV).build()))).isEqualTo("COPY 2");
            assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("x,1\ny,2\n");
            assertThat(failure(pool.copyToTable("copy_cases_pool", dev.tusk.CopySource.of(input("bad\n")),
                    CopyOptions.defaults()))).isInstanceOf(PostgresException.class);
            value(pool.execute("DROP TABLE copy_cases_pool"));
            assertThat(pool.getSize()).isEqualTo(1);
        } finally {
            pool.terminate();
        }
    }
}
