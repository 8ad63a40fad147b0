package dev.tusk.reliability;

import static dev.tusk.reliability.Outcomes.assertConnectionFailure;
import static dev.tusk.reliability.Outcomes.failure;
import static dev.tusk.reliability.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.Pool;
import dev.tusk.PoolOptions;
import dev.tusk.PooledConnection;
import dev.tusk.Tusk;
import dev.tusk.exceptions.ConnectionDoesNotExistException;
import dev.tusk.exceptions.DivisionByZeroException;
import dev.tusk.exceptions.PoolTimeoutException;
import dev.tusk.exceptions.QueryTimeoutException;
import dev.tusk.exceptions.TuskTimeoutException;
import dev.tusk.test.Await;
import dev.tusk.testkit.FaultProxy;
import dev.tusk.testkit.FaultProxy.Direction;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Network faults (and plain failures) while the pool runs a hook: {@code init} on a new connection,
 * {@code setup} on acquire, the reset on release. Each hook is stopped at a chosen point — it waits
 * on a gate the test opens, or it holds the server's reply in the proxy ({@link
 * FaultProxy#hold}) once the server has run its query — and the fault is injected there. In every
 * case the acquire or release completes, the broken connection is closed and never lent, the
 * pool's counts return to consistent values, it serves again once the network heals, and the
 * server keeps no session.
 */
class PoolHooksUnderFaultsTest {

    private static final String APP = "tusk-reliability-pool-hooks";
    /**
     * The acquire timeout after a fault: the pool may be waiting out its reconnect back-off (up to
     * 1 s) after attempts that went into the black hole, longer than the short timeouts under test.
     */
    private static final Duration AFTER_FAULT = Duration.ofSeconds(10);
    /** The reset's last statement, what pg_stat_activity shows once the reset ran (its prepared form). */
    private static final String RESET_QUERY_END = "RESET ALL";

    private FaultProxy proxy;
    private Pool pool;

    @BeforeEach
    void startProxy() {
        proxy = SharedServer.proxy();
    }

    @AfterEach
    void noSessionLeft() {
        if (pool != null) {
            pool.terminate();
        }
        proxy.close();
        ServerSessions.assertNoneLeft(SharedServer.direct(), APP);
    }

    // ---- init: once on each new connection

    @Test
    void initCutWithItsQueryRunFailsThatOpenAndTheAcquireIsServedByAFreshConnection() {
        AtomicInteger inits = new AtomicInteger();
        pool = createPool(builder(connect()).init(conn -> inits.getAndIncrement() == 0
                ? holdRepliesAndRun(conn, "SELECT 'init hook'") : conn.execute("SELECT 1")));

        CompletableFuture<PooledConnection> acquire = pool.acquire();
        int cutPid = serverPidThatRan("SELECT 'init hook'");
        proxy.cut();
        proxy.heal();

        try (PooledConnection conn = value(acquire)) {
            assertThat(value(conn.<Integer>fetchval("SELECT pg_backend_pid()"))).isNotEqualTo(cutPid);
        }
        assertThat(pool.metrics().getConnectFailureCount()).isEqualTo(1);
        assertThat(pool.metrics().getCreatedCount()).isEqualTo(1);
        awaitCounts(1, 1);
        awaitServerSessions(1);
    }

    @Test
    void initCutWhileThePoolOpensItsMinimumFailsCreatePoolWithTheConnectionException() {
        PoolOptions options = builder(connect()).minSize(1)
                .init(conn -> holdRepliesAndRun(conn, "SELECT 'init hook'")).build();

        CompletableFuture<Pool> created = Tusk.createPool(options);
        serverPidThatRan("SELECT 'init hook'");
        proxy.cut();

        assertConnectionFailure(failure(created));
    }

    @Test
    void initBlackHoledWithACommandTimeoutTimesTheAcquireOutWithThatCauseAndServesAfterHeal() {
        Gate gate = new Gate();
        AtomicInteger inits = new AtomicInteger();
        pool = createPool(builder(connect().commandTimeout(Duration.ofMillis(300)))
                .acquireTimeout(Duration.ofSeconds(3))
                .init(conn -> inits.getAndIncrement() == 0 ? gate.thenRun(conn, "SELECT 1") : conn.execute("SELECT 1")));

        CompletableFuture<PooledConnection> acquire = pool.acquire();
        value(gate.entered);
        proxy.blackHole();
        gate.open();

        Throwable timeout = failure(acquire);
        assertThat(timeout).isInstanceOf(PoolTimeoutException.class);
        assertThat(timeout.getCause()).as("the last connect failure").isInstanceOf(TuskTimeoutException.class);
        assertThat(pool.metrics().getConnectFailureCount()).isPositive();
        proxy.heal();
        assertServesAgain(0);
    }

