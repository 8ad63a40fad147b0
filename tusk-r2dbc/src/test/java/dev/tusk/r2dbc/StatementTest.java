package dev.tusk.r2dbc;

import static dev.tusk.r2dbc.R2dbcTestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.r2dbc.spi.Blob;
import io.r2dbc.spi.Clob;
import io.r2dbc.spi.Parameters;
import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcType;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Statement;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** Binding parameters, binding sets, update counts, generated keys and laziness of a {@link Statement}. */
class StatementTest extends R2dbcTestBase {

    @Test
    void parametersBoundByIndexAreSentForDollarPlaceholders() {
        Statement statement = connection.createStatement("SELECT $1::int4 + $2::int4 AS sum, $3::text AS name")
                .bind(0, 40).bind(1, 2).bind(2, "Ada");

        List<String> rows = Flux.from(statement.execute())
                .concatMap(r -> r.map(row -> row.get("sum", Integer.class) + " " + row.get("name", String.class)))
                .collectList().block(TIMEOUT);

        assertThat(rows).containsExactly("42 Ada");
    }

    @Test
    void parametersBoundByDollarNameOrByNumberAreTheSameAsByIndex() {
        Statement statement = connection.createStatement("SELECT $1::text || $2::text || $3::text")
                .bind("$1", "a").bind("$2", "b").bind("3", "c");

        assertThat(Flux.from(statement.execute()).concatMap(r -> r.map(row -> row.get(0, String.class))).single().block(TIMEOUT))
                .isEqualTo("abc");
    }

    @Test
    void bindNullWithATypeSendsSqlNull() {
        Statement statement = connection.createStatement("SELECT $1::int4 IS NULL, $2::text IS NULL")
                .bindNull(0, Integer.class).bindNull("$2", String.class);

        assertThat(Flux.from(statement.execute())
                .concatMap(r -> r.map(row -> List.of(row.get(0, Boolean.class), row.get(1, Boolean.class))))
                .single().block(TIMEOUT)).containsExactly(true, true);
    }

    @Test
    void bindNullWithAnUntypedPlaceholderInfersTheTypeFromTheClass() {
        String table = newTable("id int, note text");
        Statement statement = connection.createStatement("INSERT INTO " + table + " VALUES ($1, $2)")
                .bind(0, 1).bindNull(1, String.class);

        assertThat(Flux.from(statement.execute()).concatMap(Result::getRowsUpdated).single().block(TIMEOUT)).isEqualTo(1L);
        assertThat(query("SELECT note FROM " + table, row -> String.valueOf(row.get("note")))).containsExactly("null");
    }

    @Test
    void anInParameterWithAnR2dbcTypeIsBound() {
        Statement statement = connection.createStatement("SELECT $1 || '!'")
                .bind(0, Parameters.in(R2dbcType.VARCHAR, "hello"));

        assertThat(Flux.from(statement.execute()).concatMap(r -> r.map(row -> row.get(0, String.class))).single().block(TIMEOUT))
                .isEqualTo("hello!");
    }

    @Test
    void anInParameterWithoutAValueIsSqlNull() {
        Statement statement = connection.createStatement("SELECT $1::int8 IS NULL")
                .bind(0, Parameters.in(R2dbcType.BIGINT));

        assertThat(Flux.from(statement.execute()).concatMap(r -> r.map(row -> row.get(0, Boolean.class))).single().block(TIMEOUT))
                .isTrue();
    }

    @Test
    void dollarNumbersInsideLiteralsQuotedNamesCommentsAndDollarQuotesAreNotParameters() {
        Statement statement = connection.createStatement("SELECT $1::int4 AS \"x$9\", '$2' AS a, E'it\\'s $3' AS b, "
                + "$q$ $4 $q$ AS c /* $5 /* nested $6 */ */ -- $7\n").bind(0, 5);

        List<Object> values = Flux.from(statement.execute())
                .concatMap(r -> r.map(row -> List.of(row.get("x$9"), row.get("a"), row.get("b"), row.get("c"))))
                .single().block(TIMEOUT);

        assertThat(values).containsExactly(5, "$2", "it's $3", " $4 ");
    }

