package dev.tusk.reliability;

import static dev.tusk.reliability.Outcomes.assertConnectionFailure;
import static dev.tusk.reliability.Outcomes.failure;
import static dev.tusk.reliability.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.SslMode;
import dev.tusk.TlsProvider;
import dev.tusk.Tusk;
import dev.tusk.exceptions.ConnectTimeoutException;
import dev.tusk.exceptions.TuskException;
import dev.tusk.test.ClusterPerClass;
import dev.tusk.testkit.FaultProxy;
import dev.tusk.testkit.TempCluster;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Network faults under TLS, on each TLS engine: a cut, bytes changed in flight (which TLS
 * authenticates) and a black hole end every call with a connection error or a timeout, never a
 * hang, and leave no session on the server.
 */
class TlsFaultsTest {

    private static final String APP = "tusk-reliability-tls";
    private static final String LARGE = "SELECT g, repeat('x', 100) FROM generate_series(1, 100000) g";

    @RegisterExtension
    static final ClusterPerClass tlsServer = new ClusterPerClass(settings -> settings.ssl(true));

    private FaultProxy proxy;

    private static TempCluster server() {
        return tlsServer.get();
    }

    @BeforeEach
    void startProxy() {
        proxy = FaultProxy.inFrontOf(server());
    }

    @AfterEach
    void noSessionLeft() {
        proxy.close();
        ServerSessions.assertNoneLeft(direct(), APP);
    }

    private static ConnectOptions.Builder direct() {
        return ConnectOptions.builder().useEnvironment(false).host(server().host()).port(server().port())
                .user(server().user()).password(server().password()).database(server().database());
    }

    private ConnectOptions.Builder throughProxy(TlsProvider provider) {
        return direct().host(proxy.host()).port(proxy.port()).sslMode(SslMode.REQUIRE).tlsProvider(provider)
                .applicationName(APP);
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void cutMidResultFailsTheCallAndClosesTheConnectionOnce(TlsProvider provider) {
        Connection conn = value(Tusk.connect(throughProxy(provider).build()));
        AtomicInteger closeListenerRuns = new AtomicInteger();
        CompletableFuture<Void> closed = conn.onClose().thenRun(closeListenerRuns::incrementAndGet);
        proxy.afterServerBytes(20_000, proxy::cut);

        assertConnectionFailure(failure(conn.fetch(LARGE)));
        value(closed);
        assertThat(closeListenerRuns).hasValue(1);
        assertConnectionFailure(failure(conn.fetchval("SELECT 1")));
        conn.close();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void bytesChangedInFlightFailTheConnectionInsteadOfReachingTheCaller(TlsProvider provider) {
        Connection conn = value(Tusk.connect(throughProxy(provider).build()));
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0x5a);
        proxy.afterServerBytes(20_000, () -> proxy.corruptServerBytes(garbage));

        Throwable failure = failure(conn.fetch(LARGE));
        assertConnectionFailure(failure);
        // TLS's authentication caught it: "Tag mismatch!" (JDK), "BAD_DECRYPT" (OpenSSL).
        assertThat(failure.getCause()).isInstanceOf(SSLException.class);
        value(conn.onClose());
        assertThat(conn.isClosed()).isTrue();
        conn.close();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void aHandshakeThatStopsMidwayEndsAtTheConnectTimeout(TlsProvider provider) {
        // The server's one-byte answer to SSLRequest goes through; the handshake never completes.
        proxy.afterServerBytes(1, proxy::blackHole);

        Throwable failure = failure(Tusk.connect(throughProxy(provider).connectTimeout(Duration.ofMillis(500)).build()));

        assertThat(failure).isInstanceOf(ConnectTimeoutException.class);
        proxy.heal();
    }

    @ParameterizedTest
    @EnumSource(value = TlsProvider.class, names = {"JDK", "OPENSSL"})
    void closeOfABlackHoledConnectionFailsTheCallInFlight(TlsProvider provider) {
        Connection conn = value(Tusk.connect(throughProxy(provider).commandTimeout(Duration.ofMillis(500)).build()));
        proxy.blackHole();
        CompletableFuture<?> stuck = conn.fetchval("SELECT 1");

        value(conn.closeAsync());

        assertThat(conn.isClosed()).isTrue();
        assertThat(failure(stuck)).isInstanceOf(TuskException.class);
        proxy.heal();
    }
}