    @Test
    void initBlackHoledWithoutACommandTimeoutIsBoundedByTheAcquireTimeoutAndServesAfterHeal() {
        Gate gate = new Gate();
        AtomicInteger inits = new AtomicInteger();
        pool = createPool(builder(connect()).acquireTimeout(Duration.ofSeconds(1))
                .init(conn -> inits.getAndIncrement() == 0 ? gate.thenRun(conn, "SELECT 1") : conn.execute("SELECT 1")));

        CompletableFuture<PooledConnection> acquire = pool.acquire();
        value(gate.entered);
        proxy.blackHole();
        gate.open();

        assertThat(failure(acquire)).isInstanceOf(PoolTimeoutException.class);
        Await.until("the stuck init has failed and freed its slot", () -> pool.metrics().getConnectFailureCount() >= 1);
        proxy.heal();
        assertServesAgain(0);
    }

    // ---- setup: on each acquire

    @Test
    void setupCutWithItsQueryRunFailsTheAcquireWithTheConnectionExceptionAndThePoolReplacesTheConnection() {
        AtomicInteger setups = new AtomicInteger();
        pool = createPool(builder(connect()).minSize(1).setup(conn -> setups.getAndIncrement() == 0
                ? holdRepliesAndRun(conn, "SELECT 'setup hook'") : conn.execute("SELECT 1")));

        CompletableFuture<PooledConnection> acquire = pool.acquire();
        serverPidThatRan("SELECT 'setup hook'");
        proxy.cut();
        proxy.heal();

        assertConnectionFailure(failure(acquire));
        assertServesAFreshConnection(1);
    }

    @Test
    void setupThatSucceedsAfterItsConnectionWasCutDoesNotHandOutTheClosedConnection() {
        Gate gate = new Gate();
        AtomicInteger setups = new AtomicInteger();
        pool = createPool(builder(connect()).minSize(1)
                .setup(conn -> setups.getAndIncrement() == 0 ? gate.wait(conn) : conn.execute("SELECT 1")));

        CompletableFuture<PooledConnection> acquire = pool.acquire();
        Connection inSetup = value(gate.entered);
        proxy.cut();
        Await.until("the pool sees its connection closed", inSetup::isClosed);
        gate.open();

        Throwable failure = failure(acquire);
        assertThat(failure).isInstanceOf(ConnectionDoesNotExistException.class);
        assertThat(failure.getMessage()).contains("setup");
        assertServesAFreshConnection(1);
    }

    @Test
    void setupBlackHoledWithACommandTimeoutFailsTheAcquireWithQueryTimeoutAndClosesTheConnection() {
        Gate gate = new Gate();
        AtomicInteger setups = new AtomicInteger();
        pool = createPool(builder(connect().commandTimeout(Duration.ofMillis(300))).minSize(1)
                .setup(conn -> setups.getAndIncrement() == 0 ? gate.thenRun(conn, "SELECT 1") : conn.execute("SELECT 1")));

        CompletableFuture<PooledConnection> acquire = pool.acquire();
        value(gate.entered);
        proxy.blackHole();
        gate.open();

        assertThat(failure(acquire)).isInstanceOf(QueryTimeoutException.class);
        Await.until("the black-holed connection is closed", () -> pool.metrics().getClosedCount() == 1);
        proxy.heal();
        assertServesAgain(1);
    }

