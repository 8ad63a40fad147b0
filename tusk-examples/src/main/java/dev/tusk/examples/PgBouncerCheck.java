package dev.tusk.examples;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.Pool;
import dev.tusk.PoolOptions;
import dev.tusk.Tusk;
import dev.tusk.testkit.TempCluster;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Checks that Tusk works behind PgBouncer in transaction mode with its default options. Starts an
 * embedded PostgreSQL from the test kit and a PgBouncer in front of it (transaction mode, three
 * server sessions), then, through PgBouncer:
 * <ul>
 *   <li>that a connection's {@code getServerPid()} (the pooler's cancel key) differs from
 *       {@code SELECT pg_backend_pid()}, which is how Tusk notices the pooler;
 *   <li>six connections running two different parameterized statements, 50 rounds, every result
 *       checked;
 *   <li>a pool of 8 used by 8 threads: an enum type created directly on the server, enum
 *       parameters, {@code executemany}, transactions with {@code inTransaction} and plain queries,
 *       every result checked and the rows counted directly on the server afterwards.
 * </ul>
 * Prints the calls, the errors by class and message and the rows expected and found; exits with 0
 * when all is right, 1 when anything is wrong, 2 when {@code pgbouncer} is not installed.
 *
 * <pre>
 * mvn -B -q -DskipTests install &amp;&amp; mvn -B -q -f tusk-examples exec:java -Dexec.mainClass=dev.tusk.examples.PgBouncerCheck
 * </pre>
 */
public final class PgBouncerCheck {

    private static final int SERVER_SESSIONS = 3;
    private static final int CONNECTIONS = 6;
    private static final int ROUNDS = 50;
    private static final int POOL_SIZE = 8;
    private static final int WORKERS = 8;
    private static final int STEPS = 60;
    private static final long CALL_BOUND_SECONDS = 30;
    private static final int ERROR_MESSAGES_SHOWN = 10;
    private static final String INSERT = "INSERT INTO pgbouncer_check VALUES ($1, $2, $3)";

    private final ConnectOptions direct;
    private final ConnectOptions throughPooler;
    private final List<String> failures = new ArrayList<>();

    private PgBouncerCheck(ConnectOptions direct, ConnectOptions throughPooler) {
        this.direct = direct;
        this.throughPooler = throughPooler;
    }

