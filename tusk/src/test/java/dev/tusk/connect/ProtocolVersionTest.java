package dev.tusk.connect;

import static dev.tusk.test.Await.failure;
import static dev.tusk.test.Await.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.ProtocolVersion;
import dev.tusk.SslMode;
import dev.tusk.Tusk;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PostgresException;
import dev.tusk.test.Await;
import dev.tusk.test.ClusterPerClass;
import dev.tusk.testkit.TempCluster;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Protocol 3.2 (PostgreSQL 18: cancel keys of up to 256 bytes) asked for with
 * {@code max_protocol_version}, and the negotiation down to 3.0 with an older server; each
 * against a server of the version it names, whatever the default version of the run.
 */
class ProtocolVersionTest {

    @Nested
    class Options {

        private ConnectOptions dsn(String dsn) {
            return ConnectOptions.builder().useEnvironment(false).dsn(dsn).build();
        }

        @Test
        void libpqsKeywordsNameTheVersionsAndLatestIsThreeTwo() {
            assertThat(dsn("postgresql://u@h/d?max_protocol_version=3.2").maxProtocolVersion())
                    .isEqualTo(ProtocolVersion.V3_2);
            assertThat(dsn("host=h user=u max_protocol_version=latest min_protocol_version=3.0")
                    .maxProtocolVersion()).isEqualTo(ProtocolVersion.V3_2);
            ConnectOptions defaults = dsn("postgresql://u@h/d");
            assertThat(defaults.minProtocolVersion()).isEqualTo(ProtocolVersion.V3_0);
            assertThat(defaults.maxProtocolVersion()).isEqualTo(ProtocolVersion.V3_0);
        }

        @Test
        void anUnknownVersionOrAMinimumAboveTheMaximumIsRefused() {
            assertThatThrownBy(() -> dsn("postgresql://u@h/d?max_protocol_version=3.1"))
                    .isInstanceOf(InterfaceException.class).hasMessageContaining("invalid protocol version \"3.1\"");
            assertThatThrownBy(() -> dsn("postgresql://u@h/d?min_protocol_version=3.2"))
                    .isInstanceOf(InterfaceException.class)
                    .hasMessage("min_protocol_version 3.2 is greater than max_protocol_version 3.0");
        }
    }

    @Nested
    class AgainstPostgresql17 {

        @RegisterExtension
        static final ClusterPerClass server = new ClusterPerClass(settings -> settings.version("17.7.0"));

        private ConnectOptions.Builder options() {
            return optionsFor(server.get());
        }

        @Test
        void theDefaultIsThreeZero() {
            try (Connection conn = value(Tusk.connect(options().build()))) {
                assertThat(conn.getProtocolVersion()).isEqualTo(ProtocolVersion.V3_0);
            }
        }

        @Test
        void askingForThreeTwoGetsThreeZeroAndTheConnectionWorks() {
            try (Connection conn = value(Tusk.connect(options().maxProtocolVersion(ProtocolVersion.V3_2).build()))) {
                assertThat(conn.getProtocolVersion()).isEqualTo(ProtocolVersion.V3_0);
                assertThat(value(conn.<Integer>fetchval("SELECT $1::int + 1", 1))).isEqualTo(2);
                assertCancelWorks(conn, options().build());
            }
        }

        @Test
        void requiringThreeTwoFailsTheConnectWithTheReason() {
            ConnectOptions options = options().minProtocolVersion(ProtocolVersion.V3_2)
                    .maxProtocolVersion(ProtocolVersion.V3_2).build();
            Throwable failure = failure(Tusk.connect(options));
            assertThat(failure).isInstanceOf(PostgresException.class)
                    .hasMessageContaining("the server speaks protocol 3.0 only, but min_protocol_version is 3.2");
            assertThat(((PostgresException) failure).getSqlState()).isEqualTo("08004");
        }
    }

    @Nested
    class AgainstPostgresql18 {

        @RegisterExtension
        static final ClusterPerClass server = new ClusterPerClass(settings -> settings.version("18.1.0"));

        private ConnectOptions.Builder options() {
            return optionsFor(server.get());
        }

        @Test
        void threeTwoIsSpokenWithItsLongCancelKeyAndACancelReachesTheServer() {
            ConnectOptions latest = options().minProtocolVersion(ProtocolVersion.V3_2)
                    .maxProtocolVersion(ProtocolVersion.latest()).build();
            try (Connection conn = value(Tusk.connect(latest))) {
                assertThat(conn.getProtocolVersion()).isEqualTo(ProtocolVersion.V3_2);
                assertThat(value(conn.<Integer>fetchval("SELECT $1::int + 1", 1))).isEqualTo(2);
                assertThat(value(conn.fetch("SELECT g FROM generate_series(1, 3) g"))).hasSize(3);
                // the cancel request carries the 32-byte key: a wrong length or key would be ignored
                assertCancelWorks(conn, options().build());
            }
        }

        @Test
        void theDefaultStaysThreeZero() {
            try (Connection conn = value(Tusk.connect(options().build()))) {
                assertThat(conn.getProtocolVersion()).isEqualTo(ProtocolVersion.V3_0);
                assertCancelWorks(conn, options().build());
            }
        }
    }

    private static ConnectOptions.Builder optionsFor(TempCluster cluster) {
        return ConnectOptions.builder().useEnvironment(false).host(cluster.host()).port(cluster.port())
                .user(cluster.user()).password(cluster.password()).database(cluster.database())
                .sslMode(SslMode.DISABLE).applicationName("tusk-protocol-version");
    }

    /** Cancels a running pg_sleep(60) and checks the server stopped it, long before the sleep's end. */
    private static void assertCancelWorks(Connection conn, ConnectOptions watcherOptions) {
        int pid = value(conn.<Integer>fetchval("SELECT pg_backend_pid()"));
        CompletableFuture<?> sleeping = conn.execute("SELECT pg_sleep(60)", new Object[0]);
        try (Connection watcher = value(Tusk.connect(watcherOptions))) {
            Await.until("pg_sleep runs", () -> value(watcher.<Long>fetchval(
                    "SELECT count(*) FROM pg_stat_activity WHERE pid = $1 AND wait_event = 'PgSleep'", pid)) == 1);
        }
        assertThat(sleeping.cancel(true)).isTrue();
        // only a cancel the server acted on lets the next call on this connection run within the bound
        assertThat(value(conn.<String>fetchval("SELECT 'after'"))).isEqualTo("after");
    }
}
