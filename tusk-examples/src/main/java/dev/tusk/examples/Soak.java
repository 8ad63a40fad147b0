package dev.tusk.examples;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.Tusk;
import dev.tusk.testkit.FaultProxy;
import dev.tusk.testkit.TempCluster;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A soak test, run apart from the test suite: worker threads run a mixed workload (pipelined
 * queries, transactions, statement timeouts) against an embedded PostgreSQL, half of them
 * through a {@link FaultProxy} that cuts or resets their connections every few seconds; each
 * worker reconnects when its connection is lost. Prints operations, errors by class, heap after GC
 * at start and end, and the sessions left open on the server.
 *
 * <pre>
 * mvn -B -q -DskipTests install
 * mvn -B -q -f tusk-examples exec:java -Dexec.mainClass=dev.tusk.examples.Soak -Dexec.args="180 8"
 * </pre>
 * Arguments: duration in seconds (default 120), number of workers (default 8).
 */
public final class Soak {

    private static final String APP = "tusk-soak";

    private final ConnectOptions direct;
    private final ConnectOptions proxied;
    private final long deadline;
    private final LongAdder operations = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    private Soak(ConnectOptions direct, ConnectOptions proxied, long deadline) {
        this.direct = direct;
        this.proxied = proxied;
        this.deadline = deadline;
    }

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 120);
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        try (TempCluster cluster = TempCluster.builder().setting("max_connections", "100").start();
                FaultProxy proxy = FaultProxy.inFrontOf(cluster)) {
            ConnectOptions direct = ConnectOptions.builder().useEnvironment(false).dsn(cluster.dsn())
                    .applicationName(APP).build();
            ConnectOptions proxied = direct.toBuilder().host(proxy.host()).port(proxy.port()).build();
            try (Connection setup = Tusk.connect(direct).join()) {
                setup.execute("CREATE TABLE soak (id bigint PRIMARY KEY, payload text)").join();
            }
            long heapAtStart = heapAfterGc();
            Soak soak = new Soak(direct, proxied, System.nanoTime() + duration.toNanos());
            soak.run(workers, proxy, heapAtStart);
            long heapAtEnd = heapAfterGc();
            long sessionsLeft = sessionsLeft(direct);
            soak.report(duration, workers, heapAtStart, heapAtEnd, sessionsLeft);
        }
    }

    private void run(int workers, FaultProxy proxy, long heapAtStart) throws InterruptedException {
        Thread[] threads = new Thread[workers];
        for (int i = 0; i < workers; i++) {
            ConnectOptions options = i % 2 == 0 ? direct : proxied;
            threads[i] = new Thread(() -> work(options), "soak-worker-" + i);
            threads[i].start();
        }
        long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int fault = 0; System.nanoTime() < deadline; fault++) {
            TimeUnit.SECONDS.sleep(5); // the pace of the faults: one every five seconds
            if (fault % 2 == 0) {
                proxy.cut();
            } else {
                proxy.reset();
            }
            if (System.nanoTime() > nextReport) {
                nextReport += TimeUnit.SECONDS.toNanos(30);
                System.out.printf("... %d operations, %d errors, heap after GC %d KiB (start %d KiB)%n",
                        operations.sum(), errorCount(), heapAfterGc() >> 10, heapAtStart >> 10);
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private void work(ConnectOptions options) {
        Connection conn = null;
        for (long step = 0; System.nanoTime() < deadline; step++) {
            try {
                if (conn == null || conn.isClosed()) {
                    conn = Tusk.connect(options).join();
                }
                runOne(conn, step);
                operations.increment();
            } catch (CompletionException | dev.tusk.exceptions.TuskException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                errors.computeIfAbsent(cause.getClass().getSimpleName(), name -> new LongAdder()).increment();
            }
        }
        if (conn != null) {
            conn.close();
        }
    }

    private void runOne(Connection conn, long step) {
        switch ((int) (step % 4)) {
            case 0: {
                CompletableFuture<?>[] calls = new CompletableFuture<?>[8];
                for (int i = 0; i < calls.length; i++) {
                    calls[i] = conn.fetch("SELECT g, md5(g::text) FROM generate_series(1, $1) g", 50 + i);
                }
                CompletableFuture.allOf(calls).join();
                break;
            }
            case 1:
                conn.execute("BEGIN").join();
                conn.execute("INSERT INTO soak VALUES ($1, $2)", ids.incrementAndGet(), "payload " + step).join();
                conn.execute("COMMIT").join();
                break;
            case 2:
                conn.execute("BEGIN").join();
                conn.execute("SET LOCAL statement_timeout = '10ms'").join();
                try {
                    conn.execute("SELECT pg_sleep(1)").join(); // always canceled by the server: counted as an error
                } finally {
                    if (!conn.isClosed()) {
                        conn.execute("ROLLBACK").join();
                    }
                }
                break;
            default:
                conn.<Long>fetchval("SELECT count(*) FROM soak WHERE id > $1", step).join();
        }
    }

    private long errorCount() {
        long total = 0;
        for (LongAdder count : errors.values()) {
            total += count.sum();
        }
        return total;
    }

    private void report(Duration duration, int workers, long heapAtStart, long heapAtEnd, long sessionsLeft) {
        System.out.printf("Soak: %d s, %d workers (half through a proxy cutting or resetting every 5 s)%n",
                duration.toSeconds(), workers);
        System.out.printf("operations: %d (%.0f/s)%n", operations.sum(), operations.sum() / (double) duration.toSeconds());
        System.out.println("errors by class:");
        new TreeMap<>(errors).forEach((name, count) -> System.out.printf("  %-45s %d%n", name, count.sum()));
        System.out.printf("heap after GC: start %d KiB, end %d KiB%n", heapAtStart >> 10, heapAtEnd >> 10);
        System.out.printf("sessions left on the server: %d%n", sessionsLeft);
    }

    private static long sessionsLeft(ConnectOptions direct) {
        try (Connection observer = Tusk.connect(direct.toBuilder().applicationName("tusk-soak-observer").build()).join()) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            long count;
            do {
                count = observer.<Long>fetchval("SELECT count(*) FROM pg_stat_activity WHERE application_name = $1", APP)
                        .join();
            } while (count > 0 && System.nanoTime() < deadline);
            return count;
        }
    }

    private static long heapAfterGc() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