    public static void main(String[] args) {
        Optional<Path> pgbouncer = PgBouncerProcess.findExecutable();
        if (pgbouncer.isEmpty()) {
            System.err.println("pgbouncer is not on the PATH nor in /usr/sbin: install it (apt-get install pgbouncer, "
                    + "or brew install pgbouncer) and run this again");
            System.exit(2);
        }
        int status;
        try {
            status = run(pgbouncer.get());
        } catch (Exception e) {
            System.out.println("FAILED before the checks could finish: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    private static int run(Path pgbouncer) throws Exception {
        System.out.println("Starting an embedded PostgreSQL from the test kit and " + PgBouncerProcess.version(pgbouncer)
                + " (" + pgbouncer + ") in front of it...");
        try (TempCluster cluster = TempCluster.builder().start();
                PgBouncerProcess bouncer = PgBouncerProcess.start(pgbouncer, cluster, SERVER_SESSIONS)) {
            ConnectOptions direct = ConnectOptions.builder().useEnvironment(false).dsn(cluster.dsn()).build();
            ConnectOptions throughPooler = direct.toBuilder().host(PgBouncerProcess.HOST).port(bouncer.port()).build();
            System.out.println("PostgreSQL on port " + cluster.port() + ", PgBouncer on port " + bouncer.port()
                    + " (transaction mode, " + SERVER_SESSIONS + " server sessions)");
            boolean passed = new PgBouncerCheck(direct, throughPooler).runAll();
            if (!passed) {
                System.out.println("PgBouncer's warnings and errors:\n" + bouncer.warningsAndErrors());
            }
            return passed ? 0 : 1;
        }
    }

    private boolean runAll() throws InterruptedException {
        checkThePoolerHandsOutItsOwnProcessId();
        Tally statements = runTwoStatementsOnSixConnections();
        Tally mixed = runMixedWorkOnAPool();
        System.out.println("Summary:");
        report(statements);
        report(mixed);
        checkRowsOnTheServer();
        if (failures.isEmpty()) {
            System.out.println("PASSED");
            return true;
        }
        System.out.println("FAILED:");
        failures.forEach(failure -> System.out.println("  " + failure));
        return false;
    }

    private void checkThePoolerHandsOutItsOwnProcessId() {
        try (Connection conn = Tusk.connect(throughPooler).join()) {
            int keyPid = conn.getServerPid();
            int backendPid = conn.<Integer>fetchval("SELECT pg_backend_pid()").join();
            System.out.println("Through PgBouncer: getServerPid() " + keyPid + ", SELECT pg_backend_pid() " + backendPid);
            if (keyPid == backendPid) {
                failures.add("getServerPid() equals pg_backend_pid() through the pooler: Tusk cannot tell it is there");
            }
        }
    }

    private Tally runTwoStatementsOnSixConnections() {
        Tally tally = new Tally(CONNECTIONS + " connections, two statements, " + ROUNDS + " rounds", CONNECTIONS * ROUNDS);
        List<Connection> connections = new ArrayList<>();
        try {
            for (int i = 0; i < CONNECTIONS; i++) {
                connections.add(Tusk.connect(throughPooler).join());
            }
            for (int round = 0; round < ROUNDS; round++) {
                runOneRound(connections, round, tally);
            }
        } finally {
            connections.forEach(Connection::close);
        }
        return tally;
    }

    /** Sends one call on every connection before waiting for any, so that they share PgBouncer's server sessions. */
    private static void runOneRound(List<Connection> connections, int round, Tally tally) {
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (int i = 0; i < connections.size(); i++) {
            Connection conn = connections.get(i);
            calls.add(i % 2 == 0 ? addOne(conn, round) : lengthOf(conn, "x" + round));
        }
        calls.forEach(call -> tally.await(() -> call));
    }

    private static CompletableFuture<?> addOne(Connection conn, int n) {
        return conn.fetchval("SELECT $1::int + 1", n).thenAccept(sum -> expect(n + 1, sum, "SELECT " + n + " + 1"));
    }

    private static CompletableFuture<?> lengthOf(Connection conn, String text) {
        return conn.fetchval("SELECT length($1::text)", text)
                .thenAccept(length -> expect(text.length(), length, "SELECT length('" + text + "')"));
    }

    private Tally runMixedWorkOnAPool() throws InterruptedException {
        createEnumAndTableOnTheServer();
        Tally tally = new Tally("pool of " + POOL_SIZE + ", " + WORKERS + " threads, " + STEPS + " steps each",
                WORKERS * STEPS);
        Pool pool = Tusk.createPool(PoolOptions.builder().connectOptions(throughPooler).minSize(2).maxSize(POOL_SIZE)
                .build()).join();
        try {
            List<Thread> threads = new ArrayList<>();
            for (int worker = 0; worker < WORKERS; worker++) {
                int who = worker;
                Thread thread = new Thread(() -> {
                    for (int step = 0; step < STEPS; step++) {
                        int at = step;
                        tally.await(() -> mixedStep(pool, who, at));
                    }
                }, "pgbouncer-check-" + worker);
                thread.start();
                threads.add(thread);
            }
            for (Thread thread : threads) {
                thread.join();
            }
        } finally {
            pool.close();
        }
        return tally;
    }

    private void createEnumAndTableOnTheServer() {
        try (Connection conn = Tusk.connect(direct).join()) {
            conn.execute("CREATE TYPE pgbouncer_check_mood AS ENUM ('sad', 'happy');"
                    + "CREATE TABLE pgbouncer_check (id int, mood pgbouncer_check_mood, worker int)").join();
        }
    }

    private static CompletableFuture<?> mixedStep(Pool pool, int worker, int step) {
        switch (step % 4) {
            case 0: {
                String mood = step % 8 == 0 ? "sad" : "happy";
                return pool.fetchval("SELECT $1::pgbouncer_check_mood", mood)
                        .thenAccept(echoed -> expect(mood, echoed, "SELECT '" + mood + "'::pgbouncer_check_mood"));
            }
            case 1:
                return pool.executemany(INSERT, List.of(List.of(step, "sad", worker), List.of(step + 1000, "happy", worker)));
            case 2:
                return insertAndCountInATransaction(pool, worker, step);
            default:
                return pool.fetchval("SELECT length($1::text) + $2::int", "abc", worker)
                        .thenAccept(sum -> expect(3 + worker, sum, "SELECT length('abc') + " + worker));
        }
    }

    private static CompletableFuture<?> insertAndCountInATransaction(Pool pool, int worker, int step) {
        return pool.acquire().thenCompose(conn -> conn
                .inTransaction(tx -> tx.execute(INSERT, -1, "happy", worker)
                        .thenCompose(inserted -> tx.<Long>fetchval("SELECT count(*) FROM pgbouncer_check WHERE worker = $1",
                                worker)))
                .thenAccept(count -> expect(rowsWrittenByOneWorker(step + 1), count, "rows of worker " + worker
                        + " at step " + step))
                .whenComplete((ignored, failure) -> conn.close()));
    }

    /** Steps 4k+1 insert two rows with executemany and steps 4k+2 one in a transaction. */
    private static long rowsWrittenByOneWorker(int steps) {
        return 2L * ((steps + 2) / 4) + (steps + 1) / 4;
    }

    private void checkRowsOnTheServer() {
        long expected = WORKERS * rowsWrittenByOneWorker(STEPS);
        try (Connection conn = Tusk.connect(direct).join()) {
            long found = conn.<Long>fetchval("SELECT count(*) FROM pgbouncer_check").join();
            System.out.println("  rows written by the pool: " + expected + " expected, " + found
                    + " found (counted directly on the server)");
            if (found != expected) {
                failures.add("pgbouncer_check holds " + found + " rows, expected " + expected);
            }
        }
    }

    private static void expect(Object expected, Object actual, String what) {
        if (!String.valueOf(expected).equals(String.valueOf(actual))) {
            throw new WrongResult(what + " returned " + actual + ", expected " + expected);
        }
    }

    private void report(Tally tally) {
        System.out.printf("  %s: %d calls of %d, %d errors%n", tally.name, tally.calls.sum(), tally.expectedCalls,
                tally.errorCount());
        printMostFrequentErrors(tally);
        if (tally.calls.sum() != tally.expectedCalls) {
            failures.add(tally.name + ": " + tally.calls.sum() + " calls made, expected " + tally.expectedCalls);
        }
        if (tally.errorCount() > 0) {
            failures.add(tally.name + ": " + tally.errorCount() + " calls failed or returned a wrong result");
        }
    }

    private static void printMostFrequentErrors(Tally tally) {
        List<Map.Entry<String, LongAdder>> byCount = new ArrayList<>(tally.errors.entrySet());
        byCount.sort(Comparator.comparingLong((Map.Entry<String, LongAdder> entry) -> entry.getValue().sum()).reversed());
        byCount.stream().limit(ERROR_MESSAGES_SHOWN)
                .forEach(entry -> System.out.printf("    %4d  %s%n", entry.getValue().sum(), entry.getKey()));
        if (byCount.size() > ERROR_MESSAGES_SHOWN) {
            long rest = byCount.stream().skip(ERROR_MESSAGES_SHOWN).mapToLong(entry -> entry.getValue().sum()).sum();
            System.out.printf("    %4d  with %d other messages%n", rest, byCount.size() - ERROR_MESSAGES_SHOWN);
        }
    }

    /** A call that completed with a value other than the one it must return. */
    private static final class WrongResult extends RuntimeException {
        WrongResult(String message) {
            super(message, null, false, false);
        }
    }

    /** The calls one workload made, and how the failed ones failed, by class and message. */
    private static final class Tally {
        final String name;
        final int expectedCalls;
        final LongAdder calls = new LongAdder();
        final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

        Tally(String name, int expectedCalls) {
            this.name = name;
            this.expectedCalls = expectedCalls;
        }

        /** Makes the call and waits for its outcome, at most {@value #CALL_BOUND_SECONDS} s. */
        void await(Supplier<CompletableFuture<?>> call) {
            calls.increment();
            try {
                call.get().orTimeout(CALL_BOUND_SECONDS, TimeUnit.SECONDS).join();
            } catch (CompletionException | CancellationException e) {
                record(e.getCause() != null ? e.getCause() : e);
            } catch (RuntimeException e) {
                record(e);
            }
        }

        private void record(Throwable error) {
            String description = error instanceof TimeoutException
                    ? "no outcome within " + CALL_BOUND_SECONDS + " s"
                    : error.getClass().getSimpleName() + ": " + error.getMessage();
            errors.computeIfAbsent(description, d -> new LongAdder()).increment();
        }

        long errorCount() {
            return errors.values().stream().mapToLong(LongAdder::sum).sum();
        }
    }
}
