package dev.tusk.r2dbc;

import static dev.tusk.r2dbc.R2dbcTestServer.TIMEOUT;
import static io.r2dbc.spi.ConnectionFactoryOptions.DATABASE;
import static io.r2dbc.spi.ConnectionFactoryOptions.HOST;
import static io.r2dbc.spi.ConnectionFactoryOptions.LOCK_WAIT_TIMEOUT;
import static io.r2dbc.spi.ConnectionFactoryOptions.PASSWORD;
import static io.r2dbc.spi.ConnectionFactoryOptions.PORT;
import static io.r2dbc.spi.ConnectionFactoryOptions.SSL;
import static io.r2dbc.spi.ConnectionFactoryOptions.STATEMENT_TIMEOUT;
import static io.r2dbc.spi.ConnectionFactoryOptions.USER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.ConnectOptions;
import dev.tusk.testkit.TempCluster;
import dev.tusk.testkit.TestDatabase;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import io.r2dbc.spi.R2dbcException;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2dbc.spi.R2dbcPermissionDeniedException;
import io.r2dbc.spi.R2dbcTransientResourceException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/** Finding the driver through {@link ConnectionFactories} and the options it honours. */
class ConnectionFactoryDiscoveryTest {

    @Test
    void anR2dbcTuskUrlFindsTheDriverAndConnects() {
        ConnectionFactory factory = ConnectionFactories.get(R2dbcTestServer.url(""));

        assertThat(factory).isInstanceOf(TuskConnectionFactory.class);
        assertThat(factory.getMetadata().getName()).isEqualTo("PostgreSQL");
        assertThat(selectOne(factory)).isEqualTo(1);
    }

    @Test
    void optionsWithDriverTuskFindTheDriverAndConnect() {
        ConnectionFactoryOptions options = R2dbcTestServer.options().build();

        assertThat(ConnectionFactories.supports(options)).isTrue();
        assertThat(selectOne(ConnectionFactories.get(options))).isEqualTo(1);
    }

    @Test
    void anotherDriverNameIsNotClaimed() {
        ConnectionFactoryOptions options = R2dbcTestServer.options()
                .option(ConnectionFactoryOptions.DRIVER, "not-tusk").build();

        assertThat(new TuskConnectionFactoryProvider().supports(options)).isFalse();
    }

    @Test
    void aTuskConnectOptionsObjectMakesAFactoryDirectly() {
        R2dbcTestServer.Endpoint e = R2dbcTestServer.endpoint();
        ConnectOptions options = ConnectOptions.builder().useEnvironment(false)
                .host(e.host()).port(e.port()).user(e.user()).password(e.password()).database(e.database())
                .build();

        assertThat(selectOne(new TuskConnectionFactory(options))).isEqualTo(1);
    }

    @Test
    void aTuskConnectionKeywordInTheUrlIsPassedToTheServer() {
        ConnectionFactory factory = ConnectionFactories.get(R2dbcTestServer.url("application_name=r2dbc-discovery"));

        String applicationName = withConnection(factory,
                c -> R2dbcTestBase.value(c, "SELECT current_setting('application_name')", String.class));

        assertThat(applicationName).isEqualTo("r2dbc-discovery");
    }

    @Test
    void aTuskConnectionKeywordGivenAsAnOptionIsPassedToTheServer() {
        ConnectionFactory factory = ConnectionFactories.get(R2dbcTestServer.options()
                .option(Option.valueOf("application_name"), "r2dbc-option").build());

        String applicationName = withConnection(factory,
                c -> R2dbcTestBase.value(c, "SELECT current_setting('application_name')", String.class));

        assertThat(applicationName).isEqualTo("r2dbc-option");
    }

    @Test
    void theStatementTimeoutOptionSetsTheSessionsStatementTimeout() {
        ConnectionFactory factory = ConnectionFactories.get(R2dbcTestServer.options()
                .option(STATEMENT_TIMEOUT, Duration.ofSeconds(7)).build());

        String timeout = withConnection(factory, c -> R2dbcTestBase.value(c, "SHOW statement_timeout", String.class));

        assertThat(timeout).isEqualTo("7s");
    }

    @Test
    void theStatementTimeoutGivenInTheUrlSetsTheSessionsStatementTimeout() {
        ConnectionFactory factory = ConnectionFactories.get(R2dbcTestServer.url("statementTimeout=PT3S"));

        String timeout = withConnection(factory, c -> R2dbcTestBase.value(c, "SHOW statement_timeout", String.class));

        assertThat(timeout).isEqualTo("3s");
    }

