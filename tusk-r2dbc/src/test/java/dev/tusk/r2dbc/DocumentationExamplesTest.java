package dev.tusk.r2dbc;

import static dev.tusk.r2dbc.R2dbcTestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Blob;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Result;
import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** The examples of README.md and docs/r2dbc.md, run as written against the test server. */
class DocumentationExamplesTest extends R2dbcTestBase {

    @Test
    void theReadmeExampleReadsNamesAndClosesItsConnection() {
        String users = newTable("id int PRIMARY KEY, name text");
        run("INSERT INTO " + users + " VALUES (1, 'Ada'), (2, 'Grace'), (0, 'nobody')");
        ConnectionFactory factory = ConnectionFactories.get(R2dbcTestServer.url(""));

        Flux<String> names = Flux.usingWhen(factory.create(),
                conn -> Flux.from(conn.createStatement("SELECT name FROM " + users + " WHERE id >= $1 ORDER BY id")
                                .bind(0, 1).execute())
                        .concatMap(result -> result.map(row -> row.get("name", String.class))),
                Connection::close);

        assertThat(names.collectList().block(TIMEOUT)).containsExactly("Ada", "Grace");
    }

    @Test
    void theDocsInsertExampleCountsOneRowPerBindingSet() {
        String users = newTable("id serial PRIMARY KEY, name text");
        ConnectionFactory factory = R2dbcTestServer.connectionFactory();

        Mono<Long> inserted = Mono.from(factory.create()).flatMap(conn ->
                Flux.from(conn.createStatement("INSERT INTO " + users + " (name) VALUES ($1)")
                                .bind(0, "Ada").add()
                                .bind(0, "Grace")
                                .execute())
                        .concatMap(Result::getRowsUpdated)
                        .reduce(0L, Long::sum)
                        .flatMap(n -> Mono.from(conn.close()).thenReturn(n)));

        assertThat(inserted.block(TIMEOUT)).isEqualTo(2L);
    }

    @Test
    void theDocsTransactionExampleMovesMoneyUnderSerializable() {
        String accounts = newTable("id int PRIMARY KEY, balance int");
        run("INSERT INTO " + accounts + " VALUES (1, 100), (2, 0)");
        int amount = 30;
        int from = 1;
        Connection conn = connection;

        Mono<Void> transfer = Mono.from(conn.beginTransaction(IsolationLevel.SERIALIZABLE))
                .thenMany(Flux.from(conn.createStatement("UPDATE " + accounts + " SET balance = balance - $1 WHERE id = $2")
                        .bind(0, amount).bind(1, from).execute()).concatMap(Result::getRowsUpdated))
                .then(Mono.from(conn.commitTransaction()))
                .onErrorResume(e -> Mono.from(conn.rollbackTransaction()).then(Mono.error(e)));
        transfer.block(TIMEOUT);

        List<Integer> balances = query("SELECT balance FROM " + accounts + " ORDER BY id", row -> row.get(0, Integer.class));
        assertThat(balances).containsExactly(70, 0);
    }

    @Test
    void theDocsBatchExampleGivesTheCountsOfEachStatement() {
        String t = "r2dbc_docs_batch";
        run("DROP TABLE IF EXISTS " + t);
        try {
            List<Long> counts = Flux.from(connection.createBatch()
                            .add("CREATE TABLE " + t + " (id int)")
                            .add("INSERT INTO " + t + " VALUES (1), (2)")
                            .add("SELECT count(*) FROM " + t)
                            .execute())
                    .concatMap(Result::getRowsUpdated)
                    .collectList().block(TIMEOUT);

            assertThat(counts).containsExactly(2L, 1L);
        } finally {
            run("DROP TABLE IF EXISTS " + t);
        }
    }

    @Test
    void theDocsBlobExampleStoresAndStreamsThePhoto() {
        String photos = newTable("id serial PRIMARY KEY, data bytea");
        byte[] header = {(byte) 0x89, 'P', 'N', 'G'};
        byte[] body = {1, 2, 3};

        Blob photo = Blob.from(Flux.just(ByteBuffer.wrap(header), ByteBuffer.wrap(body)));
        Flux.from(connection.createStatement("INSERT INTO " + photos + " (data) VALUES ($1)").bind(0, photo).execute())
                .concatMap(Result::getRowsUpdated).blockLast(TIMEOUT);

        List<ByteBuffer> chunks = Flux.from(connection.createStatement("SELECT data FROM " + photos).execute())
                .concatMap(result -> result.map(row -> row.get("data", Blob.class)))
                .concatMap(Blob::stream)
                .collectList().block(TIMEOUT);

        ByteBuffer stored = ByteBuffer.allocate(header.length + body.length).put(header).put(body).flip();
        assertThat(chunks).containsExactly(stored);
    }
}
