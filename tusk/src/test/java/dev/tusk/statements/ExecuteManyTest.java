package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.exceptions.DataException;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.UniqueViolationException;
import dev.tusk.exceptions.QueryTimeoutException;
import dev.tusk.test.Await;
import dev.tusk.test.Db;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ExecuteManyTest {

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Db.connect();
        conn.execute("CREATE TEMP TABLE many_t (id int PRIMARY KEY, name text, xid int8)").join();
    }

    @AfterAll
    static void close() {
        conn.close();
    }

    @BeforeEach
    void empty() {
        conn.execute("TRUNCATE many_t").join();
    }

    private static List<List<Object>> rows(int count) {
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            rows.add(List.of(i, "name " + i));
        }
        return rows;
    }

    @Test
    void tenThousandRowsGoInOneImplicitTransaction() {
        conn.executemany("INSERT INTO many_t (id, name, xid) VALUES ($1, $2, txid_current())", rows(10_000)).join();
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM many_t").join()).isEqualTo(10_000L);
        assertThat(conn.<Long>fetchval("SELECT count(DISTINCT xid) FROM many_t").join()).isEqualTo(1L);
        assertThat(conn.<String>fetchval("SELECT name FROM many_t WHERE id = $1", 9_999).join()).isEqualTo("name 9999");
    }

    @Test
    void aTimeoutGivenToTheCallBoundsTheBatchAndKeepsNoRow() {
        List<List<Object>> rows = rows(3);
        rows.set(1, List.of(1, "waits"));
        String insert = "INSERT INTO many_t (id, name) SELECT $1, $2 FROM pg_sleep(CASE WHEN $2 = 'waits' THEN 30 ELSE 0 END)";
        assertThat(Await.failure(conn.executemany(Duration.ofMillis(300), insert, rows)))
                .isInstanceOf(QueryTimeoutException.class);
        assertThat(Await.failure(conn.fetchmany(Duration.ofMillis(300), insert + " RETURNING id", rows)))
                .isInstanceOf(QueryTimeoutException.class);
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM many_t").join()).isZero();
        assertThat(conn.fetchmany(Duration.ofSeconds(30), "SELECT $1::int4 + 1", List.of(List.of(1), List.of(2))).join())
                .extracting(row -> row.getInt(0)).containsExactly(2, 3);
        assertThatThrownBy(() -> conn.executemany(Duration.ofSeconds(-1), insert, rows))
                .isInstanceOf(InterfaceException.class);
    }

    @Test
    void aFailingRowRollsBackTheWholeBatch() {
        List<List<Object>> rows = rows(10_000);
        rows.set(7_000, List.of(5, "duplicate of row 5"));
        assertThatThrownBy(() -> conn.executemany("INSERT INTO many_t (id, name) VALUES ($1, $2)", rows).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(UniqueViolationException.class);
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM many_t").join()).isZero();
    }

    @Test
    void aRowThatCannotBeEncodedRollsBackTheRowsAlreadySent() {
        List<Object> rows = new ArrayList<>(rows(5_000));
        rows.add(new Object[] {"not a number", "x"});
        assertThatThrownBy(() -> conn.executemany("INSERT INTO many_t (id, name) VALUES ($1, $2)", rows).join())
                .hasCauseInstanceOf(DataException.class)
                .hasMessageContaining("invalid input for query argument $1");
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM many_t").join()).isZero();
        assertThat(conn.isInTransaction()).isFalse();
    }

    @Test
    void rowsMayBeArraysOrListsAndAreReadLazily() {
        Iterator<Object[]> generated = new Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return next < 50_000;
            }

            @Override
            public Object[] next() {
                int id = next++;
                return new Object[] {id, "generated " + id};
            }
        };
        Iterable<Object[]> lazily = () -> generated;
        conn.executemany("INSERT INTO many_t (id, name) VALUES ($1, $2)", lazily).join();
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM many_t").join()).isEqualTo(50_000L);
    }

    @Test
    void aRowOfTheWrongShapeIsAnInterfaceException() {
        assertThatThrownBy(() -> conn.executemany("INSERT INTO many_t (id, name) VALUES ($1, $2)",
                List.of(List.of(1, "a"), List.of(2))).join())
                .hasCauseInstanceOf(InterfaceException.class)
                .hasMessageContaining("row 1 of executemany has 1 arguments; the server expects 2");
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM many_t").join()).isZero();
    }

    @Test
    void anEmptyBatchDoesNothing() {
        conn.executemany("INSERT INTO many_t (id, name) VALUES ($1, $2)", List.of()).join();
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM many_t").join()).isZero();
    }

    @Test
    void fetchmanyReturnsTheRowsOfEveryExecution() {
        List<Record> rows = conn.fetchmany("INSERT INTO many_t (id, name) VALUES ($1, $2) RETURNING id * 10 AS ten",
                rows(3)).join();
        assertThat(rows).extracting(r -> r.getInt("ten")).containsExactly(0, 10, 20);
    }

    @Test
    void otherCallsWaitBehindABatchAndStillComplete() {
        var batch = conn.executemany("INSERT INTO many_t (id, name) VALUES ($1, $2)", rows(20_000));
        var after = conn.<Long>fetchval("SELECT count(*) FROM many_t");
        batch.join();
        assertThat(after.join()).isEqualTo(20_000L);
    }
}
