package dev.tusk.r2dbc;

import static dev.tusk.r2dbc.R2dbcTestServer.TIMEOUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Validation, metadata, session settings, closing, and concurrent use of one {@link Connection}. */
class ConnectionTest extends R2dbcTestBase {

    @Test
    void anOpenConnectionValidatesLocallyAndRemotely() {
        assertThat(Mono.from(connection.validate(ValidationDepth.LOCAL)).block(TIMEOUT)).isTrue();
        assertThat(Mono.from(connection.validate(ValidationDepth.REMOTE)).block(TIMEOUT)).isTrue();
    }

    @Test
    void aClosedConnectionFailsValidationWithoutAnError() {
        Connection closed = R2dbcTestServer.connect();
        await(closed.close());

        assertThat(Mono.from(closed.validate(ValidationDepth.LOCAL)).block(TIMEOUT)).isFalse();
        assertThat(Mono.from(closed.validate(ValidationDepth.REMOTE)).block(TIMEOUT)).isFalse();
    }

    @Test
    void aConnectionWhoseBackendWasTerminatedFailsRemoteValidation() {
        Connection victim = R2dbcTestServer.connect();
        try {
            Integer pid = value(victim, "SELECT pg_backend_pid()", Integer.class);
            boolean waitsForExit = value("SELECT current_setting('server_version_num')::int >= 140000", Boolean.class);
            // from PostgreSQL 14 on, the call returns only once the backend has exited
            String terminate = waitsForExit ? "SELECT pg_terminate_backend(" + pid + ", 10000)"
                    : "SELECT pg_terminate_backend(" + pid + ")";
            assertThat(value(terminate, Boolean.class)).isTrue();

            assertThat(Mono.from(victim.validate(ValidationDepth.REMOTE)).block(TIMEOUT)).isFalse();
        } finally {
            await(victim.close());
        }
    }

    @Test
    void aStatementOnAClosedConnectionFails() {
        Connection closed = R2dbcTestServer.connect();
        await(closed.close());

        Throwable e = catchThrowable(() -> Flux.from(closed.createStatement("SELECT 1").execute())
                .concatMap(r -> r.map(row -> row.get(0))).blockLast(TIMEOUT));

        assertThat(e).isInstanceOfAny(R2dbcException.class, IllegalStateException.class);
    }

    @Test
    void closingIsLazyAndClosingTwiceCompletes() {
        Connection c = R2dbcTestServer.connect();
        c.close();
        boolean openWhileNotSubscribed = Mono.from(c.validate(ValidationDepth.REMOTE)).block(TIMEOUT);

        await(c.close());
        await(c.close());

        assertThat(openWhileNotSubscribed).isTrue();
        assertThat(Mono.from(c.validate(ValidationDepth.LOCAL)).block(TIMEOUT)).isFalse();
    }

    @Test
    void metadataNamesPostgresqlAndTheServerVersion() {
        ConnectionMetadata metadata = connection.getMetadata();
        String serverVersion = value("SHOW server_version", String.class);

        assertThat(metadata.getDatabaseProductName()).isEqualTo("PostgreSQL");
        assertThat(metadata.getDatabaseVersion()).isNotBlank();
        assertThat(serverVersion).startsWith(metadata.getDatabaseVersion().split(" ")[0]);
    }

    @Test
    void setStatementTimeoutAndSetLockWaitTimeoutChangeTheSessionsSettings() {
        await(connection.setStatementTimeout(Duration.ofSeconds(2)));
        await(connection.setLockWaitTimeout(Duration.ofMillis(750)));

        assertThat(value("SHOW statement_timeout", String.class)).isEqualTo("2s");
        assertThat(value("SHOW lock_timeout", String.class)).isEqualTo("750ms");
    }

    @Test
    void severalQueriesMergedOnOneConnectionAllSucceed() {
        List<Integer> values = Flux.merge(
                        Flux.range(1, 20).map(i -> Flux.from(connection.createStatement("SELECT $1::int4 * 10").bind(0, i).execute())
                                .concatMap(r -> r.map(row -> row.get(0, Integer.class)))))
                .collectSortedList()
                .block(TIMEOUT);

        assertThat(values).hasSize(20).startsWith(10, 20).endsWith(200);
    }

    @Test
    void mergedStreamsWithFetchSizeOnOneConnectionEachGetTheirOwnRows() {
        List<Long> sums = Flux.merge(Flux.range(1, 4).map(i -> Flux.from(connection.createStatement(
                                "SELECT g FROM generate_series(1, 1000) g").fetchSize(100).execute())
                        .concatMap(r -> r.map(row -> row.get(0, Integer.class)))
                        .reduce(0L, Long::sum)))
                .collectList()
                .block(TIMEOUT);

        assertThat(sums).containsExactly(500_500L, 500_500L, 500_500L, 500_500L);
    }

    @Test
    void aFailingQueryAmongMergedQueriesFailsOnlyItself() {
        List<String> outcomes = Flux.merge(
                        Flux.just("SELECT 'a'", "SELECT 1/0", "SELECT 'c'").map(sql -> Flux.from(connection.createStatement(sql).execute())
                                .concatMap(r -> r.map(row -> String.valueOf(row.get(0))))
                                .onErrorResume(R2dbcException.class, e -> Mono.just(e.getSqlState()))))
                .collectSortedList()
                .block(TIMEOUT);

        assertThat(outcomes).containsExactly("22012", "a", "c");
    }
}