    @Test
    void setupBlackHoledWithoutACommandTimeoutIsBoundedByTheAcquireTimeoutAndClosesTheConnection() {
        Gate gate = new Gate();
        AtomicInteger setups = new AtomicInteger();
        pool = createPool(builder(connect()).minSize(1).acquireTimeout(Duration.ofSeconds(1))
                .setup(conn -> setups.getAndIncrement() == 0 ? gate.thenRun(conn, "SELECT 1") : conn.execute("SELECT 1")));

        CompletableFuture<PooledConnection> acquire = pool.acquire();
        value(gate.entered);
        proxy.blackHole();
        gate.open();

        assertThat(failure(acquire)).isInstanceOf(PoolTimeoutException.class);
        Await.until("the black-holed connection is closed", () -> pool.metrics().getClosedCount() == 1);
        proxy.heal();
        assertServesAgain(1);
    }

    // ---- reset: on each release

    @Test
    void defaultResetCutWithItsQueryRunReplacesTheConnectionAndTheReleaseCompletes() {
        pool = createPool(builder(connect()).minSize(1));
        PooledConnection conn = value(pool.acquire());
        int pid = value(conn.<Integer>fetchval("SELECT pg_backend_pid()"));

        proxy.hold(Direction.TO_CLIENT);
        CompletableFuture<Void> release = conn.closeAsync();
        assertThat(serverPidThatRan(RESET_QUERY_END)).isEqualTo(pid);
        proxy.cut();
        proxy.heal();

        value(release);
        assertServesAFreshConnection(1);
        assertThat(servedPid()).isNotEqualTo(pid);
    }

    @Test
    void customResetCutWithItsQueryRunReplacesTheConnectionAndTheReleaseCompletes() {
        AtomicInteger resets = new AtomicInteger();
        pool = createPool(builder(connect()).minSize(1).reset(conn -> resets.getAndIncrement() == 0
                ? holdRepliesAndRun(conn, "SELECT 'reset hook'") : conn.execute("SELECT 1")));
        PooledConnection conn = value(pool.acquire());
        int pid = value(conn.<Integer>fetchval("SELECT pg_backend_pid()"));

        CompletableFuture<Void> release = conn.closeAsync();
        assertThat(serverPidThatRan("SELECT 'reset hook'")).isEqualTo(pid);
        proxy.cut();
        proxy.heal();

        value(release);
        assertServesAFreshConnection(1);
        assertThat(servedPid()).isNotEqualTo(pid);
    }

    @Test
    void defaultResetBlackHoledWithACommandTimeoutReplacesTheConnectionAndTheReleaseCompletes() {
        pool = createPool(builder(connect().commandTimeout(Duration.ofMillis(300))).minSize(1));
        PooledConnection conn = value(pool.acquire());
        int pid = value(conn.<Integer>fetchval("SELECT pg_backend_pid()"));

        proxy.blackHole();
        value(conn.closeAsync());

        assertThat(pool.metrics().getClosedCount()).isEqualTo(1);
        proxy.heal();
        assertServesAgain(1);
        assertThat(servedPid()).isNotEqualTo(pid);
    }

    @Test
    void customResetBlackHoledWithoutACommandTimeoutIsBoundedByTheAcquireTimeoutAndReplacesTheConnection() {
        Gate gate = new Gate();
        AtomicInteger resets = new AtomicInteger();
        pool = createPool(builder(connect()).minSize(1).acquireTimeout(Duration.ofSeconds(1))
                .reset(conn -> resets.getAndIncrement() == 0 ? gate.thenRun(conn, "SELECT 1") : conn.execute("SELECT 1")));
        PooledConnection conn = value(pool.acquire());
        int pid = value(conn.<Integer>fetchval("SELECT pg_backend_pid()"));

        CompletableFuture<Void> release = conn.closeAsync();
        value(gate.entered);
        proxy.blackHole();
        gate.open();

        value(release);
        assertThat(pool.metrics().getClosedCount()).isEqualTo(1);
        proxy.heal();
        assertServesAgain(1);
        assertThat(servedPid()).isNotEqualTo(pid);
    }

    // ---- hooks that fail on their own, with no network fault

    @Test
    void initThatFailsOnceCountsAsAConnectFailureAndTheAcquireIsServedByTheNextConnection() {
        AtomicInteger inits = new AtomicInteger();
        pool = createPool(builder(connect()).init(conn -> {
            if (inits.getAndIncrement() == 0) {
                throw new IllegalStateException("init refuses the first connection");
            }
            return conn.execute("SELECT 1");
        }));

        assertThat(servedPid()).isPositive();
        assertThat(pool.metrics().getConnectFailureCount()).isEqualTo(1);
        assertThat(pool.metrics().getCreatedCount()).isEqualTo(1);
        awaitCounts(1, 1);
        awaitServerSessions(1);
    }

