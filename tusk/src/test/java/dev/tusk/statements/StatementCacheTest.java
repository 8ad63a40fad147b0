package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.Tusk;
import dev.tusk.test.Db;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StatementCacheTest {

    private static long preparedCount(Connection conn) {
        return conn.<Long>fetchval("SELECT count(*) FROM pg_prepared_statements WHERE statement = 'SELECT $1::int4 * 2'")
                .join();
    }

    @Test
    void aStatementIsParsedOnceAndReused() {
        try (Connection conn = Db.connect()) {
            for (int i = 0; i < 20; i++) {
                assertThat(conn.<Integer>fetchval("SELECT $1::int4 * 2", i).join()).isEqualTo(i * 2);
            }
            assertThat(preparedCount(conn)).isEqualTo(1);
        }
    }

    @Test
    void aCachedStatementReturnsEveryRowWhateverItsLastResultCounted() {
        // the list of a result is sized from the statement's previous row count: a hint only
        try (Connection conn = Db.connect()) {
            String sql = "SELECT i FROM generate_series(1, $1::int4) AS i";
            for (int count : new int[] {1000, 3, 0, 25_000, 1, 12_001}) {
                List<Record> rows = conn.fetch(sql, count).join();
                assertThat(rows).hasSize(count);
                if (count > 0) {
                    assertThat(rows.get(count - 1).getInt(0)).isEqualTo(count);
                }
            }
        }
    }

    @Test
    void theCacheEvictsAtItsBoundAndClosesEvictedStatements() {
        try (Connection conn = Tusk.connect(Db.options().statementCacheSize(3).build()).join()) {
            for (int i = 0; i < 10; i++) {
                conn.fetchval("SELECT " + i + " + $1::int4", 1).join();
            }
            // 3 cached + the statement that counts them, whose own Parse ran after the closes
            long prepared = conn.<Long>fetchval("SELECT count(*) FROM pg_prepared_statements").join();
            assertThat(prepared).isLessThanOrEqualTo(4);
        }
    }

    @Test
    void aZeroSizedCacheUsesUnnamedStatementsOnly() {
        try (Connection conn = Tusk.connect(Db.options().statementCacheSize(0).build()).join()) {
            assertThat(conn.<Integer>fetchval("SELECT $1::int4 * 2", 21).join()).isEqualTo(42);
            assertThat(conn.<Long>fetchval("SELECT count(*) FROM pg_prepared_statements").join()).isZero();
        }
    }

    @Test
    void anExpiredStatementIsPreparedAgain() throws Exception {
        try (Connection conn = Tusk.connect(Db.options().maxCachedStatementLifetime(Duration.ofMillis(1)).build()).join()) {
            conn.fetchval("SELECT $1::int4 * 2", 1).join();
            String first = conn.<String>fetchval("SELECT name FROM pg_prepared_statements WHERE statement = 'SELECT $1::int4 * 2'").join();
            long until = System.nanoTime() + 2_000_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            conn.fetchval("SELECT $1::int4 * 2", 1).join();
            List<Record> names = conn.fetch("SELECT name FROM pg_prepared_statements WHERE statement = 'SELECT $1::int4 * 2'").join();
            assertThat(names).hasSize(1);
            assertThat(names.get(0).getString(0)).isNotEqualTo(first);
        }
    }

    @Test
    void aCachedSelectStarFollowsAlterTable() {
        try (Connection conn = Db.connect()) {
            conn.execute("CREATE TEMP TABLE altered (a int)").join();
            conn.execute("INSERT INTO altered VALUES (1)").join();
            assertThat(conn.fetchrow("SELECT * FROM altered WHERE a = $1", 1).join().keys()).containsExactly("a");
            conn.execute("ALTER TABLE altered ADD COLUMN b text DEFAULT 'new'").join();
            Record row = conn.fetchrow("SELECT * FROM altered WHERE a = $1", 1).join();
            assertThat(row.keys()).containsExactly("a", "b");
            assertThat(row.get("b")).isEqualTo("new");
        }
    }
}
