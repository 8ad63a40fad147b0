package dev.tusk.examples;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.CopyOptions;
import dev.tusk.Pool;
import dev.tusk.PoolOptions;
import dev.tusk.PooledConnection;
import dev.tusk.Record;
import dev.tusk.SslMode;
import dev.tusk.Tusk;
import dev.tusk.testkit.FaultProxy;
import dev.tusk.testkit.TempCluster;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Flow;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.IntStream;

/**
 * A soak test, run apart from the test suite: worker threads run a mixed workload (pipelined
 * queries, transactions, COPY in and out, NOTIFY, streams read to the end or cancelled by their
 * subscriber, cancelled and timed-out calls) through two
 * pools on an embedded PostgreSQL, one direct and one through a {@link FaultProxy} that cuts,
 * resets or black-holes its connections every five seconds; a separate connection LISTENs to
 * every NOTIFY. Every call is bounded: one without an outcome after 60 s counts as hung. Prints
 * operations, errors by class, heap after GC at start, every 30 s and at the end, the pools'
 * connections and the sessions left open on the server.
 *
 * <pre>
 * mvn -B -q -DskipTests install
 * mvn -B -q -f tusk-examples exec:java -Dexec.mainClass=dev.tusk.examples.Soak -Dexec.args="180 8"
 * </pre>
 * Arguments: duration in seconds (default 120), number of workers (default 8), and {@code tls}
 * to run every connection over TLS ({@code sslmode=require}; on OpenSSL when netty-tcnative is on
 * the class path, see docs/connecting.md).
 */
public final class Soak {

    private static final String APP = "tusk-soak";
    private static final long BOUND_SECONDS = 60;
    private static final CompletableFuture<Void> DONE = CompletableFuture.completedFuture(null);

    private final long deadline;
    private final LongAdder operations = new LongAdder();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    /** Which pools each error class was seen on ("direct", "proxied"): a fault of the proxy cannot reach the direct one. */
    private final Map<String, Set<String>> poolsByError = new ConcurrentHashMap<>();
    private final Map<String, String> firstMessages = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder notificationsSent = new LongAdder();
    private final LongAdder notificationsReceived = new LongAdder();

    private Soak(long deadline) {
        this.deadline = deadline;
    }

    public static void main(String[] args) throws Exception {
        Duration duration = Duration.ofSeconds(args.length > 0 ? Long.parseLong(args[0]) : 120);
        int workers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        boolean tls = args.length > 2 && args[2].equals("tls");
        try (TempCluster cluster = TempCluster.builder().setting("max_connections", "100").ssl(tls).start();
                FaultProxy proxy = FaultProxy.inFrontOf(cluster)) {
            ConnectOptions direct = ConnectOptions.builder().useEnvironment(false).dsn(cluster.dsn())
                    .sslMode(tls ? SslMode.REQUIRE : SslMode.DISABLE)
                    .applicationName(APP).connectTimeout(Duration.ofSeconds(5)).build();
            System.out.println(tls ? "TLS on every connection (" + (io.netty.handler.ssl.OpenSsl.isAvailable()
                    ? "OpenSSL " + io.netty.handler.ssl.OpenSsl.versionString() : "the JDK's engine") + ")" : "no TLS");
            ConnectOptions proxied = direct.toBuilder().host(proxy.host()).port(proxy.port())
                    .commandTimeout(Duration.ofSeconds(5)).build();
            try (Connection setup = Tusk.connect(direct).join()) {
                setup.execute("CREATE TABLE soak (id bigint PRIMARY KEY, payload text);"
                        + "CREATE TABLE soak_copy (id bigint, payload text)").join();
            }
            Soak soak = new Soak(System.nanoTime() + duration.toNanos());
            Connection listener = Tusk.connect(direct).join();
            listener.addListener("soak", (conn, pid, channel, payload) -> soak.notificationsReceived.increment()).join();
            Pool directPool = Tusk.createPool(poolOptions(direct)).join();
            Pool proxiedPool = Tusk.createPool(poolOptions(proxied)).join();
            long heapAtStart = heapAfterGc();
            List<Long> samples = soak.run(workers, directPool, proxiedPool, proxy, heapAtStart);
            long heapAtEnd = heapAfterGc();
            String pools = "direct " + directPool.getSize() + " (created " + directPool.metrics().getCreatedCount()
                    + "), proxied " + proxiedPool.getSize() + " (created " + proxiedPool.metrics().getCreatedCount() + ")";
            directPool.close();
            proxiedPool.close();
            listener.close();
            soak.report(duration, workers, heapAtStart, heapAtEnd, samples, pools, sessionsLeft(direct));
        }
    }