    @Test
    void aParameterUsedTwiceIsBoundOnce() {
        Statement statement = connection.createStatement("SELECT $1::int4 + $1::int4").bind(0, 21);

        assertThat(Flux.from(statement.execute()).concatMap(r -> r.map(row -> row.get(0, Integer.class))).single().block(TIMEOUT))
                .isEqualTo(42);
    }

    @Test
    void twoSqlStatementsWithParametersInOneStatementAreRefusedByTheServer() {
        Throwable e = catchThrowable(() -> Flux.from(
                        connection.createStatement("SELECT $1::int4; SELECT 2").bind(0, 1).execute())
                .concatMap(r -> r.map(row -> row.get(0))).blockLast(TIMEOUT));

        assertThat(e).isInstanceOf(R2dbcBadGrammarException.class);
        assertThat(((R2dbcException) e).getSqlState()).isEqualTo("42601");
        assertThat(value("SELECT 1", Integer.class)).isEqualTo(1);
    }

    @Test
    void aMissingBindingFailsExecuteWithIllegalStateNamingTheParameter() {
        Statement statement = connection.createStatement("SELECT $1::int4, $2::int4").bind(0, 1);

        assertThatThrownBy(() -> Flux.from(statement.execute()).blockLast(TIMEOUT))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("$2");
        assertThat(value("SELECT 1", Integer.class)).isEqualTo(1);
    }

