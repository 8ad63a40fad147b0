package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.PreparedStatement;
import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.QueryTimeoutException;
import dev.tusk.test.Await;
import dev.tusk.test.Db;
import dev.tusk.types.Attribute;
import dev.tusk.types.Type;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PreparedStatementTest {

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
    void aPreparedStatementStreamsItsRows() {
        PreparedStatement statement = conn.prepare("SELECT g FROM generate_series(1, $1::int) g").join();
        try (java.util.stream.Stream<dev.tusk.Record> rows = dev.tusk.BlockingRows.of(statement.stream(2500), 64).stream()) {
            assertThat(rows.mapToLong(row -> row.getLong(0)).sum()).isEqualTo(2500L * 2501 / 2);
        }
        statement.close().join();
    }

    @Test
    void aPreparedStatementKnowsItsParametersAndColumnsAndRunsManyTimes() {
        PreparedStatement statement = conn.prepare("SELECT $1::int4 + 1 AS next, $2::text AS label").join();
        assertThat(statement.getQuery()).isEqualTo("SELECT $1::int4 + 1 AS next, $2::text AS label");
        assertThat(statement.getParameters()).containsExactly(
                new Type(23, "int4", "scalar", "pg_catalog"), new Type(25, "text", "scalar", "pg_catalog"));
        assertThat(statement.getAttributes()).containsExactly(
                new Attribute("next", new Type(23, "int4", "scalar", "pg_catalog")),
                new Attribute("label", new Type(25, "text", "scalar", "pg_catalog")));
        for (int i = 0; i < 5; i++) {
            assertThat(statement.<Integer>fetchval(i, "x").join()).isEqualTo(i + 1);
        }
        assertThat(statement.fetch(1, "one").join().get(0).get("label")).isEqualTo("one");
        assertThat(statement.getStatusmsg()).isEqualTo("SELECT 1");
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM pg_prepared_statements WHERE name = $1",
                statement.getName()).join()).isEqualTo(1L);
    }

    @Test
    void arrayAndNamedTypesAreDescribed() {
        PreparedStatement statement = conn.prepare("SELECT $1::text[] AS tags").join();
        assertThat(statement.getParameters().get(0)).isEqualTo(new Type(1009, "_text", "array", "pg_catalog"));
    }

    @Test
    void executemanyAndExplainWork() {
        conn.execute("CREATE TEMP TABLE prepared_t (id int)").join();
        PreparedStatement insert = conn.prepare("INSERT INTO prepared_t VALUES ($1)").join();
        insert.executemany(List.of(List.of(1), List.of(2), List.of(3))).join();
        assertThat(insert.getAttributes()).isEmpty();
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM prepared_t").join()).isEqualTo(3L);
        String analyzed = insert.explain(true, 4).join();
        assertThat(analyzed).contains("\"Actual Rows\"");
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM prepared_t").join()).isEqualTo(3L);
        assertThat(conn.prepare("SELECT * FROM prepared_t WHERE id = $1").join().explain(false, 1).join())
                .contains("\"Plan\"");
    }

    @Test
    void aClosedStatementIsGoneFromTheServerAndRefusedOnTheClient() {
        PreparedStatement statement = conn.prepare("SELECT 1").join();
        PreparedStatement bounded = statement.withTimeout(Duration.ofSeconds(30));
        statement.close().join();
        assertThat(conn.<Long>fetchval("SELECT count(*) FROM pg_prepared_statements WHERE name = $1",
                statement.getName()).join()).isZero();
        conn.execute("BEGIN").join();
        try {
            for (Runnable use : List.<Runnable>of(statement::fetch, bounded::fetchrow, () -> statement.fetchval(),
                    () -> statement.executemany(List.of(List.of())), () -> bounded.fetchmany(List.of(List.of())),
                    () -> statement.explain(false), () -> statement.stream(), () -> statement.cursor())) {
                assertThatThrownBy(use::run)
                        .isInstanceOf(InterfaceException.class)
                        .hasMessage("prepared statement \"" + statement.getName() + "\" is closed");
            }
            assertThat(conn.fetchval("SELECT 2").join()).as("the transaction goes on").isEqualTo(2);
        } finally {
            conn.execute("ROLLBACK").join();
        }
        bounded.close().join();
        statement.close().join();
    }

    @Test
    void withTimeoutBoundsEveryExecutionAndLeavesTheStatementAlone() {
        PreparedStatement sleep = conn.prepare("SELECT 1 FROM pg_sleep($1::float8)").join();
        PreparedStatement bounded = sleep.withTimeout(Duration.ofMillis(200));
        assertThat(Await.failure(bounded.fetchval(30.0))).isInstanceOf(QueryTimeoutException.class);
        assertThat(Await.failure(bounded.executemany(List.of(List.of(0.0), List.of(30.0)))))
                .isInstanceOf(QueryTimeoutException.class);
        assertThat(sleep.<Object>fetchval(0.0).join()).isEqualTo(1);
        assertThat(bounded.getName()).isEqualTo(sleep.getName());
        assertThatThrownBy(() -> sleep.withTimeout(Duration.ZERO)).isInstanceOf(InterfaceException.class);
        sleep.close().join();
    }

    @Test
    void fetchmanyReturnsTheRowsOfEveryExecution() {
        PreparedStatement doubled = conn.prepare("SELECT $1::int4 * 2 AS d, $1::int4 * 3 AS t").join();
        List<Record> rows = doubled.fetchmany(List.of(List.of(1), List.of(2), List.of(5))).join();
        assertThat(rows).extracting(row -> row.getInt("d")).containsExactly(2, 4, 10);
        doubled.close().join();
    }
}