    private static PoolOptions poolOptions(ConnectOptions connect) {
        return PoolOptions.builder().connectOptions(connect).minSize(2).maxSize(5)
                .acquireTimeout(Duration.ofSeconds(5)).build();
    }

    private List<Long> run(int workers, Pool direct, Pool proxied, FaultProxy proxy, long heapAtStart)
            throws InterruptedException {
        Thread[] threads = new Thread[workers];
        for (int i = 0; i < workers; i++) {
            Pool pool = i % 2 == 0 ? direct : proxied;
            String label = i % 2 == 0 ? "direct" : "proxied";
            threads[i] = new Thread(() -> work(pool, label), "soak-worker-" + i);
            threads[i].start();
        }
        List<Long> samples = new ArrayList<>();
        long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (int fault = 0; System.nanoTime() < deadline; fault++) {
            TimeUnit.SECONDS.sleep(5); // the pace of the faults: one every five seconds
            switch (fault % 3) {
                case 0:
                    proxy.cut();
                    break;
                case 1:
                    proxy.reset();
                    break;
                default:
                    proxy.blackHole();
                    TimeUnit.SECONDS.sleep(1);
                    // heal closes the connections that lost bytes to the black hole (TCP never
                    // resumes a stream with a gap) and those opened during it; cut ends the rest
                    proxy.heal();
                    proxy.cut();
            }
            if (System.nanoTime() > nextReport) {
                nextReport += TimeUnit.SECONDS.toNanos(30);
                long heap = heapAfterGc();
                samples.add(heap >> 10);
                System.out.printf("... %d operations, %d errors, heap after GC %d KiB (start %d KiB), pools %d + %d%n",
                        operations.sum(), errorCount(), heap >> 10, heapAtStart >> 10, direct.getSize(), proxied.getSize());
            }
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return samples;
    }

    private void work(Pool pool, String label) {
        for (long step = 0; System.nanoTime() < deadline; step++) {
            try {
                runOne(pool, step).orTimeout(BOUND_SECONDS, TimeUnit.SECONDS).join();
                operations.increment();
            } catch (CompletionException | CancellationException | dev.tusk.exceptions.TuskException e) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                String name = cause instanceof TimeoutException ? "HUNG (no outcome in " + BOUND_SECONDS + " s)"
                        : cause.getClass().getSimpleName();
                errors.computeIfAbsent(name, n -> new LongAdder()).increment();
                poolsByError.computeIfAbsent(name, n -> ConcurrentHashMap.newKeySet()).add(label);
                firstMessages.putIfAbsent(name, label + " pool, step " + step % 10 + ": " + cause.getMessage());
            }
        }
    }

    private CompletableFuture<?> runOne(Pool pool, long step) {
        switch ((int) (step % 10)) {
            case 8: {
                // all 3000 rows streamed, 100 requested at a time, each in order
                RowCounter counter = new RowCounter(100, Long.MAX_VALUE);
                return pool.streamTo(counter, "SELECT g, md5(g::text) FROM generate_series(1, 3000) g")
                        .thenAccept(status -> counter.check(status, 3000));
            }
            case 9: {
                // a stream its subscriber cancels after 10 rows: the connection must come back usable
                RowCounter counter = new RowCounter(5, 10);
                return pool.streamTo(counter, "SELECT generate_series(1, 100000000)")
                        .handle((status, failure) -> {
                            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                                    ? failure.getCause() : failure;
                            if (cause != null && !(cause instanceof CancellationException)) {
                                throw new CompletionException(cause);
                            }
                            return status;
                        });
            }
            case 0:
                return pool.withConnection(conn -> {
                    CompletableFuture<?>[] calls = new CompletableFuture<?>[8];
                    for (int i = 0; i < calls.length; i++) {
                        calls[i] = conn.fetch("SELECT g, md5(g::text) FROM generate_series(1, $1) g", 50 + i);
                    }
                    return CompletableFuture.allOf(calls);
                });
            case 1:
                return pool.withTransaction(conn -> conn.execute("INSERT INTO soak VALUES ($1, $2)", ids.incrementAndGet(),
                        "payload " + step).thenCompose(inserted -> conn.fetchval("SELECT count(*) FROM soak WHERE id > $1", step)));
            case 2: {
                long batch = ids.incrementAndGet();
                Iterable<Object[]> rows = () -> IntStream.range(0, 200).mapToObj(n -> new Object[] {batch, "row " + n}).iterator();
                return pool.copyRecordsToTable("soak_copy", rows, CopyOptions.builder().columns("id", "payload").build());
            }
            case 3:
                return pool.copyFromQuery("SELECT g, repeat('x', 50) FROM generate_series(1, 2000) g", chunk -> DONE,
                        CopyOptions.defaults());
            case 4:
                return pool.execute("SELECT pg_notify('soak', $1)", "step " + step).thenRun(notificationsSent::increment);
            case 5:
                return pool.withConnection(Soak::cancelAtRandom); // counted as an error: CancellationException
            case 6:
                // always times out: counted as an error, QueryTimeoutException
                return pool.withConnection(conn -> conn.execute(Duration.ofMillis(20), "SELECT pg_sleep(1)"));
            default:
                return pool.fetchval("SELECT count(*) FROM soak WHERE id > $1", step);
        }
    }