    @Test
    void anUnknownOptionIsRefusedWithItsName() {
        assertThatThrownBy(() -> {
            ConnectionFactory factory = ConnectionFactories.get(R2dbcTestServer.url("no_such_tusk_option=1"));
            Connection connection = Mono.from(factory.create()).block(TIMEOUT);
            Mono.from(connection.close()).block(TIMEOUT);
        }).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no_such_tusk_option");
    }

    @Test
    void aWrongPasswordFailsWithPermissionDeniedWithoutThePasswordInTheMessage() {
        String wrong = "Wr0ngSecret-4711";
        ConnectionFactory factory = ConnectionFactories.get(R2dbcTestServer.options().option(PASSWORD, wrong).build());

        assertThatThrownBy(() -> Mono.from(factory.create()).block(TIMEOUT))
                .isInstanceOf(R2dbcPermissionDeniedException.class)
                .satisfies(e -> {
                    assertThat(((R2dbcPermissionDeniedException) e).getSqlState()).isEqualTo("28P01");
                    assertThat(e.getMessage()).doesNotContain(wrong);
                    assertThat(e.toString()).doesNotContain(wrong);
                });
    }

    @Test
    void aFactoryConnectsOnlyWhenCreateIsSubscribedAndEachSubscriptionOpensAConnection() {
        ConnectionFactory factory = R2dbcTestServer.connectionFactory();
        Mono<? extends Connection> create = Mono.from(factory.create());

        Connection first = create.block(TIMEOUT);
        Connection second = create.block(TIMEOUT);
        try {
            assertThat(first).isNotSameAs(second);
            assertThat(R2dbcTestBase.value(first, "SELECT pg_backend_pid()", Integer.class))
                    .isNotEqualTo(R2dbcTestBase.value(second, "SELECT pg_backend_pid()", Integer.class));
        } finally {
            Mono.from(first.close()).block(TIMEOUT);
            Mono.from(second.close()).block(TIMEOUT);
        }
    }

    @Test
    void theLockWaitTimeoutOptionSetsTheSessionsLockTimeout() {
        ConnectionFactory factory = ConnectionFactories.get(R2dbcTestServer.options()
                .option(LOCK_WAIT_TIMEOUT, Duration.ofMillis(1250)).build());

        String timeout = withConnection(factory, c -> R2dbcTestBase.value(c, "SHOW lock_timeout", String.class));

        assertThat(timeout).isEqualTo("1250ms");
    }

    @Test
    void aRefusedConnectionFailsWithAnR2dbcResourceException() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        ConnectionFactory factory = ConnectionFactories.get(R2dbcTestServer.options()
                .option(HOST, "127.0.0.1").option(PORT, closedPort).build());

        assertThatThrownBy(() -> Mono.from(factory.create()).block(TIMEOUT))
                .isInstanceOfAny(R2dbcNonTransientResourceException.class, R2dbcTransientResourceException.class);
    }

    @Test
    void sslTrueRefusesAServerWithoutTls() {
        ConnectionFactory factory = ConnectionFactories.get(R2dbcTestServer.options().option(SSL, true).build());

        assertThatThrownBy(() -> Mono.from(factory.create()).block(TIMEOUT)).isInstanceOf(R2dbcException.class);
    }

    @Test
    void sslTrueConnectsOverTlsToAServerWithTls() {
        TempCluster tls = TestDatabase.shared();
        ConnectionFactory factory = ConnectionFactories.get(ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, "tusk").option(HOST, tls.host()).option(PORT, tls.port())
                .option(USER, tls.user()).option(PASSWORD, tls.password()).option(DATABASE, tls.database())
                .option(SSL, true).build());

        Boolean encrypted = withConnection(factory,
                c -> R2dbcTestBase.value(c, "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()", Boolean.class));

        assertThat(encrypted).isTrue();
    }

    private static Integer selectOne(ConnectionFactory factory) {
        return withConnection(factory, c -> R2dbcTestBase.value(c, "SELECT 1", Integer.class));
    }

    private static <T> T withConnection(ConnectionFactory factory, Function<Connection, T> work) {
        Connection connection = Mono.from(factory.create()).block(TIMEOUT);
        try {
            return work.apply(connection);
        } finally {
            Mono.from(connection.close()).block(TIMEOUT);
        }
    }
}
