package dev.tusk.pool;

import static dev.tusk.test.Await.failure;
import static dev.tusk.test.Await.until;
import static dev.tusk.test.Await.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.NotificationListener;
import dev.tusk.Pool;
import dev.tusk.PoolOptions;
import dev.tusk.PooledConnection;
import dev.tusk.PostgresLogMessage;
import dev.tusk.Transaction;
import dev.tusk.Tusk;
import dev.tusk.codec.TypeCodec;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PostgresException;
import dev.tusk.test.Await;
import dev.tusk.test.Db;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Edge cases of asyncpg's tests/test_pool.py that the other pool tests do not reach. */
class AsyncpgPoolCasesTest {

    private final List<Pool> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        for (Pool pool : pools) {
            pool.terminate();
        }
    }

    private Pool pool(PoolOptions.Builder options) {
        Pool pool = value(Tusk.createPool(options.build()));
        pools.add(pool);
        return pool;
    }

    private static PoolOptions.Builder options(String applicationName, int minSize, int maxSize) {
        return PoolOptions.builder().connectOptions(Db.options().applicationName(applicationName).build())
                .minSize(minSize).maxSize(maxSize);
    }

    private static <T> T poll(BlockingQueue<T> queue) throws InterruptedException {
        T item = queue.poll(Await.BOUND.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(item).as("received within " + Await.BOUND).isNotNull();
        return item;
    }

    // test_pool_08, test_pool_09
    @Test
    void aConnectionOfAnotherPoolIsRefusedAndStaysWithItsOwnPool() {
        Pool first = pool(options("tusk-asyncpg-foreign-1", 1, 1));
        Pool second = pool(options("tusk-asyncpg-foreign-2", 1, 1));
        PooledConnection conn = value(first.acquire());

        assertThatThrownBy(() -> second.release(conn)).isInstanceOf(InterfaceException.class)
                .hasMessageContaining("was not acquired from this pool");

        assertThat(conn.isReleased()).isFalse();
        assertThat(value(conn.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
        assertThat(second.getIdleSize()).isEqualTo(1);
        value(first.release(conn));
        assertThat(first.getIdleSize()).isEqualTo(1);
    }

    // test_pool_10
    @Test
    void releasingTwiceThroughThePoolDoesNothingTheSecondTime() {
        Pool pool = pool(options("tusk-asyncpg-release-twice", 1, 1));
        PooledConnection conn = value(pool.acquire());
        value(pool.release(conn));
        value(pool.release(conn));
        assertThat(pool.getSize()).isEqualTo(1);
        assertThat(pool.getIdleSize()).isEqualTo(1);
        assertThat(pool.metrics().getClosedCount()).isZero();
        value(pool.closeAsync());
    }

    // test_pool_04
    @Test
    void terminatingAPooledConnectionFreesItsPlaceAndTheNextAcquireGetsANewOne() {
        Pool pool = pool(options("tusk-asyncpg-terminate-one", 1, 1));
        PooledConnection conn = value(pool.acquire());
        int pid = conn.getServerPid();

        conn.terminate();

        assertThat(conn.isReleased()).isTrue();
        try (PooledConnection next = value(pool.acquire())) {
            assertThat(next.getServerPid()).isNotEqualTo(pid);
            assertThat(value(next.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
        }
        value(pool.release(conn)); // releasing it afterwards does no harm
        assertThat(pool.getSize()).isEqualTo(1);
    }

    // test_pool_07
    @Test
    void connectAndInitRunOncePerConnectionSetupAndResetOncePerAcquire() {
        Set<Connection> initialized = ConcurrentHashMap.newKeySet();
        AtomicInteger connects = new AtomicInteger();
        AtomicInteger setups = new AtomicInteger();
        AtomicInteger resets = new AtomicInteger();
        Pool pool = pool(options("tusk-asyncpg-hooks", 2, 5)
                .connect(connectOptions -> {
                    connects.incrementAndGet();
                    return Tusk.connect(connectOptions);
                })
                .init(conn -> {
                    assertThat(initialized.add(conn)).as("init runs once per connection").isTrue();
                    return CompletableFuture.completedFuture(null);
                })
                .setup(conn -> {
                    setups.incrementAndGet();
                    return conn.execute("SELECT 1");
                })
                .reset(conn -> {
                    resets.incrementAndGet();
                    return conn.reset();
                }));
        List<PooledConnection> held = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            held.add(value(pool.acquire()));
        }
        List<CompletableFuture<Integer>> users = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            users.add(pool.withConnection(conn -> conn.<Integer>fetchval("SELECT 1")));
        }
        held.forEach(conn -> value(conn.closeAsync()));
        users.forEach(Await::value);
        until("every connection is back", () -> pool.getIdleSize() == 5);

        assertThat(connects).hasValue(5);
        assertThat(initialized).hasSize(5);
        assertThat(setups).hasValue(10);
        assertThat(resets).hasValue(10);
    }

    // test_pool_release_in_xact
    @Test
    void aTransactionLeftStartedAtReleaseIsRolledBackAndTheNextOneIsATopLevelTransaction() {
        Pool pool = pool(options("tusk-asyncpg-release-in-xact", 1, 1));
        long firstXid;
        try (PooledConnection conn = value(pool.acquire())) {
            conn.transaction().start().join();
            firstXid = value(conn.<Long>fetchval("SELECT txid_current()"));
        }
        try (PooledConnection conn = value(pool.acquire())) {
            assertThat(conn.isInTransaction()).isFalse();
            Transaction next = conn.transaction();
            value(next.start());
            assertThat(next.isNested()).isFalse();
            assertThat(value(conn.<Long>fetchval("SELECT txid_current()"))).isNotEqualTo(firstXid);
            value(next.commit());
        }
    }

    @Test
    void withACustomResetTooATransactionLeftStartedAtReleaseDoesNotMakeTheNextOneASavepoint() {
        Pool pool = pool(options("tusk-asyncpg-release-in-xact-custom", 1, 1)
                .reset(conn -> conn.execute("RESET ALL")));
        try (PooledConnection conn = value(pool.acquire())) {
            conn.transaction().start().join();
        }
        try (PooledConnection conn = value(pool.acquire())) {
            assertThat(conn.isInTransaction()).isFalse();
            Transaction next = conn.transaction();
            value(next.start());
            assertThat(next.isNested()).isFalse();
            assertThat(conn.isInTransaction()).isTrue();
            value(next.commit());
            Integer one = value(conn.inTransaction(c -> c.<Integer>fetchval("SELECT 1")));
            assertThat(one).isEqualTo(1);
        }
    }

    @Test
    void aTransactionTheBorrowerEndedWithARollbackQueryLeavesTheNextBorrowerATopLevelOne() {
        Pool pool = pool(options("tusk-asyncpg-release-ended-by-hand", 1, 1)
                .reset(conn -> conn.execute("RESET ALL")));
        Transaction ended;
        try (PooledConnection conn = value(pool.acquire())) {
            ended = conn.transaction();
            value(ended.start());
            value(conn.execute("ROLLBACK"));
            assertThat(ended.isActive()).isFalse();
        }
        try (PooledConnection conn = value(pool.acquire())) {
            Transaction next = conn.transaction();
            value(next.start());
            assertThat(next.isNested()).isFalse();
            value(next.commit());
            assertThat(conn.isInTransaction()).isFalse();
        }
    }

    // test_pool_no_acquire_deadlock
    @Test
    void aWaiterIsServedWhenTheConnectionItWaitsForIsReplacedForMaxQueries() {
        Pool pool = pool(options("tusk-asyncpg-maxqueries-wait", 1, 1).maxQueries(1));
        PooledConnection held = value(pool.acquire());
        int pid = held.getServerPid();
        value(held.execute("SELECT 1"));
        CompletableFuture<PooledConnection> waiting = pool.acquire();
        assertThat(waiting).isNotDone();

        held.close();

        try (PooledConnection next = value(waiting)) {
            assertThat(next.getServerPid()).isNotEqualTo(pid);
            assertThat(value(next.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
        }
    }

    // test_pool_handles_task_cancel_in_acquire_with_timeout
    @Test
    void aCancelledAcquireLeavesTheConnectionInThePool() {
        Pool pool = pool(options("tusk-asyncpg-cancel-acquire", 1, 1));
        PooledConnection held = value(pool.acquire());
        int pid = held.getServerPid();
        CompletableFuture<PooledConnection> waiting = pool.acquire(Duration.ofSeconds(100));
        assertThat(waiting.cancel(true)).isTrue();

        value(held.closeAsync());

        assertThat(pool.getIdleSize()).isEqualTo(1);
        until("the cancelled acquire no longer counts as pending", () -> pool.metrics().getPendingAcquires() == 0);
        try (PooledConnection next = value(pool.acquire())) {
            assertThat(next.getServerPid()).isEqualTo(pid);
        }
    }

    // test_pool_handles_query_cancel_in_release (Tusk waits for the running call, within the release's bound)
    @Test
    void aReleaseWhoseResetWaitsBehindARunningQueryPastItsTimeoutReplacesTheConnection() {
        Pool pool = pool(options("tusk-asyncpg-release-busy", 1, 1));
        PooledConnection conn = value(pool.acquire());
        int pid = conn.getServerPid();
        CompletableFuture<String> sleeping = conn.execute("SELECT pg_sleep(60)");

        value(pool.release(conn, Duration.ofMillis(200)));

        assertThat(failure(sleeping)).isNotNull();
        try (PooledConnection next = value(pool.acquire())) {
            assertThat(next.getServerPid()).isNotEqualTo(pid);
        }
        assertThat(pool.metrics().getClosedCount()).isEqualTo(1);
    }

    // test_pool_max_inactive_time_01, _03
    @Test
    void aConnectionInUseLongerThanTheInactiveLifetimeIsKept() {
        Pool pool = pool(options("tusk-asyncpg-inactive-busy", 1, 1)
                .maxInactiveConnectionLifetime(Duration.ofMillis(50)));
        try (PooledConnection conn = value(pool.acquire())) {
            value(conn.execute("SELECT pg_sleep(0.3)"));
            assertThat(conn.isClosed()).isFalse();
            assertThat(value(conn.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
            assertThat(pool.getSize()).isEqualTo(1);
            assertThat(pool.metrics().getClosedCount()).isZero();
        }
    }

    // test_pool_max_inactive_time_05
    @Test
    void idleConnectionsThatWereNeverAcquiredAlsoCloseAfterTheInactiveLifetime() {
        Pool pool = pool(options("tusk-asyncpg-inactive-never-used", 2, 2)
                .maxInactiveConnectionLifetime(Duration.ofMillis(100)));
        until("both idle connections are closed",
                () -> pool.getSize() == 0 && pool.metrics().getClosedCount() == 2);
        assertThat(value(pool.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
    }

    // test_pool_size_and_capacity
    @Test
    void sizeAndIdleSizeFollowAcquiresUpToTheMaximum() {
        Pool pool = pool(options("tusk-asyncpg-sizes", 2, 3));
        assertThat(pool.getMinSize()).isEqualTo(2);
        assertThat(pool.getMaxSize()).isEqualTo(3);
        assertThat(pool.getSize()).isEqualTo(2);
        assertThat(pool.getIdleSize()).isEqualTo(2);
        try (PooledConnection a = value(pool.acquire())) {
            assertThat(pool.getIdleSize()).isEqualTo(1);
            try (PooledConnection b = value(pool.acquire())) {
                assertThat(pool.getIdleSize()).isZero();
                try (PooledConnection c = value(pool.acquire())) {
                    assertThat(pool.getSize()).isEqualTo(3);
                    assertThat(pool.getIdleSize()).isZero();
                    assertThat(pool.metrics().getInUseSize()).isEqualTo(3);
                }
            }
        }
        until("every connection is back", () -> pool.getIdleSize() == 3);
        assertThat(pool.getSize()).isEqualTo(3);
    }

    @Test
    void aPoolWithMinSizeZeroOpensOnDemand() {
        Pool pool = pool(options("tusk-asyncpg-min-zero", 0, 2));
        assertThat(pool.getSize()).isZero();
        assertThat(value(pool.<Integer>fetchval("SELECT 1"))).isEqualTo(1);
        assertThat(pool.getSize()).isEqualTo(1);
    }

    // test_pool_closing, close vs terminate with a connection in use
    @Test
    void terminateClosesConnectionsInUseAndTheirLaterReleaseIsHarmless() {
        Pool pool = pool(options("tusk-asyncpg-terminate", 2, 2));
        PooledConnection held = value(pool.acquire());
        assertThat(pool.isClosing()).isFalse();

        pool.terminate();

        assertThat(pool.isClosing()).isTrue();
        value(pool.closeAsync());
        assertThat(pool.getSize()).isZero();
        assertThat(held.isClosed()).isTrue();
        assertThat(failure(held.execute("SELECT 1"))).isNotNull();
        value(held.closeAsync());
        assertThat(pool.getSize()).isZero();
        assertThat(failure(pool.acquire())).isInstanceOf(InterfaceException.class).hasMessage("the pool is closing");
    }

    @Test
    void closeCompletesOnlyOnceEveryConnectionIsClosed() {
        List<Connection> opened = new CopyOnWriteArrayList<>();
        Pool pool = pool(options("tusk-asyncpg-close-done", 2, 2).connect(connectOptions ->
                Tusk.connect(connectOptions).thenApply(conn -> {
                    opened.add(conn);
                    return conn;
                })));
        value(pool.closeAsync());
        assertThat(opened).hasSize(2).allSatisfy(conn -> assertThat(conn.isClosed()).isTrue());
    }

    // test_pool_set_connection_args
    @Test
    void setConnectArgsAppliesToConnectionsOpenedAfterExpiry() {
        Pool pool = pool(options("tusk-asyncpg-connect-args-0", 1, 1));
        PooledConnection lent = value(pool.acquire());
        pool.setConnectArgs(Db.options().applicationName("tusk-asyncpg-connect-args-1").build());
        pool.expireConnections();
        value(lent.closeAsync());
        try (PooledConnection conn = value(pool.acquire())) {
            assertThat(value(conn.<String>fetchval("SHOW application_name"))).isEqualTo("tusk-asyncpg-connect-args-1");
        }

        pool.setConnectArgs(Db.options().applicationName("tusk-asyncpg-connect-args-2").build());
        pool.expireConnections();
        try (PooledConnection conn = value(pool.acquire())) {
            assertThat(value(conn.<String>fetchval("SHOW application_name"))).isEqualTo("tusk-asyncpg-connect-args-2");
        }
    }

    // the pool's reset of listeners (asyncpg's Connection.reset clears them)
    @Test
    void aListenerOfAFormerBorrowerGetsNothingAndTheNextBorrowerListensAfresh() throws Exception {
        Pool pool = pool(options("tusk-asyncpg-listeners", 1, 1));
        BlockingQueue<String> former = new LinkedBlockingQueue<>();
        BlockingQueue<String> next = new LinkedBlockingQueue<>();
        try (PooledConnection conn = value(pool.acquire())) {
            value(conn.addListener("pool_jobs", (c, pid, channel, payload) -> former.add(payload)));
        }
        try (PooledConnection conn = value(pool.acquire()); Connection sender = Db.connect()) {
            assertThat(value(conn.fetch("SELECT pg_listening_channels()"))).isEmpty();
            value(conn.addListener("pool_jobs", (c, pid, channel, payload) -> next.add(payload)));
            value(sender.execute("SELECT pg_notify('pool_jobs', 'one')"));
            assertThat(poll(next)).isEqualTo("one");
            assertThat(former).isEmpty();
        }
    }

    @Test
    void aListenerAddedTwiceAndRemovedOnceIsStillRemovedAtRelease() throws Exception {
        Pool pool = pool(options("tusk-asyncpg-listener-twice", 1, 1));
        BlockingQueue<String> former = new LinkedBlockingQueue<>();
        BlockingQueue<String> next = new LinkedBlockingQueue<>();
        NotificationListener twice = (c, pid, channel, payload) -> former.add(payload);
        try (PooledConnection conn = value(pool.acquire())) {
            value(conn.addListener("pool_twice", twice));
            value(conn.addListener("pool_twice", twice));
            value(conn.removeListener("pool_twice", twice));
        }
        try (PooledConnection conn = value(pool.acquire()); Connection sender = Db.connect()) {
            value(conn.addListener("pool_twice", (c, pid, channel, payload) -> next.add(payload)));
            assertThat(value(conn.fetch("SELECT pg_listening_channels()"))).hasSize(1);
            value(sender.execute("SELECT pg_notify('pool_twice', 'one')"));
            assertThat(poll(next)).isEqualTo("one");
            assertThat(former).isEmpty();
        }
    }

    // test_listen_01: reset() ends the listeners, as asyncpg's Connection.reset clears them
    @Test
    void afterResetAPooledConnectionListensAfreshOnTheSameChannel() throws Exception {
        Pool pool = pool(options("tusk-asyncpg-listener-reset", 1, 1));
        BlockingQueue<String> before = new LinkedBlockingQueue<>();
        BlockingQueue<String> after = new LinkedBlockingQueue<>();
        List<PostgresLogMessage> logged = new CopyOnWriteArrayList<>();
        try (PooledConnection conn = value(pool.acquire()); Connection sender = Db.connect()) {
            value(conn.addListener("pool_reset", (c, pid, channel, payload) -> before.add(payload)));
            conn.addLogListener((c, message) -> logged.add(message));
            value(conn.reset());
            value(conn.addListener("pool_reset", (c, pid, channel, payload) -> after.add(payload)));
            assertThat(value(conn.fetch("SELECT pg_listening_channels()"))).hasSize(1);
            value(sender.execute("SELECT pg_notify('pool_reset', 'one')"));
            assertThat(poll(after)).isEqualTo("one");
            assertThat(before).isEmpty();
            value(conn.execute("DO $$ BEGIN RAISE NOTICE 'hello'; END $$"));
            assertThat(logged).isEmpty();
        }
    }

    @Test
    void aNotificationListenerAddedThroughAPooledConnectionIsCalledWithThePooledConnection() throws Exception {
        Pool pool = pool(options("tusk-asyncpg-listener-conn", 1, 1));
        BlockingQueue<Connection> called = new LinkedBlockingQueue<>();
        try (PooledConnection conn = value(pool.acquire()); Connection sender = Db.connect()) {
            value(conn.addListener("pool_self", (c, pid, channel, payload) -> called.add(c)));
            value(sender.execute("SELECT pg_notify('pool_self', '')"));
            assertThat(poll(called)).isSameAs(conn);
        }
    }

    @Test
    void logAndTerminationListenersOfAFormerBorrowerAreRemovedAtRelease() {
        Pool pool = pool(options("tusk-asyncpg-log-listeners", 1, 1));
        List<PostgresLogMessage> former = new CopyOnWriteArrayList<>();
        List<PostgresLogMessage> next = new CopyOnWriteArrayList<>();
        AtomicInteger terminations = new AtomicInteger();
        try (PooledConnection conn = value(pool.acquire())) {
            conn.addLogListener((c, message) -> former.add(message));
            conn.addTerminationListener(c -> terminations.incrementAndGet());
        }
        try (PooledConnection conn = value(pool.acquire())) {
            conn.addLogListener((c, message) -> next.add(message));
            value(conn.execute("DO $$ BEGIN RAISE NOTICE 'hello'; END $$"));
        }
        assertThat(next).extracting(PostgresLogMessage::getMessage).containsExactly("hello");
        assertThat(former).isEmpty();
        value(pool.closeAsync());
        assertThat(terminations).hasValue(0);
    }

    // custom codecs stay on the connection they were set on (asyncpg: use init for pool-wide codecs)
    @Test
    void aCodecSetThroughOnePooledConnectionDoesNotReachTheOthers() {
        Pool pool = pool(options("tusk-asyncpg-codec", 2, 2));
        try (PooledConnection custom = value(pool.acquire()); PooledConnection plain = value(pool.acquire())) {
            value(custom.setTypeCodec("interval", "pg_catalog",
                    TypeCodec.text(String.class, text -> text, text -> "custom:" + text)));
            assertThat(value(custom.<Object>fetchval("SELECT '1 day'::interval"))).isEqualTo("custom:1 day");
            assertThat(value(plain.<Object>fetchval("SELECT '1 day'::interval"))).isNotInstanceOf(String.class);
        }
    }

    @Test
    void anAcquireTimeoutMustBePositive() {
        Pool pool = pool(options("tusk-asyncpg-timeout-arg", 1, 1));
        assertThatThrownBy(() -> pool.acquire(Duration.ZERO)).isInstanceOf(InterfaceException.class)
                .hasMessageContaining("expected: > 0");
        assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(-1))).isInstanceOf(InterfaceException.class);
        assertThat(pool.getIdleSize()).isEqualTo(1);
    }

    @Test
    void poolShortcutsReleaseTheirConnectionWhenTheStatementFails() {
        Pool pool = pool(options("tusk-asyncpg-shortcut-fail", 1, 1));
        assertThat(failure(pool.execute("SELECT * FROM no_such_table_asyncpg_pool"))).isInstanceOf(PostgresException.class);
        assertThat(failure(pool.fetchval("SELECT 1/0"))).isInstanceOf(PostgresException.class);
        assertThat(failure(pool.fetchmany("SELECT $1::int / 0", List.of(List.of(1))))).isInstanceOf(PostgresException.class);
        assertThat(value(pool.fetchmany("SELECT $1::int * 2", List.of(List.of(1), List.of(2)))))
                .extracting(row -> row.getInt(0)).containsExactly(2, 4);
        until("the connection is back", () -> pool.getIdleSize() == 1);
        assertThat(pool.getSize()).isEqualTo(1);
    }
}
