package dev.tusk.reliability;

import static dev.tusk.reliability.Outcomes.failure;
import static dev.tusk.reliability.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.Connection;
import dev.tusk.Tusk;
import dev.tusk.exceptions.ConnectTimeoutException;
import dev.tusk.exceptions.TuskException;
import dev.tusk.testkit.FaultProxy;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server (or the network to it) stops answering without closing anything. */
class BlackHoleTest {

    private static final String APP = "tusk-reliability-black-hole";

    private FaultProxy proxy;

    @BeforeEach
    void startProxy() {
        proxy = SharedServer.proxy();
    }

    @AfterEach
    void noSessionLeft() {
        proxy.close();
        ServerSessions.assertNoneLeft(SharedServer.direct(), APP);
    }

    @Test
    void connectToABlackHoledServerFailsWithConnectTimeout() {
        proxy.blackHole();

        Throwable failure = failure(Tusk.connect(SharedServer.through(proxy, APP)
                .connectTimeout(Duration.ofMillis(300)).build()));

        assertThat(failure).isInstanceOf(ConnectTimeoutException.class);
        assertThat(failure.getMessage()).contains(proxy.host() + ":" + proxy.port());
    }

    @Test
    void connectBlackHoledInTheMiddleOfStartupFailsWithConnectTimeout() {
        proxy.afterServerBytes(1, proxy::blackHole);

        Throwable failure = failure(Tusk.connect(SharedServer.through(proxy, APP)
                .connectTimeout(Duration.ofMillis(300)).build()));

        assertThat(failure).isInstanceOf(ConnectTimeoutException.class);
    }

    @Test
    void closeOfAnIdleBlackHoledConnectionCompletes() {
        Connection conn = value(Tusk.connect(SharedServer.through(proxy, APP).build()));
        proxy.blackHole();

        value(conn.closeAsync());

        assertThat(conn.isClosed()).isTrue();
    }

    @Test
    void closeOfABlackHoledConnectionWithACallInFlightCompletesAfterTheCommandTimeoutAndFailsTheCall() {
        Connection conn = value(Tusk.connect(SharedServer.through(proxy, APP)
                .commandTimeout(Duration.ofMillis(500)).build()));
        proxy.blackHole();
        CompletableFuture<?> stuck = conn.fetchval("SELECT 1");

        value(conn.closeAsync());

        assertThat(conn.isClosed()).isTrue();
        assertThat(failure(stuck)).isInstanceOf(TuskException.class);
    }
}