    @Test
    void bindingANullValueIsRefusedWithIllegalArgument() {
        Statement statement = connection.createStatement("SELECT $1::int4");

        assertThatThrownBy(() -> statement.bind(0, null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> statement.bind("$1", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> statement.bindNull(0, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void bindingAnIndexOutOfRangeIsRefusedWithIndexOutOfBounds() {
        Statement statement = connection.createStatement("SELECT $1::int4");

        assertThatThrownBy(() -> statement.bind(1, 5)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> statement.bind(-1, 5)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void bindingAnUnknownNameIsRefusedWithNoSuchElement() {
        Statement statement = connection.createStatement("SELECT $1::int4");

        assertThatThrownBy(() -> statement.bind("id", 5)).isInstanceOf(NoSuchElementException.class);
    }

    @Test
    void eachBindingSetSavedWithAddGivesOneResultInOrder() {
        String table = newTable("id int PRIMARY KEY, name text");
        Statement insert = connection.createStatement("INSERT INTO " + table + " VALUES ($1, $2)")
                .bind(0, 1).bind(1, "a").add()
                .bind(0, 2).bind(1, "b").add()
                .bind(0, 3).bind(1, "c");

        List<Long> counts = Flux.from(insert.execute()).concatMap(Result::getRowsUpdated).collectList().block(TIMEOUT);

        assertThat(counts).containsExactly(1L, 1L, 1L);
        assertThat(query("SELECT name FROM " + table + " ORDER BY id", row -> row.get(0, String.class)))
                .containsExactly("a", "b", "c");
    }

    @Test
    void aQueryWithSeveralBindingSetsGivesTheRowsOfEachSetInItsOwnResult() {
        Statement select = connection.createStatement("SELECT g FROM generate_series(1, $1::int4) AS g")
                .bind(0, 2).add()
                .bind(0, 3);

        List<List<Integer>> results = Flux.from(select.execute())
                .concatMap(r -> Flux.from(r.map(row -> row.get(0, Integer.class))).collectList())
                .collectList().block(TIMEOUT);

        assertThat(results).containsExactly(List.of(1, 2), List.of(1, 2, 3));
    }

    @Test
    void rowsUpdatedCountsTheRowsOfInsertUpdateAndDelete() {
        String table = newTable("id int PRIMARY KEY, n int");

        assertThat(rowsUpdated("INSERT INTO " + table + " SELECT g, 0 FROM generate_series(1, 5) g")).isEqualTo(5L);
        assertThat(rowsUpdated("UPDATE " + table + " SET n = 1 WHERE id <= 3")).isEqualTo(3L);
        assertThat(rowsUpdated("DELETE FROM " + table + " WHERE n = 0")).isEqualTo(2L);
        assertThat(rowsUpdated("UPDATE " + table + " SET n = 2 WHERE id > 100")).isEqualTo(0L);
    }

    @Test
    void rowsUpdatedOfAStatementWithoutACountIsEmpty() {
        List<Long> counts = Flux.from(connection.createStatement("CREATE TEMP TABLE no_count (id int)").execute())
                .concatMap(Result::getRowsUpdated).collectList().block(TIMEOUT);

        assertThat(counts).isEmpty();
    }

    @Test
    void returnGeneratedValuesGivesTheGeneratedKeyOfAnInsert() {
        String table = newTable("id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, name text");
        run("INSERT INTO " + table + " (name) VALUES ('first')");

        Long id = Flux.from(connection.createStatement("INSERT INTO " + table + " (name) VALUES ($1)")
                        .bind(0, "second").returnGeneratedValues("id").execute())
                .concatMap(r -> r.map(row -> row.get("id", Long.class)))
                .single().block(TIMEOUT);

        assertThat(id).isEqualTo(2L);
    }

    @Test
    void returnGeneratedValuesWithoutColumnsGivesWholeRowsAndOneKeyPerBindingSet() {
        String table = newTable("id serial PRIMARY KEY, name text, created boolean DEFAULT true");

        List<Map<String, Object>> rows = Flux.from(connection.createStatement("INSERT INTO " + table + " (name) VALUES ($1)")
                        .bind(0, "a").add().bind(0, "b").returnGeneratedValues().execute())
                .concatMap(r -> r.map(row -> Map.of("id", row.get("id"), "name", row.get("name"), "created", row.get("created"))))
                .collectList().block(TIMEOUT);

        assertThat(rows).containsExactly(Map.of("id", 1, "name", "a", "created", true),
                Map.of("id", 2, "name", "b", "created", true));
    }

    @Test
    void aStatementWhoseExecuteIsNotSubscribedDoesNotRun() {
        String table = newTable("id int");

        connection.createStatement("INSERT INTO " + table + " VALUES (1)").execute();
        Flux.from(connection.createStatement("INSERT INTO " + table + " VALUES (2)").execute());

        assertThat(count(connection, table)).isZero();
    }

    @Test
    void aStatementCanBeExecutedAgainWithNewBindings() {
        Statement statement = connection.createStatement("SELECT $1::int4 * 2");

        Integer first = Flux.from(statement.bind(0, 2).execute()).concatMap(r -> r.map(row -> row.get(0, Integer.class)))
                .single().block(TIMEOUT);
        Integer second = Flux.from(statement.bind(0, 5).execute()).concatMap(r -> r.map(row -> row.get(0, Integer.class)))
                .single().block(TIMEOUT);

        assertThat(List.of(first, second)).containsExactly(4, 10);
    }

    private long rowsUpdated(String sql) {
        return Flux.from(connection.createStatement(sql).execute()).concatMap(Result::getRowsUpdated).single().block(TIMEOUT);
    }

    @Test
    void aTextOfSeveralStatementsGivesOneResultPerStatementInOrder() {
        String table = newTable("id int");
        Statement script = connection.createStatement("INSERT INTO " + table + " VALUES (1), (2); "
                + "SELECT id FROM " + table + " ORDER BY id; SELECT 'x;y' AS text;");

        List<Object> results = Flux.from(script.execute())
                .concatMap(r -> Flux.from(r.map(row -> row.get(0))).collectList()
                        .map(rows -> (Object) rows).defaultIfEmpty(List.of()))
                .collectList().block(TIMEOUT);

        assertThat(results).containsExactly(List.of(), List.of(1, 2), List.of("x;y"));
    }

    @Test
    void aFailingStatementOfSeveralStopsTheOnesAfterIt() {
        String table = newTable("id int PRIMARY KEY");
        Statement script = connection.createStatement("INSERT INTO " + table + " VALUES (1); "
                + "INSERT INTO " + table + " VALUES (1); INSERT INTO " + table + " VALUES (3)");

        Throwable failure = catchThrowable(() -> Flux.from(script.execute()).concatMap(Result::getRowsUpdated)
                .collectList().block(TIMEOUT));

        assertThat(failure).isInstanceOf(R2dbcException.class).hasMessageContaining("duplicate key");
        // the first ran in its own implicit transaction and stays; the third never ran
        assertThat(query("SELECT id FROM " + table + " ORDER BY id", row -> row.get(0, Integer.class)))
                .containsExactly(1);
    }

    @Test
    void anAddWithNothingBoundAfterItIsRefusedAtExecute() {
        Statement insert = connection.createStatement("SELECT $1::int4").bind(0, 1).add();

        assertThatThrownBy(insert::execute).isInstanceOf(IllegalStateException.class)
                .hasMessage("add() after the last binding set left binding set 1 empty: bind its parameters, or drop the last add()");
    }

    @Test
    void aClassPassedAsTheValueIsRefusedNamingBindNull() {
        Statement select = connection.createStatement("SELECT $1::int4");

        assertThatThrownBy(() -> select.bind(0, Integer.class)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("value is the class java.lang.Integer, not a value; to bind NULL of a type use bindNull(index, type)");
    }

    @Test
    void blobsAndClobsAreBoundWholeAndReadAsStreams() {
        String table = newTable("b bytea, c text");
        Blob blob = Blob.from(Flux.just(ByteBuffer.wrap(new byte[] {1, 2}), ByteBuffer.wrap(new byte[] {3})));
        Clob clob = Clob.from(Flux.just("ab", new StringBuilder("c"), "d"));
        Flux.from(connection.createStatement("INSERT INTO " + table + " VALUES ($1, $2)").bind(0, blob).bind(1, clob)
                .execute()).concatMap(Result::getRowsUpdated).blockLast(TIMEOUT);

        List<Object> read = Flux.from(connection.createStatement("SELECT b, c FROM " + table).execute())
                .concatMap(r -> r.map(row -> List.of(row.get("b", Blob.class), row.get("c", Clob.class))))
                .concatMap(lobs -> Flux.concat(
                        Flux.from(((Blob) lobs.get(0)).stream()).map(buffer -> {
                            byte[] bytes = new byte[buffer.remaining()];
                            buffer.get(bytes);
                            return (Object) java.util.Arrays.toString(bytes);
                        }),
                        Flux.from(((Clob) lobs.get(1)).stream()).map(text -> (Object) text.toString())))
                .collectList().block(TIMEOUT);

        assertThat(read).containsExactly("[1, 2, 3]", "abcd");
    }

    @Test
    void aBlobWhoseStreamFailsFailsTheStatementAndSendsNothing() {
        String table = newTable("b bytea");
        Blob broken = Blob.from(Flux.concat(Flux.just(ByteBuffer.wrap(new byte[] {1})),
                Flux.error(new IllegalStateException("the file went away"))));

        Throwable failure = catchThrowable(() -> Flux.from(connection.createStatement("INSERT INTO " + table
                + " VALUES ($1)").bind(0, broken).execute()).concatMap(Result::getRowsUpdated).blockLast(TIMEOUT));

        assertThat(failure).hasMessageContaining("the file went away");
        assertThat(query("SELECT count(*) FROM " + table, row -> row.get(0, Long.class))).containsExactly(0L);
    }

    @Test
    void aFailingBlobCancelsTheOtherStreamsOfTheStatementAndFailsItAtOnce() {
        String table = newTable("a bytea, b text");
        AtomicBoolean endlessCancelled = new AtomicBoolean();
        Clob endless = Clob.from(Flux.<CharSequence>never().doOnCancel(() -> endlessCancelled.set(true)));
        Blob broken = Blob.from(Flux.error(new IllegalStateException("the upload was interrupted")));

        Throwable failure = catchThrowable(() -> Flux.from(connection.createStatement("INSERT INTO " + table
                + " VALUES ($1, $2)").bind(0, broken).bind(1, endless).execute()).blockLast(TIMEOUT));

        assertThat(failure).hasMessageContaining("the upload was interrupted");
        assertThat(endlessCancelled).isTrue();
        assertThat(query("SELECT count(*) FROM " + table, row -> row.get(0, Long.class))).containsExactly(0L);
    }
}