    /** Counts streamed rows, checks that they come in order, requests {@code batch} at a time and cancels after {@code cancelAfter}. */
    private static final class RowCounter implements Flow.Subscriber<Record> {
        private final int batch;
        private final long cancelAfter;
        private Flow.Subscription subscription;
        private long rows;
        private int sinceRequest;
        private volatile String disorder;

        RowCounter(int batch, long cancelAfter) {
            this.batch = batch;
            this.cancelAfter = cancelAfter;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            s.request(batch);
        }

        @Override
        public void onNext(Record row) {
            rows++;
            if (row.getLong(0) != rows && disorder == null) {
                disorder = "row " + rows + " was " + row.getLong(0);
            }
            if (rows == cancelAfter) {
                subscription.cancel();
            } else if (++sinceRequest == batch) {
                sinceRequest = 0;
                subscription.request(batch);
            }
        }

        @Override
        public void onError(Throwable error) {
        }

        @Override
        public void onComplete() {
        }

        void check(String status, long expected) {
            if (disorder != null || rows != expected || !("SELECT " + expected).equals(status)) {
                throw new IllegalStateException("stream: " + rows + " rows, status " + status
                        + (disorder != null ? ", " + disorder : ""));
            }
        }
    }

    private static CompletableFuture<?> cancelAtRandom(PooledConnection conn) {
        CompletableFuture<String> sleeping = conn.execute("SELECT pg_sleep(0.5)");
        long delay = ThreadLocalRandom.current().nextLong(1, 20_000);
        CompletableFuture.delayedExecutor(delay, TimeUnit.MICROSECONDS).execute(() -> sleeping.cancel(true));
        return sleeping;
    }

    private long errorCount() {
        long total = 0;
        for (LongAdder count : errors.values()) {
            total += count.sum();
        }
        return total;
    }

    private void report(Duration duration, int workers, long heapAtStart, long heapAtEnd, List<Long> samples,
            String pools, long sessionsLeft) {
        System.out.printf("Soak: %d s, %d workers on two pools of 2..5 (one through a proxy cutting, resetting or "
                + "black-holing every 5 s)%n", duration.toSeconds(), workers);
        System.out.printf("operations: %d (%.0f/s)%n", operations.sum(), operations.sum() / (double) duration.toSeconds());
        System.out.println("errors by class:");
        new TreeMap<>(errors).forEach((name, count) -> System.out.printf("  %-45s %d  on %s; first: %s%n", name,
                count.sum(), new TreeSet<>(poolsByError.get(name)), firstMessages.get(name)));
        System.out.printf("notifications: %d sent and acknowledged, %d received%n", notificationsSent.sum(),
                notificationsReceived.sum());
        System.out.printf("heap after GC: start %d KiB, end %d KiB (30 s samples: %s KiB)%n", heapAtStart >> 10,
                heapAtEnd >> 10, samples);
        System.out.printf("pool connections at the end: %s%n", pools);
        System.out.printf("sessions left on the server after closing the pools: %d%n", sessionsLeft);
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
