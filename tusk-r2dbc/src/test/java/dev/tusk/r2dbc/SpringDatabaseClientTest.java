package dev.tusk.r2dbc;

import static dev.tusk.r2dbc.R2dbcTestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.ConnectionFactory;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.connection.R2dbcTransactionManager;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * The adapter under Spring's {@link DatabaseClient} and {@link R2dbcTransactionManager}, the layer
 * Spring Data R2DBC repositories stand on: Spring recognises the factory as PostgreSQL, turns
 * {@code :name} parameters into {@code $n}, and runs transactions through the SPI.
 */
class SpringDatabaseClientTest extends R2dbcTestBase {

    private final ConnectionFactory factory = R2dbcTestServer.connectionFactory();
    private final DatabaseClient client = DatabaseClient.create(factory);

    @Test
    void namedParametersBindAndRowsMapThroughDatabaseClient() {
        String users = newTable("id int PRIMARY KEY, name text, email text");

        Long inserted = client.sql("INSERT INTO " + users + " (id, name, email) VALUES (:id, :name, :email)")
                .bind("id", 1).bind("name", "Ada").bindNull("email", String.class)
                .fetch().rowsUpdated().block(TIMEOUT);
        String name = client.sql("SELECT name FROM " + users + " WHERE id = :id").bind("id", 1)
                .map((row, metadata) -> row.get("name", String.class)).one().block(TIMEOUT);
        List<Map<String, Object>> all = client.sql("SELECT id, name, email FROM " + users).fetch().all()
                .collectList().block(TIMEOUT);

        assertThat(inserted).isEqualTo(1L);
        assertThat(name).isEqualTo("Ada");
        assertThat(all).hasSize(1);
        assertThat(all.get(0)).containsEntry("id", 1).containsEntry("name", "Ada").containsEntry("email", null);
    }

    @Test
    void aCollectionParameterExpandsIntoAnInList() {
        String users = newTable("id int PRIMARY KEY");
        run("INSERT INTO " + users + " VALUES (1), (2), (3), (4)");

        List<Integer> ids = client.sql("SELECT id FROM " + users + " WHERE id IN (:ids) ORDER BY id")
                .bind("ids", List.of(2, 4)).map(row -> row.get(0, Integer.class)).all().collectList().block(TIMEOUT);

        assertThat(ids).containsExactly(2, 4);
    }

    @Test
    void aSpringTransactionCommitsOrRollsBackThroughTheAdapter() {
        String users = newTable("id int PRIMARY KEY");
        TransactionalOperator transactional = TransactionalOperator.create(new R2dbcTransactionManager(factory));

        transactional.transactional(client.sql("INSERT INTO " + users + " VALUES (:id)").bind("id", 1).then())
                .block(TIMEOUT);
        Mono<Void> failing = client.sql("INSERT INTO " + users + " VALUES (:id)").bind("id", 2).then()
                .then(client.sql("INSERT INTO " + users + " VALUES (:id)").bind("id", 1).then());

        assertThatThrownBy(() -> transactional.transactional(failing).block(TIMEOUT))
                .isInstanceOf(DataIntegrityViolationException.class);
        assertThat(query("SELECT id FROM " + users + " ORDER BY id", row -> row.get(0, Integer.class)))
                .as("the first transaction committed, the second rolled back as a whole").containsExactly(1);
    }
}
