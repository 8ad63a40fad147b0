package dev.tusk.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.ConnectOptions;
import dev.tusk.SslMode;
import dev.tusk.TlsProvider;
import io.r2dbc.spi.ConnectionFactoryOptions;
import io.r2dbc.spi.Option;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** R2DBC options → Tusk's ConnectOptions, without a server. */
class ConnectionOptionsMapperUnitTest {

    private static ConnectOptions map(String url) {
        return ConnectionOptionsMapper.toConnectOptions(ConnectionFactoryOptions.parse(url));
    }

    @Test
    void theStandardOptionsOfAUrlReachTheBuilder() {
        ConnectOptions options = map("r2dbc:tusk://app:s3cret@db.example.com:6543/orders?connectTimeout=PT7S");

        assertThat(options.hosts()).extracting(h -> h.host() + ":" + h.port()).containsExactly("db.example.com:6543");
        assertThat(options.user()).isEqualTo("app");
        assertThat(options.password()).isEqualTo("s3cret");
        assertThat(options.database()).isEqualTo("orders");
        assertThat(options.connectTimeout()).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void statementAndLockWaitTimeoutsBecomeServerSettingsInMilliseconds() {
        ConnectOptions options = ConnectionOptionsMapper.toConnectOptions(ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, "tusk").option(ConnectionFactoryOptions.HOST, "h")
                .option(ConnectionFactoryOptions.STATEMENT_TIMEOUT, Duration.ofSeconds(3))
                .option(ConnectionFactoryOptions.LOCK_WAIT_TIMEOUT, Duration.ofMillis(250)).build());

        assertThat(options.serverSettings()).containsEntry("statement_timeout", "3000").containsEntry("lock_timeout", "250");
    }

    @Test
    void sslTrueMeansRequireAndFalseMeansDisableUnlessSslmodeIsGiven() {
        assertThat(map("r2dbc:tusk://h/db?ssl=true").sslMode()).isEqualTo(SslMode.REQUIRE);
        assertThat(map("r2dbc:tusk://h/db?ssl=false").sslMode()).isEqualTo(SslMode.DISABLE);
        assertThat(map("r2dbc:tusk://h/db?ssl=true&sslmode=verify-full").sslMode()).isEqualTo(SslMode.VERIFY_FULL);
    }

    @Test
    void libpqKeywordsAndTheirR2dbcPostgresqlSpellingsGoThroughTheConnectionString() {
        ConnectOptions options = map("r2dbc:tusk://h/db?application_name=billing&target_session_attrs=read-write");
        ConnectOptions camel = map("r2dbc:tusk://h/db?applicationName=billing&sslMode=require");

        assertThat(options.applicationName()).isEqualTo("billing");
        assertThat(options.targetSessionAttrs().toString()).containsIgnoringCase("read");
        assertThat(camel.applicationName()).isEqualTo("billing");
        assertThat(camel.sslMode()).isEqualTo(SslMode.REQUIRE);
    }

    @Test
    void tusksOwnOptionsAreAcceptedInCamelAndSnakeCase() {
        ConnectOptions camel = map("r2dbc:tusk://h/db?statementCacheSize=0&commandTimeout=PT30S&rewriteBatchedInserts=true");
        ConnectOptions snake = map("r2dbc:tusk://h/db?statement_cache_size=7&max_cacheable_statement_size=100");

        assertThat(camel.statementCacheSize()).isZero();
        assertThat(camel.commandTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(camel.rewriteBatchedInserts()).isTrue();
        assertThat(camel.tlsProvider()).isEqualTo(TlsProvider.AUTO);
        assertThat(map("r2dbc:tusk://h/db?tlsProvider=openssl").tlsProvider()).isEqualTo(TlsProvider.OPENSSL);
        assertThat(map("r2dbc:tusk://h/db?tls_provider=JDK").tlsProvider()).isEqualTo(TlsProvider.JDK);
        assertThatThrownBy(() -> map("r2dbc:tusk://h/db?tlsProvider=gnutls"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("option tlsProvider: \"gnutls\" is not auto, jdk or openssl");
        assertThat(snake.statementCacheSize()).isEqualTo(7);
        assertThat(snake.maxCacheableStatementSize()).isEqualTo(100);
    }

    @Test
    void anUnknownOptionFailsNamingIt() {
        assertThatThrownBy(() -> map("r2dbc:tusk://h/db?no_such_option=1"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no_such_option");
        assertThatThrownBy(() -> ConnectionOptionsMapper.toConnectOptions(ConnectionFactoryOptions.builder()
                .option(ConnectionFactoryOptions.DRIVER, "tusk").option(Option.valueOf("fetchEverything"), true).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("fetchEverything");
    }

    @Test
    void anUnusableValueFailsNamingTheOptionAndNeverShowsThePassword() {
        assertThatThrownBy(() -> map("r2dbc:tusk://u:topsecret@h/db?connectTimeout=10"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("connectTimeout")
                .hasMessageNotContaining("topsecret");
        assertThatThrownBy(() -> map("r2dbc:tusk://h/db?ssl=maybe")).hasMessageContaining("ssl");
        assertThatThrownBy(() -> map("r2dbc:tusk://h/db?statementCacheSize=many")).hasMessageContaining("statementCacheSize");
    }

    @Test
    void aProtocolIsRefused() {
        assertThatThrownBy(() -> map("r2dbc:tusk:unix://h/db")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("protocol");
    }

    @Test
    void keywordValuesAreQuotedSoThatSpacesQuotesAndBackslashesSurvive() {
        Map<String, String> keywords = new LinkedHashMap<>();
        keywords.put("application_name", "it's a \\ test");
        keywords.put("options", "-c search_path=a,b");

        assertThat(ConnectionOptionsMapper.toKeywordValueDsn(keywords))
                .isEqualTo("application_name='it\\'s a \\\\ test' options='-c search_path=a,b'");
        assertThat(ConnectOptions.builder().useEnvironment(false).dsn(ConnectionOptionsMapper.toKeywordValueDsn(keywords))
                .build().applicationName()).isEqualTo("it's a \\ test");
    }
}
