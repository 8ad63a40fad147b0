package dev.tusk.reliability;

import static dev.tusk.reliability.Outcomes.value;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.Pool;
import dev.tusk.PoolOptions;
import dev.tusk.Record;
import dev.tusk.Tusk;
import dev.tusk.exceptions.ConnectionException;
import dev.tusk.exceptions.OperatorInterventionException;
import dev.tusk.exceptions.PoolTimeoutException;
import dev.tusk.testkit.TempCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The server is restarted and then killed with SIGKILL under a pooled INSERT load: every call
 * ends, and every INSERT acknowledged to its caller is in the table afterwards.
 */
class PoolRestartUnderLoadTest {

    private static final String APP = "tusk-reliability-pool-restart";
    private static final int TASKS = 20;

    private static TempCluster cluster;

    @BeforeAll
    static void startCluster() {
        // An acknowledged commit must survive a crash of the server process: its WAL is written
        // before the acknowledgement (fsync stays off: the operating system keeps what was written).
        cluster = TempCluster.builder().setting("synchronous_commit", "on").start();
    }

    @AfterAll
    static void stopCluster() {
        cluster.close();
    }

    private static ConnectOptions.Builder direct() {
        return ConnectOptions.builder().useEnvironment(false).dsn(cluster.dsn()).applicationName(APP)
                .connectTimeout(Outcomes.BOUND);
    }

    /** Tasks that insert unique ids through the pool, one after another, and record each outcome. */
    private static final class InsertLoad {
        final AtomicLong nextId = new AtomicLong();
        final Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        final Set<Long> failed = ConcurrentHashMap.newKeySet();
        final Map<String, LongAdder> failuresByClass = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        volatile boolean stopping;

        CompletableFuture<Void> task(Pool pool) {
            long id = nextId.incrementAndGet();
            return pool.execute("INSERT INTO acknowledged VALUES ($1)", id)
                    .orTimeout(Outcomes.BOUND.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((status, failure) -> {
                        record(id, failure);
                        return null;
                    })
                    .thenComposeAsync(ignored -> stopping ? CompletableFuture.completedFuture(null) : task(pool));
        }

        private void record(long id, Throwable failure) {
            if (failure == null) {
                acknowledged.add(id);
                return;
            }
            failed.add(id);
            Throwable cause = Outcomes.unwrap(failure);
            failuresByClass.computeIfAbsent(cause.getClass().getSimpleName(), name -> new LongAdder()).increment();
            // Expected while the server is away: the pool's deadline, a broken connection, a shutdown
            // or "the database system is starting up" (class 57). Anything else, a hang included, is a bug.
            if (!(cause instanceof PoolTimeoutException || cause instanceof ConnectionException
                    || cause instanceof OperatorInterventionException)) {
                unexpected.add(cause);
            }
        }

        void awaitMoreAcknowledgements(int count) {
            int target = acknowledged.size() + count;
            Outcomes.eventually(count + " more INSERTs acknowledged", () -> acknowledged.size() >= target);
        }
    }

    private static final String SLEEP = "SELECT pg_catalog.pg_sleep(60)";

    /**
     * A pooled call that is certainly in flight when the server goes away: it runs until the
     * server shows it active (whether the INSERT tasks happen to have a call in flight at that
     * instant depends on scheduling).
     */
    private static CompletableFuture<String> runningSleep(Pool pool) {
        CompletableFuture<String> sleep = pool.execute(SLEEP);
        ServerSessions.awaitRunning(direct(), SLEEP);
        return sleep;
    }

    /** The call ends, within the bound, with the loss of its connection or the server's shutdown notice. */
    private static void assertEndedByTheServerGoingAway(CompletableFuture<String> call) {
        Outcomes.assertServerWentAway(Outcomes.failure(call));
    }

    @Test
    void restartAndKillUnderAPooledInsertLoadEndEveryCallAndLoseNoAcknowledgedInsert() {
        try (Connection setup = value(Tusk.connect(direct().build()))) {
            value(setup.execute("CREATE TABLE acknowledged (id bigint PRIMARY KEY)"));
        }
        Pool pool = value(Tusk.createPool(PoolOptions.builder().connectOptions(direct().build())
                .minSize(2).maxSize(10).acquireTimeout(Duration.ofMillis(500)).build()));
        InsertLoad load = new InsertLoad();
        List<CompletableFuture<Void>> tasks = new ArrayList<>();
        for (int i = 0; i < TASKS; i++) {
            tasks.add(load.task(pool));
        }
        load.awaitMoreAcknowledgements(200);

        CompletableFuture<String> inFlightAtRestart = runningSleep(pool);
        cluster.restart();
        assertEndedByTheServerGoingAway(inFlightAtRestart);
        load.awaitMoreAcknowledgements(200);

        CompletableFuture<String> inFlightAtKill = runningSleep(pool);
        cluster.killServer();
        cluster.start();
        assertEndedByTheServerGoingAway(inFlightAtKill);
        load.awaitMoreAcknowledgements(200);

        load.stopping = true;
        tasks.forEach(Outcomes::value);
        value(pool.closeAsync());

        assertThat(load.unexpected).as("failures other than connection loss or pool timeouts").isEmpty();
        assertThat(load.acknowledged.size() + load.failed.size()).isEqualTo(load.nextId.get());
        Set<Long> stored = new HashSet<>();
        try (Connection check = value(Tusk.connect(direct().build()))) {
            for (Record row : value(check.fetch("SELECT id FROM acknowledged"))) {
                stored.add(row.get(0, Long.class));
            }
        }
        assertThat(stored).as("every acknowledged INSERT is stored").containsAll(load.acknowledged);
        Set<Long> attempted = new HashSet<>(load.acknowledged);
        attempted.addAll(load.failed);
        assertThat(attempted).containsAll(stored);
        ServerSessions.assertNoneLeft(direct(), APP);
    }
}
