package dev.tusk.r2dbc;

import static dev.tusk.r2dbc.R2dbcTestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.r2dbc.spi.R2dbcBadGrammarException;
import io.r2dbc.spi.Result;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** A {@link io.r2dbc.spi.Batch} runs several SQL statements and gives one result per statement, in order. */
class BatchTest extends R2dbcTestBase {

    @Test
    void aBatchGivesOneResultPerStatementInOrder() {
        String table = newTable("id int");

        List<Long> counts = Flux.from(connection.createBatch()
                        .add("INSERT INTO " + table + " VALUES (1)")
                        .add("INSERT INTO " + table + " SELECT g FROM generate_series(2, 4) g")
                        .add("UPDATE " + table + " SET id = id + 10 WHERE id > 2")
                        .add("DELETE FROM " + table + " WHERE id = 1")
                        .execute())
                .concatMap(Result::getRowsUpdated)
                .collectList().block(TIMEOUT);

        assertThat(counts).containsExactly(1L, 3L, 2L, 1L);
        assertThat(query("SELECT id FROM " + table + " ORDER BY id", row -> row.get(0, Integer.class))).containsExactly(2, 13, 14);
    }

    @Test
    void aBatchMixingQueriesAndUpdatesGivesRowsAndCounts() {
        String table = newTable("id int");

        List<String> results = Flux.from(connection.createBatch()
                        .add("SELECT 'first'")
                        .add("INSERT INTO " + table + " VALUES (7)")
                        .add("SELECT id::text FROM " + table)
                        .execute())
                .concatMap(r -> r.flatMap(segment -> {
                    if (segment instanceof Result.RowSegment rs) {
                        return Flux.just("row " + rs.row().get(0, String.class));
                    }
                    if (segment instanceof Result.UpdateCount count) {
                        return Flux.just("count " + count.value());
                    }
                    return Flux.empty();
                }))
                .collectList().block(TIMEOUT);

        assertThat(results).filteredOn(s -> s.startsWith("row")).containsExactly("row first", "row 7");
        assertThat(results).contains("count 1");
        assertThat(results.indexOf("row first")).isLessThan(results.indexOf("count 1"));
    }

    @Test
    void aFailingStatementFailsTheBatchAndTheConnectionStaysUsable() {
        String table = newTable("id int");

        Throwable e = catchThrowable(() -> Flux.from(connection.createBatch()
                        .add("INSERT INTO " + table + " VALUES (1)")
                        .add("INSERT INTO no_such_table VALUES (2)")
                        .add("INSERT INTO " + table + " VALUES (3)")
                        .execute())
                .concatMap(Result::getRowsUpdated)
                .blockLast(TIMEOUT));

        assertThat(e).isInstanceOf(R2dbcBadGrammarException.class);
        assertThat(query("SELECT id FROM " + table + " WHERE id = 3", row -> row.get(0, Integer.class))).isEmpty();
        assertThat(value("SELECT 5", Integer.class)).isEqualTo(5);
    }

    @Test
    void aBatchThatIsNotSubscribedDoesNotRun() {
        String table = newTable("id int");

        connection.createBatch().add("INSERT INTO " + table + " VALUES (1)").add("INSERT INTO " + table + " VALUES (2)").execute();

        assertThat(count(connection, table)).isZero();
    }
}
