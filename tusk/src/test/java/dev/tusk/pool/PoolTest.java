package dev.tusk.pool;

import dev.tusk.test.Await;
import static dev.tusk.test.Await.failure;
import static dev.tusk.test.Await.until;
import static dev.tusk.test.Await.value;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tusk.Connection;
import dev.tusk.Pool;
import dev.tusk.PoolListener;
import dev.tusk.PoolOptions;
import dev.tusk.exceptions.QueryTimeoutException;
import dev.tusk.PooledConnection;
import dev.tusk.Record;
import dev.tusk.Tusk;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PoolTimeoutException;
import dev.tusk.exceptions.UndefinedTableException;
import dev.tusk.test.Db;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool against the shared test server. */
class PoolTest {

    private final List<Pool> pools = new ArrayList<>();

    @AfterEach
    void closePools() {
        for (Pool pool : pools) {
            try {
                value(pool.closeAsync());
            } finally {
                pool.terminate();
            }
        }
    }

    private Pool pool(PoolOptions.Builder options) {
        Pool pool = value(Tusk.createPool(options.build()));
        pools.add(pool);
        return pool;
    }

    private static PoolOptions.Builder options(String applicationName) {
        return PoolOptions.builder().connectOptions(Db.options().applicationName(applicationName).build());
    }

    @Test
    void createPoolOpensMinSizeConnections() {
        Pool pool = pool(options("tusk-pool-min").minSize(3).maxSize(5));
        assertThat(pool.getSize()).isEqualTo(3);
        assertThat(pool.getIdleSize()).isEqualTo(3);
        assertThat(pool.getMinSize()).isEqualTo(3);
        assertThat(pool.getMaxSize()).isEqualTo(5);
        assertThat(pool.metrics().getCreatedCount()).isEqualTo(3);
    }

    @Test
    void theShortcutsTakeAQueryTimeoutAndReleaseTheirConnectionAfterIt() {
        Pool pool = pool(options("tusk-pool-timeouts").minSize(1).maxSize(1));
        String sleep = "SELECT 1 FROM pg_sleep($1::float8)";
        assertThat(failure(pool.fetchval(Duration.ofMillis(200), sleep, 30.0))).isInstanceOf(QueryTimeoutException.class);
        assertThat(failure(pool.fetch(Duration.ofMillis(200), sleep, 30.0))).isInstanceOf(QueryTimeoutException.class);
        assertThat(failure(pool.fetchrow(Duration.ofMillis(200), sleep, 30.0))).isInstanceOf(QueryTimeoutException.class);
        assertThat(failure(pool.execute(Duration.ofMillis(200), sleep, 30.0))).isInstanceOf(QueryTimeoutException.class);
        assertThat(failure(pool.executemany(Duration.ofMillis(200), sleep, List.of(List.of(30.0)))))
                .isInstanceOf(QueryTimeoutException.class);
        assertThat(failure(pool.fetchmany(Duration.ofMillis(200), sleep, List.of(List.of(30.0)))))
                .isInstanceOf(QueryTimeoutException.class);
        assertThat(value(pool.<Integer>fetchval(Duration.ofSeconds(30), sleep, 0.0))).isEqualTo(1);
        assertThat(value(pool.fetchmany(Duration.ofSeconds(30), sleep, List.of(List.of(0.0), List.of(0.0))))).hasSize(2);
    }