    @Test
    void initThatAlwaysFailsFailsCreatePoolWithItsErrorAndTimesAcquiresOutWithItAsTheCause() {
        Function<Connection, CompletionStage<?>> failingInit = conn -> conn.fetchval("SELECT 1/0");

        assertThat(failure(Tusk.createPool(builder(connect()).minSize(1).init(failingInit).build())))
                .isInstanceOf(DivisionByZeroException.class);

        pool = createPool(builder(connect()).acquireTimeout(Duration.ofMillis(500)).init(failingInit));
        // a timeout's cause is the last failure when it fires, and a first open may take longer than
        // 500 ms on a slow machine: the acquire that shows it starts once an init has failed
        assertThat(failure(pool.acquire())).isInstanceOf(PoolTimeoutException.class);
        Await.until("an init has failed", () -> pool.metrics().getConnectFailureCount() >= 1);
        Throwable timeout = failure(pool.acquire());
        assertThat(timeout).isInstanceOf(PoolTimeoutException.class);
        assertThat(timeout.getCause()).isInstanceOf(DivisionByZeroException.class);
        awaitCounts(0, 0);
    }

    @Test
    void setupThatFailsFailsTheAcquireWithItsErrorAndTheConnectionIsResetAndKept() {
        AtomicInteger setups = new AtomicInteger();
        pool = createPool(builder(connect()).minSize(1).setup(conn -> switch (setups.getAndIncrement()) {
            case 0 -> conn.fetchval("SELECT 1/0");
            case 1 -> throw new IllegalStateException("setup refuses");
            default -> conn.execute("SELECT 1");
        }));
        int pid = serverPidThatRan("%"); // the pool's only session, before any acquire

        assertThat(failure(pool.acquire())).isInstanceOf(DivisionByZeroException.class);
        assertThat(failure(pool.acquire())).isInstanceOf(IllegalStateException.class).hasMessage("setup refuses");

        assertThat(servedPid()).isEqualTo(pid);
        assertThat(pool.metrics().getClosedCount()).isZero();
        awaitCounts(1, 1);
    }

    @Test
    void setupThatNeverCompletesIsBoundedByTheAcquireTimeoutAndItsConnectionIsClosed() {
        AtomicInteger setups = new AtomicInteger();
        pool = createPool(builder(connect()).minSize(1).acquireTimeout(Duration.ofMillis(500))
                .setup(conn -> setups.getAndIncrement() == 0 ? new CompletableFuture<Void>() : conn.execute("SELECT 1")));

        assertThat(failure(pool.acquire())).isInstanceOf(PoolTimeoutException.class);

        Await.until("the connection whose setup never ended is closed", () -> pool.metrics().getClosedCount() == 1);
        assertServesAFreshConnection(1);
    }

    @Test
    void resetThatFailsOrNeverCompletesReplacesTheConnectionAndTheReleaseCompletes() {
        AtomicInteger resets = new AtomicInteger();
        pool = createPool(builder(connect()).minSize(1).acquireTimeout(Duration.ofMillis(500))
                .reset(conn -> switch (resets.getAndIncrement()) {
                    case 0 -> conn.fetchval("SELECT 1/0");
                    case 1 -> throw new IllegalStateException("reset refuses");
                    case 2 -> new CompletableFuture<Void>();
                    default -> conn.execute("SELECT 1");
                }));

        int previousPid = 0;
        for (int closed = 1; closed <= 3; closed++) {
            // the short acquire timeout bounds the reset; a fresh connection may take longer to open
            PooledConnection conn = value(pool.acquire(AFTER_FAULT));
            int pid = value(conn.<Integer>fetchval("SELECT pg_backend_pid()"));
            assertThat(pid).as("a fresh connection").isNotEqualTo(previousPid);
            value(conn.closeAsync());
            assertThat(pool.metrics().getClosedCount()).isEqualTo(closed);
            previousPid = pid;
        }
        assertThat(servedPid()).isNotEqualTo(previousPid);
        assertThat(pool.metrics().getClosedCount()).isEqualTo(3);
        awaitCounts(1, 1);
    }

    // ---- helpers

