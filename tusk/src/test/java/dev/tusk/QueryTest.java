package dev.tusk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PostgresException;
import dev.tusk.exceptions.SyntaxErrorException;
import dev.tusk.exceptions.UndefinedTableException;
import dev.tusk.exceptions.UniqueViolationException;
import dev.tusk.exceptions.IntegrityConstraintViolationException;
import dev.tusk.exceptions.DivisionByZeroException;
import dev.tusk.test.Db;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class QueryTest {

    private static Connection conn;

    @BeforeAll
    static void connect() {
        conn = Db.connect();
    }

    @AfterAll
    static void close() {
        conn.close();
        assertThat(conn.isClosed()).isTrue();
    }

    @Test
    void executeRunsAScriptOfSeveralStatementsAndReturnsTheLastStatus() {
        String status = conn.execute("CREATE TEMP TABLE script_t (id int); INSERT INTO script_t VALUES (1), (2); "
                + "UPDATE script_t SET id = id + 10").join();
        assertThat(status).isEqualTo("UPDATE 2");
        assertThat(conn.<Long>fetchval("SELECT sum(id) FROM script_t").join()).isEqualTo(23L);
    }

    @Test
    void executeWithArgumentsReturnsTheCommandStatus() {
        conn.execute("CREATE TEMP TABLE status_t (id int, name text)").join();
        assertThat(conn.execute("INSERT INTO status_t VALUES ($1, $2)", 1, "one").join()).isEqualTo("INSERT 0 1");
        assertThat(conn.execute("DELETE FROM status_t WHERE id = $1", 1).join()).isEqualTo("DELETE 1");
    }

    @Test
    void fetchReturnsRecordsByIndexAndByName() {
        List<Record> rows = conn.fetch("SELECT g AS n, 'row ' || g AS label FROM generate_series(1, $1::int) g", 3).join();
        assertThat(rows).hasSize(3);
        Record second = rows.get(1);
        assertThat(second.size()).isEqualTo(2);
        assertThat(second.get(0)).isEqualTo(2);
        assertThat(second.get("label")).isEqualTo("row 2");
        assertThat(second.getInt("n")).isEqualTo(2);
        assertThat(second.getLong(0)).isEqualTo(2L);
        assertThat(second.keys()).containsExactly("n", "label");
        assertThat(second.values()).containsExactly(2, "row 2");
        assertThat(second.items()).containsExactly(Map.entry("n", 2), Map.entry("label", "row 2"));
        assertThat(second.toMap()).containsExactly(Map.entry("n", 2), Map.entry("label", "row 2"));
        assertThat(second).hasToString("<Record n=2 label='row 2'>");
    }

    @Test
    void fetchrowGivesNullWhenThereIsNoRow() {
        assertThat(conn.fetchrow("SELECT 1 WHERE false").join()).isNull();
        assertThat(conn.fetchrow("SELECT $1::text AS t", "x").join().get("t")).isEqualTo("x");
    }

    @Test
    void fetchvalGivesTheFirstColumnOfTheFirstRow() {
        assertThat(conn.<String>fetchval("SELECT 'a' UNION ALL SELECT 'b'").join()).isEqualTo("a");
        assertThat(conn.<Object>fetchval("SELECT 1 WHERE false").join()).isNull();
        assertThat(conn.<Object>fetchval("SELECT NULL::int").join()).isNull();
    }

    @Test
    void nullParametersAndNullColumns() {
        Record row = conn.fetchrow("SELECT $1::int AS a, $2::text AS b", null, null).join();
        assertThat(row.get("a")).isNull();
        assertThat(row.isNull("b")).isTrue();
        assertThatThrownBy(() -> row.getInt("a")).isInstanceOf(InterfaceException.class).hasMessageContaining("NULL");
    }

    @Test
    void rowsMapOntoJavaRecords() {
        record Person(int id, String name) { }
        Person person = conn.fetchrow("SELECT 7 AS id, 'Ada' AS name").join().into(Person.class);
        assertThat(person).isEqualTo(new Person(7, "Ada"));
    }

    @Test
    void anErrorCarriesItsSqlStateFieldsAndClass() {
        conn.execute("CREATE TEMP TABLE unique_t (id int CONSTRAINT unique_t_pkey PRIMARY KEY)").join();
        conn.execute("INSERT INTO unique_t VALUES ($1)", 1).join();
        CompletionException thrown = catchCompletion(conn.execute("INSERT INTO unique_t VALUES ($1)", 1));
        assertThat(thrown.getCause()).isInstanceOf(UniqueViolationException.class)
                .isInstanceOf(IntegrityConstraintViolationException.class);
        PostgresException error = (PostgresException) thrown.getCause();
        assertThat(error.getSqlState()).isEqualTo("23505");
        assertThat(error.getSeverity()).isEqualTo("ERROR");
        assertThat(error.getConstraintName()).isEqualTo("unique_t_pkey");
        assertThat(error.getTableName()).isEqualTo("unique_t");
        assertThat(error.getDetail()).isEqualTo("Key (id)=(1) already exists.");
        assertThat(error.getMessage()).contains("duplicate key value violates unique constraint \"unique_t_pkey\"");
        assertThat(error.isClientSide()).isFalse();
    }

    @Test
    void theConnectionWorksAfterAnError() {
        assertThat(catchCompletion(conn.fetch("SELECT * FROM no_such_table")).getCause())
                .isInstanceOf(UndefinedTableException.class);
        assertThat(catchCompletion(conn.execute("SELEKT 1")).getCause())
                .isInstanceOf(SyntaxErrorException.class)
                .satisfies(e -> assertThat(((PostgresException) e).getPosition()).isEqualTo(1));
        assertThat(catchCompletion(conn.fetchval("SELECT 1 / $1::int", 0)).getCause())
                .isInstanceOf(DivisionByZeroException.class);
        assertThat(conn.<Integer>fetchval("SELECT $1::int4 + 1", 1).join()).isEqualTo(2);
        assertThat(conn.isInTransaction()).isFalse();
    }

    @Test
    void aWrongArgumentCountIsAnInterfaceException() {
        assertThat(catchCompletion(conn.fetch("SELECT $1::int, $2::int", 1)).getCause())
                .isInstanceOf(InterfaceException.class)
                .hasMessageContaining("expects 2 arguments for this query, 1 was passed");
        // and again once the statement is cached
        assertThat(catchCompletion(conn.fetch("SELECT $1::int, $2::int", 1, 2, 3)).getCause())
                .isInstanceOf(InterfaceException.class)
                .hasMessageContaining("3 were passed");
        assertThat(conn.<Integer>fetchval("SELECT $1::int + $2::int", 1, 2).join()).isEqualTo(3);
    }

    @Test
    void anArgumentOfTheWrongTypeNamesItsPositionAndTypes() {
        Throwable error = catchCompletion(conn.fetchval("SELECT $1::int4 + $2::int4", 1, "two")).getCause();
        assertThat(error).isInstanceOf(dev.tusk.exceptions.DataException.class)
                .hasMessageContaining("invalid input for query argument $2")
                .hasMessageContaining("int4")
                .hasMessageContaining("String");
        assertThat(conn.<Integer>fetchval("SELECT $1::int4", 5).join()).isEqualTo(5);
    }

    @Test
    void concurrentCallsArePipelinedAndCompleteInOrder() {
        List<CompletableFuture<Integer>> results = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            results.add(conn.fetchval(i % 2 == 0 ? "SELECT $1::int4" : "SELECT $1::int4 + 0", i));
        }
        CompletableFuture<?> failing = conn.fetch("SELECT 1/0");
        for (int i = 500; i < 1000; i++) {
            results.add(conn.fetchval("SELECT $1::int4", i));
        }
        for (int i = 0; i < results.size(); i++) {
            assertThat(results.get(i).join()).isEqualTo(i);
        }
        assertThat(failing).isCompletedExceptionally();
    }

    @Test
    void anEmptyQueryIsHarmless() {
        assertThat(conn.execute("").join()).isEqualTo("");
        assertThat(conn.fetch("").join()).isEmpty();
    }

    @Test
    void transactionStatusFollowsTheServer() {
        conn.execute("BEGIN").join();
        assertThat(conn.isInTransaction()).isTrue();
        conn.execute("ROLLBACK").join();
        assertThat(conn.isInTransaction()).isFalse();
    }

    @Test
    void settingsReportTheServersParameters() {
        assertThat(conn.getSettings()).containsEntry("client_encoding", "UTF8").containsKey("server_version");
    }

    @Test
    void aClosedConnectionRefusesCalls() {
        Connection other = Db.connect();
        other.close();
        assertThat(other.isClosed()).isTrue();
        assertThat(catchCompletion(other.fetch("SELECT 1")).getCause())
                .isInstanceOf(InterfaceException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void terminateFailsPendingCallsAndClosesAtOnce() {
        Connection other = Db.connect();
        CompletableFuture<List<Record>> sleeping = other.fetch("SELECT pg_sleep(30)");
        other.terminate();
        assertThat(catchCompletion(sleeping).getCause()).isInstanceOf(PostgresException.class);
        other.onClose().join();
        assertThat(other.isClosed()).isTrue();
    }

    private static CompletionException catchCompletion(CompletableFuture<?> future) {
        try {
            future.join();
        } catch (CompletionException e) {
            return e;
        }
        throw new AssertionError("expected the call to fail");
    }
}