    @Test
    void twoHundredConcurrentTasksOnAPoolOfTenCompleteAndTheServerNeverSeesMoreThanTen() {
        String app = "tusk-pool-200";
        Pool pool = pool(options(app).minSize(2).maxSize(10));
        List<CompletableFuture<Long>> tasks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            tasks.add(pool.withConnection(conn -> conn.<Long>fetchval(
                    "SELECT count(*) FROM pg_stat_activity, pg_sleep(0.002) WHERE application_name = $1", app)));
        }
        long most = 0;
        for (CompletableFuture<Long> task : tasks) {
            most = Math.max(most, value(task));
        }
        assertThat(most).isBetween(1L, 10L);
        assertThat(pool.getSize()).isLessThanOrEqualTo(10);
        assertThat(pool.metrics().getAcquireCount()).isEqualTo(200);
        assertThat(pool.metrics().getCreatedCount()).isLessThanOrEqualTo(10);
    }

    @Test
    void anAcquirePastItsTimeoutFailsWithThePoolStatistics() {
        Pool pool = pool(options("tusk-pool-timeout").minSize(1).maxSize(1));
        PooledConnection held = value(pool.acquire());

        Throwable timeout = failure(pool.acquire(Duration.ofMillis(100)));

        assertThat(timeout).isInstanceOf(PoolTimeoutException.class)
                .hasMessageStartingWith("acquiring a connection from the pool (total 1, idle 0, in use 1, waiting 1) timed out after");
        assertThat(((PoolTimeoutException) timeout).getTimeout()).isEqualTo(Duration.ofMillis(100));
        assertThat(pool.metrics().getTimeoutCount()).isEqualTo(1);
        held.close();
        try (PooledConnection next = value(pool.acquire())) {
            assertThat(next.getServerPid()).isPositive();
        }
    }

    @Test
    void aConnectionArrivingAfterTheAcquireTimedOutGoesBackToThePool() {
        Pool pool = pool(options("tusk-pool-late").minSize(1).maxSize(1));
        PooledConnection held = value(pool.acquire());
        int pid = held.getServerPid();
        CompletableFuture<PooledConnection> late = pool.acquire(Duration.ofMillis(50));
        assertThat(failure(late)).isInstanceOf(PoolTimeoutException.class);

        value(held.closeAsync());

        assertThat(pool.getIdleSize()).isEqualTo(1);
        // the timed-out acquire stops counting as pending in a callback that may run after its failure is seen
        until("the timed-out acquire is no longer pending", () -> pool.metrics().getPendingAcquires() == 0);
        try (PooledConnection next = value(pool.acquire(Await.BOUND))) {
            assertThat(next.getServerPid()).isEqualTo(pid);
        }
    }

    @Test
    void waitersAreServedFirstComeFirstServed() {
        Pool pool = pool(options("tusk-pool-fifo").minSize(1).maxSize(1));
        PooledConnection held = value(pool.acquire());
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<CompletableFuture<Void>> waiters = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            waiters.add(pool.acquire().thenAccept(conn -> {
                order.add(n);
                conn.close();
            }));
        }
        held.close();
        waiters.forEach(Await::value);
        assertThat(order).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void aConnectionReleasedInsideATransactionReachesTheNextUserRolledBackAndReset() {
        Pool pool = pool(options("tusk-pool-dirty").minSize(1).maxSize(1));
        PooledConnection first = value(pool.acquire());
        int pid = first.getServerPid();
        value(first.execute("BEGIN"));
        value(first.execute("SET search_path = pg_catalog"));
        value(first.execute("CREATE TEMPORARY TABLE pool_dirty (id int)"));
        assertThat(first.isInTransaction()).isTrue();
        first.close();

        try (PooledConnection second = value(pool.acquire())) {
            assertThat(second.getServerPid()).isEqualTo(pid);
            assertThat(second.isInTransaction()).isFalse();
            assertThat(value(second.<String>fetchval("SHOW search_path"))).isEqualTo("\"$user\", public");
            assertThat(failure(second.execute("SELECT * FROM pool_dirty"))).isInstanceOf(UndefinedTableException.class);
        }
    }

    @Test
    void whatAPoolCallChangesInTheSessionNeverReachesTheNextCall() {
        Pool pool = pool(options("tusk-pool-oneshot").minSize(1).maxSize(1));
        int pid = value(pool.<Integer>fetchval("SELECT pg_backend_pid()"));
        value(pool.execute("SET search_path = pg_catalog"));
        value(pool.fetchval("SELECT set_config('application_name', 'changed', false)"));
        value(pool.execute("LISTEN pool_oneshot"));
        value(pool.fetchval("SELECT pg_advisory_lock($1)", 42L));
        value(pool.execute("DECLARE pool_held CURSOR WITH HOLD FOR SELECT 1"));

        Record session = value(pool.fetchrow("SELECT pg_backend_pid() AS pid, current_setting('search_path') AS path,"
                + " current_setting('application_name') AS name,"
                + " (SELECT count(*) FROM pg_listening_channels()) AS channels,"
                + " (SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()) AS locks,"
                + " (SELECT count(*) FROM pg_cursors WHERE is_holdable) AS cursors"));
        assertThat(session.getInt("pid")).isEqualTo(pid); // the same connection, reset each time
        assertThat(session.getString("path")).isEqualTo("\"$user\", public");
        assertThat(session.getString("name")).isEqualTo("tusk-pool-oneshot");
        assertThat(session.getLong("channels")).isZero();
        assertThat(session.getLong("locks")).isZero();
        assertThat(session.getLong("cursors")).isZero();
    }

    @Test
    void aPoolCallThatLeavesATransactionOpenIsRolledBackAndItsConnectionKept() {
        Pool pool = pool(options("tusk-pool-oneshot-tx").minSize(1).maxSize(1));
        int pid = value(pool.<Integer>fetchval("SELECT pg_backend_pid()"));
        value(pool.execute("BEGIN; CREATE TEMPORARY TABLE pool_oneshot_tx (id int); SET search_path = pg_catalog"));

        assertThat(failure(pool.execute("SELECT * FROM pool_oneshot_tx"))).isInstanceOf(UndefinedTableException.class);
        assertThat(value(pool.<String>fetchval("SHOW search_path"))).isEqualTo("\"$user\", public");
        try (PooledConnection conn = value(pool.acquire())) {
            assertThat(conn.getServerPid()).isEqualTo(pid);
            assertThat(conn.isInTransaction()).isFalse();
        }
        assertThat(pool.metrics().getClosedCount()).isZero();
    }

    @Test
    void aPoolWithoutAServerResetStillRollsBackATransactionACallLeftOpen() {
        Pool pool = pool(options("tusk-pool-noreset").minSize(1).maxSize(1)
                .reset(conn -> CompletableFuture.completedFuture(null)));
        int pid = value(pool.<Integer>fetchval("SELECT pg_backend_pid()"));
        value(pool.execute("BEGIN; CREATE TEMPORARY TABLE pool_noreset (id int)"));

        assertThat(failure(pool.execute("SELECT * FROM pool_noreset"))).isInstanceOf(UndefinedTableException.class);
        assertThat(value(pool.<Integer>fetchval("SELECT pg_backend_pid()"))).isEqualTo(pid);
        assertThat(pool.metrics().getClosedCount()).isZero();
    }

    @Test
    void aPoolCallLongerThanTheResetBoundKeepsItsConnection() {
        Pool pool = pool(options("tusk-pool-long-call").minSize(1).maxSize(1).acquireTimeout(Duration.ofMillis(500)));
        int pid = value(pool.<Integer>fetchval("SELECT pg_backend_pid()"));
        assertThat(value(pool.<Integer>fetchval("SELECT 1 FROM pg_sleep(1.0)"))).isEqualTo(1);

        assertThat(value(pool.<Integer>fetchval("SELECT pg_backend_pid()"))).isEqualTo(pid);
        assertThat(pool.metrics().getClosedCount()).isZero();
    }

    @Test
    void aPoolCallRetriedBehindItsResetIsResetAgain() {
        Pool pool = pool(options("tusk-pool-retried").minSize(1).maxSize(1));
        value(pool.execute("DROP TABLE IF EXISTS pool_retried"));
        value(pool.execute("CREATE TABLE pool_retried (id int)"));
        String dirtying = "SELECT set_config('application_name', $1, false), * FROM pool_retried";
        try (Connection other = Db.connect()) {
            for (int round = 0; round < 10; round++) {
                value(pool.fetch(dirtying, "cached")); // caches the statement on the pool's one connection
                value(other.execute(round % 2 == 0 ? "ALTER TABLE pool_retried ADD COLUMN name text"
                        : "ALTER TABLE pool_retried DROP COLUMN name"));
                // The cached statement's result type changed: the server refuses it and the driver
                // runs the call again at the end of the connection's queue, behind the reset that
                // the release queued after it whenever that reset was sent before the refusal came.
                assertThat(value(pool.fetch(dirtying, "retried"))).isEmpty();

                assertThat(value(pool.<String>fetchval("SELECT current_setting('application_name')")))
                        .as("round %d", round).isEqualTo("tusk-pool-retried");
            }
        }
        value(pool.execute("DROP TABLE pool_retried"));
    }

    @Test
    void aPoolCallsAnswerIsNotHeldByAResetThatNeverEnds() {
        Pool pool = value(Tusk.createPool(options("tusk-pool-stuck-reset").minSize(1).maxSize(1)
                .acquireTimeout(Duration.ofMinutes(10)).reset(conn -> new CompletableFuture<Void>()).build()));
        try {
            assertThat(value(pool.<Integer>fetchval("SELECT 42"), Duration.ofSeconds(20))).isEqualTo(42);
            assertThat(pool.getIdleSize()).isZero(); // still in its reset
        } finally {
            pool.terminate();
        }
    }

    @Test
    void aPoolCallsConnectionComesBackAfterItsResultAndAfterItsError() {
        Pool pool = pool(options("tusk-pool-oneshot-back").minSize(2).maxSize(2));
        for (int i = 0; i < 20; i++) {
            assertThat(value(pool.<Integer>fetchval("SELECT $1::int4", i))).isEqualTo(i);
            assertThat(failure(pool.fetch("SELECT * FROM pool_no_such_table"))).isInstanceOf(UndefinedTableException.class);
        }
        // Usually back by the time the answer completes, but the answer does not wait for a slow reset.
        until("both connections are back", () -> pool.getIdleSize() == 2);
        assertThat(pool.metrics().getClosedCount()).isZero();
        assertThat(pool.metrics().getInUseSize()).isZero();
    }

    @Test
    void aConnectionWhoseResetFailsIsReplacedNotLent() {
        AtomicInteger resets = new AtomicInteger();
        Pool pool = pool(options("tusk-pool-badreset").minSize(1).maxSize(1)
                .reset(conn -> resets.incrementAndGet() == 1 ? conn.execute("SELECT * FROM no_such_table") : conn.reset()));
        PooledConnection first = value(pool.acquire());
        int pid = first.getServerPid();
        value(first.closeAsync());

        try (PooledConnection second = value(pool.acquire())) {
            assertThat(second.getServerPid()).isNotEqualTo(pid);
        }
        assertThat(pool.metrics().getClosedCount()).isEqualTo(1);
    }

    @Test
    void aCallAfterReleaseRaisesInterfaceException() {
        Pool pool = pool(options("tusk-pool-released").minSize(1).maxSize(1));
        PooledConnection conn = value(pool.acquire());
        value(conn.closeAsync());

        assertThat(conn.isReleased()).isTrue();
        assertThat(conn.isClosed()).isTrue();
        assertThatThrownBy(() -> conn.fetchval("SELECT 1")).isInstanceOf(InterfaceException.class)
                .hasMessage("cannot call Connection.fetchval(): the connection has been released back to the pool");
        assertThatThrownBy(conn::getServerPid).isInstanceOf(InterfaceException.class);
        conn.close(); // releasing twice does nothing
        assertThat(pool.getIdleSize()).isEqualTo(1);
    }

    @Test
    void maxQueriesReplacesAConnectionAtItsRelease() {
        Pool pool = pool(options("tusk-pool-maxqueries").minSize(1).maxSize(1).maxQueries(3));
        int firstPid;
        try (PooledConnection conn = value(pool.acquire())) {
            firstPid = conn.getServerPid();
            value(conn.fetchval("SELECT 1"));
            value(conn.fetchval("SELECT 2"));
        }
        try (PooledConnection conn = value(pool.acquire())) {
            assertThat(conn.getServerPid()).isEqualTo(firstPid);
            value(conn.fetchval("SELECT 3"));
        }
        try (PooledConnection conn = value(pool.acquire())) {
            assertThat(conn.getServerPid()).isNotEqualTo(firstPid);
        }
    }

    @Test
    void maxInactiveConnectionLifetimeClosesIdleConnectionsAndTheNextAcquireOpensANewOne() {
        Pool pool = pool(options("tusk-pool-inactive").minSize(1).maxSize(1)
                .maxInactiveConnectionLifetime(Duration.ofMillis(200)));
        int firstPid;
        try (PooledConnection conn = value(pool.acquire())) {
            firstPid = conn.getServerPid();
        }
        until("the idle connection is closed", () -> pool.getSize() == 0);
        try (PooledConnection conn = value(pool.acquire())) {
            assertThat(conn.getServerPid()).isNotEqualTo(firstPid);
        }
    }

    @Test
    void expireConnectionsReplacesIdleConnectionsNowAndLentOnesAtRelease() {
        Pool pool = pool(options("tusk-pool-expire").minSize(2).maxSize(2));
        PooledConnection lent = value(pool.acquire());
        int lentPid = lent.getServerPid();
        int idlePid = value(pool.<Integer>fetchval("SELECT pg_backend_pid()"));

        pool.expireConnections();
        value(lent.closeAsync());

        List<Integer> pids = new ArrayList<>();
        try (PooledConnection a = value(pool.acquire()); PooledConnection b = value(pool.acquire())) {
            pids.add(a.getServerPid());
            pids.add(b.getServerPid());
        }
        assertThat(pids).doesNotContain(lentPid, idlePid);
    }

    @Test
    void terminatedBackendsAreDroppedAndReplaced() {
        String app = "tusk-pool-terminated";
        Pool pool = pool(options(app).minSize(4).maxSize(4));
        try (Connection admin = Db.connect()) {
            List<Record> terminated = value(admin.fetch(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", app));
            assertThat(terminated).hasSize(4).allSatisfy(row -> assertThat(row.getBoolean(0)).isTrue());
        }
        until("the pool notices the four lost connections", () -> pool.metrics().getClosedCount() == 4);

        List<CompletableFuture<Integer>> queries = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            queries.add(pool.fetchval("SELECT $1::int", i));
        }
        for (int i = 0; i < 20; i++) {
            assertThat(value(queries.get(i))).isEqualTo(i);
        }
        assertThat(pool.getSize()).isEqualTo(4);
    }

    @Test
    void closeWaitsForAcquiredConnectionsToComeBack() {
        Pool pool = pool(options("tusk-pool-close").minSize(2).maxSize(2));
        PooledConnection held = value(pool.acquire());

        CompletableFuture<Void> closed = pool.closeAsync();

        assertThat(pool.isClosing()).isTrue();
        assertThat(closed).isNotDone();
        assertThat(failure(pool.acquire())).isInstanceOf(InterfaceException.class).hasMessage("the pool is closing");
        assertThat(value(held.<Integer>fetchval("SELECT 7"))).isEqualTo(7);
        held.close();
        value(closed);
        assertThat(pool.getSize()).isZero();
    }

    @Test
    void setupRunsOnEachAcquireAndInitOncePerConnection() {
        AtomicInteger inits = new AtomicInteger();
        AtomicInteger setups = new AtomicInteger();
        Pool pool = pool(options("tusk-pool-setup").minSize(1).maxSize(1)
                .init(conn -> {
                    inits.incrementAndGet();
                    return conn.execute("SET application_name = 'tusk-pool-initialized'");
                })
                .setup(conn -> {
                    setups.incrementAndGet();
                    return conn.execute("SET work_mem = '8MB'");
                }));
        for (int i = 0; i < 3; i++) {
            assertThat(value(pool.<String>fetchval("SHOW work_mem"))).isEqualTo("8MB");
        }
        assertThat(inits.get()).isEqualTo(1);
        assertThat(setups.get()).isEqualTo(3);
    }

    @Test
    void aConnectionHeldPastTheLeakThresholdIsReportedWithTheStackThatAcquiredIt() {
        CompletableFuture<Throwable> reported = new CompletableFuture<>();
        Pool pool = pool(options("tusk-pool-leak").minSize(1).maxSize(1)
                .leakDetectionThreshold(Duration.ofMillis(100))
                .listener(new PoolListener() {
                    @Override
                    public void leakSuspected(Connection connection, Duration held, Throwable acquiredAt) {
                        reported.complete(acquiredAt);
                    }
                }));
        try (PooledConnection held = value(pool.acquire())) {
            Throwable acquiredAt = value(reported);
            assertThat(acquiredAt.getStackTrace()).anySatisfy(frame -> assertThat(frame.getMethodName())
                    .isEqualTo("aConnectionHeldPastTheLeakThresholdIsReportedWithTheStackThatAcquiredIt"));
            assertThat(pool.metrics().getLeakCount()).isEqualTo(1);
        }
    }

    @Test
    void poolQueriesAndTransactionsAcquireAndReleaseForEachCall() {
        Pool pool = pool(options("tusk-pool-queries").minSize(1).maxSize(2));
        value(pool.execute("CREATE TABLE IF NOT EXISTS pool_items (id int PRIMARY KEY)"));
        value(pool.execute("TRUNCATE pool_items"));
        value(pool.executemany("INSERT INTO pool_items VALUES ($1)", List.of(List.of(1), List.of(2))));
        Throwable rolledBack = failure(pool.withTransaction(conn -> conn.execute("INSERT INTO pool_items VALUES ($1)", 3)
                .thenCompose(status -> conn.execute("INSERT INTO pool_items VALUES ($1)", 1))));
        assertThat(rolledBack).hasMessageContaining("duplicate key");
        assertThat(value(pool.<Long>fetchval("SELECT count(*) FROM pool_items"))).isEqualTo(2L);
        assertThat(value(pool.fetch("SELECT id FROM pool_items ORDER BY id"))).hasSize(2);
        assertThat(value(pool.fetchrow("SELECT id FROM pool_items WHERE id = $1", 2)).getInt(0)).isEqualTo(2);
        value(pool.execute("DROP TABLE pool_items"));
        until("every connection is back", () -> pool.getIdleSize() == pool.getSize());
        assertThat(pool.metrics().getInUseSize()).isZero();
    }

    @Test
    void metricsCountAcquiresAndUsage() {
        AtomicLong acquired = new AtomicLong();
        Pool pool = pool(options("tusk-pool-metrics").minSize(1).maxSize(1).listener(new PoolListener() {
            @Override
            public void acquired(Duration waited) {
                acquired.incrementAndGet();
            }
        }));
        for (int i = 0; i < 5; i++) {
            value(pool.fetchval("SELECT 1"));
        }
        assertThat(pool.metrics().getAcquireCount()).isEqualTo(5);
        assertThat(acquired.get()).isEqualTo(5);
        assertThat(pool.metrics().getUsageTime()).isPositive();
        assertThat(pool.metrics().toString()).contains("acquires=5");
    }
}