    /** A black-holed connect attempt ends at the heal, which closes it; a healthy one may be slow on a slow machine. */
    private ConnectOptions.Builder connect() {
        return SharedServer.through(proxy, APP).connectTimeout(AFTER_FAULT);
    }

    private static PoolOptions.Builder builder(ConnectOptions.Builder connect) {
        return PoolOptions.builder().connectOptions(connect.build()).minSize(0).maxSize(1)
                .acquireTimeout(Duration.ofSeconds(10));
    }

    private static Pool createPool(PoolOptions.Builder builder) {
        return value(Tusk.createPool(builder.build()));
    }

    /** Holds every server reply in the proxy from now on, then runs {@code sql}: the server runs it, the client never hears. */
    private CompletableFuture<String> holdRepliesAndRun(Connection conn, String sql) {
        proxy.hold(Direction.TO_CLIENT);
        return conn.execute(sql);
    }

    /** Waits until a session of {@link #APP} has run {@code queryPattern} (a LIKE pattern) to its end; returns its pid. */
    private static int serverPidThatRan(String queryPattern) {
        String sql = "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND state = 'idle' AND query LIKE $2";
        int[] pid = new int[1];
        Await.until("the server has run " + queryPattern, () -> {
            try (Connection observer = Tusk.connect(SharedServer.direct().applicationName("tusk-session-observer").build())
                    .join()) {
                Integer found = observer.<Integer>fetchval(sql, APP, queryPattern).join();
                pid[0] = found == null ? 0 : found;
                return found != null;
            }
        });
        return pid[0];
    }

    /** Acquires a connection (its setup runs), and returns the server pid it is served by, releasing it. */
    private int servedPid() {
        try (PooledConnection conn = value(pool.acquire(AFTER_FAULT))) {
            return value(conn.<Integer>fetchval("SELECT pg_backend_pid()"));
        }
    }

    /**
     * After a fault: the pool serves a working connection, settles on {@code sizeAfter} connections
     * (at least the one just used), all idle, and the server has exactly that many sessions.
     */
    private void assertServesAFreshConnection(int sizeAfter) {
        assertServesAgain(sizeAfter);
        awaitServerSessions(pool.getSize());
    }

    /**
     * Waits until the server has {@code count} sessions of {@link #APP}: the backend of a connection
     * that was closed or cut ends only once it has seen its socket close, after the client moved on.
     */
    private static void awaitServerSessions(int count) {
        Await.until("the server has " + count + " session(s) of " + APP,
                () -> ServerSessions.count(SharedServer.direct(), APP) == count);
    }

    /**
     * As {@link #assertServesAFreshConnection} without counting the server's sessions: the server
     * end of a black-holed connection never learns that the client closed it (the proxy swallowed
     * the FIN, as a dead network would) and lives until the proxy closes, after the test.
     */
    private void assertServesAgain(int sizeAfter) {
        try (PooledConnection conn = value(pool.acquire(AFTER_FAULT))) {
            assertThat(value(conn.<Integer>fetchval("SELECT $1::int", 7))).isEqualTo(7);
            assertThat(conn.isClosed()).isFalse();
        }
        awaitCounts(Math.max(sizeAfter, 1), Math.max(sizeAfter, 1));
    }

    private void awaitCounts(int size, int idle) {
        Await.until("the pool has " + size + " connections, " + idle + " idle, none in use or awaited: " + pool,
                () -> pool.getSize() == size && pool.getIdleSize() == idle && pool.metrics().getInUseSize() == 0
                        && pool.metrics().getPendingAcquires() == 0);
    }

    /** A point where a hook stops until the test opens it; {@link #entered} tells the test the hook is there. */
    private static final class Gate {

        final CompletableFuture<Connection> entered = new CompletableFuture<>();
        private final CompletableFuture<Void> opened = new CompletableFuture<>();

        /** The hook waits for the gate, then completes without a query. */
        CompletableFuture<Void> wait(Connection conn) {
            entered.complete(conn);
            return opened;
        }

        /** The hook waits for the gate, then runs {@code sql}. */
        CompletableFuture<String> thenRun(Connection conn, String sql) {
            entered.complete(conn);
            return opened.thenCompose(ignored -> conn.execute(sql));
        }

        void open() {
            opened.complete(null);
        }
    }
}
