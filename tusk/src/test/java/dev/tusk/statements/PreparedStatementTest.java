package dev.tusk.statements;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.PreparedStatement;
import dev.tusk.exceptions.InvalidSqlStatementNameException;
import dev.tusk.test.Db;
import dev.tusk.types.Attribute;
import dev.tusk.types.Type;
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
    void aClosedStatementIsGoneFromTheServer() {
        PreparedStatement statement = conn.prepare("SELECT 1").join();
        statement.close().join();
        assertThatThrownBy(() -> statement.fetch().join()).hasCauseInstanceOf(InvalidSqlStatementNameException.class);
    }
}
