package dev.tusk.r2dbc;

import static io.r2dbc.spi.ConnectionFactoryOptions.DATABASE;
import static io.r2dbc.spi.ConnectionFactoryOptions.DRIVER;
import static io.r2dbc.spi.ConnectionFactoryOptions.HOST;
import static io.r2dbc.spi.ConnectionFactoryOptions.PASSWORD;
import static io.r2dbc.spi.ConnectionFactoryOptions.PORT;
import static io.r2dbc.spi.ConnectionFactoryOptions.USER;

import dev.tusk.testkit.AuthMethod;
import dev.tusk.testkit.TempCluster;
import dev.tusk.testkit.TestDatabase;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * The server the R2DBC tests share: one {@link TempCluster} (SCRAM-SHA-256, superuser
 * {@code postgres}/{@code postgres}) started on first use, or the server named by
 * {@code $TUSK_TEST_DSN}. The test kit's JVM shutdown hook stops the cluster and deletes its files
 * when the test run's JVM exits, as for the driver's own tests.
 */
public final class R2dbcTestServer {

    /** The bound on every blocking wait in the tests. */
    public static final Duration TIMEOUT = Duration.ofSeconds(20);

    private static Endpoint endpoint;

    private R2dbcTestServer() {
    }

    /** Where the server listens and who to log in as. */
    public record Endpoint(String host, int port, String user, String password, String database) {
    }

    /** @return the running server's address and credentials, starting the server if needed */
    public static synchronized Endpoint endpoint() {
        if (endpoint == null) {
            endpoint = TestDatabase.isExternal() ? parse(System.getenv(TestDatabase.DSN_VARIABLE)) : startCluster();
        }
        return endpoint;
    }

    /** @return options with the driver {@code tusk} and every connection option of the server */
    public static ConnectionFactoryOptions.Builder options() {
        Endpoint e = endpoint();
        return ConnectionFactoryOptions.builder()
                .option(DRIVER, "tusk")
                .option(HOST, e.host())
                .option(PORT, e.port())
                .option(USER, e.user())
                .option(PASSWORD, e.password())
                .option(DATABASE, e.database());
    }

    /**
     * @param query the query string without {@code ?}, or empty
     * @return an {@code r2dbc:tusk://} URL for the server, with the query string appended
     */
    public static String url(String query) {
        Endpoint e = endpoint();
        String url = "r2dbc:tusk://" + encode(e.user()) + ":" + encode(e.password()) + "@" + e.host() + ":" + e.port()
                + "/" + e.database();
        return query.isEmpty() ? url : url + "?" + query;
    }

    /** @return a connection factory found through {@link ConnectionFactories} by options */
    public static ConnectionFactory connectionFactory() {
        return ConnectionFactories.get(options().build());
    }

    /** @return a new open connection; the caller closes it */
    public static Connection connect() {
        return Mono.from(connectionFactory().create()).block(TIMEOUT);
    }

    private static Endpoint startCluster() {
        TempCluster cluster = TempCluster.builder().authMethod(AuthMethod.SCRAM_SHA_256).start();
        return new Endpoint(cluster.host(), cluster.port(), cluster.user(), cluster.password(), cluster.database());
    }

    private static Endpoint parse(String dsn) {
        URI uri = URI.create(dsn);
        String userInfo = uri.getRawUserInfo() == null ? "postgres" : uri.getRawUserInfo();
        int colon = userInfo.indexOf(':');
        String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(userInfo.substring(colon + 1));
        String path = uri.getRawPath() == null || uri.getRawPath().length() <= 1 ? "/postgres" : uri.getRawPath();
        return new Endpoint(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), user, password,
                decode(path.substring(1)));
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
