package dev.tusk.r2dbc;

import static dev.tusk.r2dbc.R2dbcTestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.Readable;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Consuming a {@link Result}: map, filter and segments. */
class ResultTest extends R2dbcTestBase {

    private static final String THREE_ROWS = "SELECT g AS id, 'n' || g AS name FROM generate_series(1, 3) AS g";

    @Test
    void mapWithRowAndMetadataSeesEveryRowAndItsColumns() {
        List<String> rows = Flux.from(connection.createStatement(THREE_ROWS).execute())
                .concatMap(r -> r.map((Row row, RowMetadata metadata) -> metadata.getColumnMetadata(1).getName() + "="
                        + row.get(1, String.class) + "/" + metadata.getColumnMetadatas().size()))
                .collectList().block(TIMEOUT);

        assertThat(rows).containsExactly("name=n1/2", "name=n2/2", "name=n3/2");
    }

    @Test
    void mapWithReadableSeesEveryRow() {
        List<Integer> ids = Flux.from(connection.createStatement(THREE_ROWS).execute())
                .concatMap(r -> r.map((Readable readable) -> readable.get("id", Integer.class)))
                .collectList().block(TIMEOUT);

        assertThat(ids).containsExactly(1, 2, 3);
    }

    @Test
    void aMappingFunctionThatThrowsFailsTheResultAndTheConnectionStaysUsable() {
        IllegalStateException boom = new IllegalStateException("mapping failed");

        assertThatThrownBy(() -> Flux.from(connection.createStatement(THREE_ROWS).execute())
                .concatMap(r -> r.map(row -> {
                    throw boom;
                }))
                .blockLast(TIMEOUT)).isSameAs(boom);
        assertThat(value("SELECT 7", Integer.class)).isEqualTo(7);
    }

    @Test
    void filterKeepsOnlyTheSegmentsItAccepts() {
        String table = newTable("id int");

        List<Long> counts = Flux.from(connection.createStatement("INSERT INTO " + table
                        + " SELECT g FROM generate_series(1, 4) g RETURNING id").execute())
                .concatMap(r -> r.filter(segment -> segment instanceof Result.UpdateCount).getRowsUpdated())
                .collectList().block(TIMEOUT);
        List<Integer> odd = Flux.from(connection.createStatement("SELECT id FROM " + table + " ORDER BY id").execute())
                .concatMap(r -> r.filter(segment -> segment instanceof Result.RowSegment rs
                        && rs.row().get(0, Integer.class) % 2 == 1).map(row -> row.get(0, Integer.class)))
                .collectList().block(TIMEOUT);

        assertThat(counts).containsExactly(4L);
        assertThat(odd).containsExactly(1, 3);
    }

    @Test
    void flatMapGivesRowSegmentsThenTheUpdateCount() {
        String table = newTable("id int");

        List<String> segments = Flux.from(connection.createStatement("INSERT INTO " + table
                        + " SELECT g FROM generate_series(1, 2) g RETURNING id").execute())
                .concatMap(r -> r.flatMap(segment -> {
                    if (segment instanceof Result.RowSegment rs) {
                        return Mono.just("row " + rs.row().get("id", Integer.class));
                    }
                    if (segment instanceof Result.UpdateCount count) {
                        return Mono.just("count " + count.value());
                    }
                    return Mono.empty();
                }))
                .collectList().block(TIMEOUT);

        assertThat(segments).containsExactly("row 1", "row 2", "count 2");
    }

    @Test
    void flatMapOfAnUpdateGivesItsUpdateCountSegment() {
        String table = newTable("id int");
        run("INSERT INTO " + table + " SELECT g FROM generate_series(1, 6) g");

        List<Long> counts = Flux.from(connection.createStatement("DELETE FROM " + table + " WHERE id > $1")
                        .bind(0, 2).execute())
                .concatMap(r -> r.flatMap(segment -> segment instanceof Result.UpdateCount count
                        ? Mono.just(count.value()) : Mono.<Long>empty()))
                .collectList().block(TIMEOUT);

        assertThat(counts).containsExactly(4L);
    }

    @Test
    void anErrorOfTheStatementReachesFlatMapAsAnErrorSignalOrAMessageSegment() {
        List<String> seen = Flux.from(connection.createStatement("SELECT 1 / 0").execute())
                .concatMap(r -> r.flatMap(segment -> segment instanceof Result.Message message
                        ? Mono.just(message.sqlState()) : Mono.<String>empty()))
                .onErrorResume(io.r2dbc.spi.R2dbcException.class, e -> Mono.just(e.getSqlState()))
                .collectList().block(TIMEOUT);

        assertThat(seen).containsExactly("22012");
    }

    @Test
    void aResultCanBeConsumedOnlyOnce() {
        Result result = Flux.from(connection.createStatement(THREE_ROWS).execute()).blockFirst(TIMEOUT);
        List<Integer> ids = Flux.from(result.map(row -> row.get(0, Integer.class))).collectList().block(TIMEOUT);

        assertThat(ids).containsExactly(1, 2, 3);
        assertThatThrownBy(() -> Flux.from(result.map(row -> row.get(0, Integer.class))).blockLast(TIMEOUT))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void rowsOfSeveralResultsConsumedOneAfterTheOtherArriveInOrder() {
        List<Integer> all = Flux.concat(
                        Flux.from(connection.createStatement("SELECT 1").execute()).concatMap(r -> r.map(row -> row.get(0, Integer.class))),
                        Flux.from(connection.createStatement("SELECT 2").execute()).concatMap(r -> r.map(row -> row.get(0, Integer.class))))
                .collectList().block(TIMEOUT);

        assertThat(all).containsExactly(1, 2);
    }
}
