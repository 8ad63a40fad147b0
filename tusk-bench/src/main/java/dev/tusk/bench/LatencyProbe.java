package dev.tusk.bench;

import dev.tusk.Connection;
import dev.tusk.Tusk;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.pgclient.SslMode;
import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.concurrent.CompletableFuture;

/**
 * One connection, one call at a time, for a long time: prints the mean microseconds per call of
 * each block of calls, so that a latency that changes as the run goes on (a slow-down after some
 * thousands of calls, a warm-up) shows, for Tusk and for its peers on the same server.
 *
 * <pre>
 * java -cp tusk-bench/target/tusk-bench.jar dev.tusk.bench.LatencyProbe \
 *     [--dsn=postgresql://user@host:port/db] [--drivers=tusk,pgjdbc,vertx] [--calls=200000] \
 *     [--block=10000] [--style=chain|join] [--sql="SELECT 1"]
 * java -cp tusk-bench/target/tusk-bench.jar dev.tusk.bench.LatencyProbe --serve   # prints a DSN, serves until stdin ends
 * </pre>
 *
 * Each line gives the block's wall time per call, the client process's CPU time per call (every
 * thread, JIT and GC included) and the time since the probe started. Without {@code --dsn} it
 * starts a server from the test kit as the benchmark does (its tables are not made: use
 * statements that need none). Tusk's {@code chain} style issues the next call from the completion
 * callback (as the benchmark's load does), {@code join} from the main thread after waiting for the
 * previous one.
 *
 * <p>On a machine whose few cores the client shares with the server, the latency of one call at a
 * time depends on whether the scheduler runs the client's thread and the server's backend on the
 * same core (a wake-up is a context switch) or on two (each wake-up brings an idle core back). To
 * see both cases for any driver, serve with {@code --serve}, pin the postmaster (its backends
 * inherit the affinity) and the probe with {@code taskset}:
 *
 * <pre>
 * taskset -p -c 1 POSTMASTER_PID; taskset -c 0 java -cp ... dev.tusk.bench.LatencyProbe --dsn=... # two cores
 * taskset -p -c 0 POSTMASTER_PID; taskset -c 0 java -cp ... dev.tusk.bench.LatencyProbe --dsn=... # one core
 * </pre>
 */
public final class LatencyProbe {

    private static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private static final long STARTED = System.nanoTime();

    private final String sql;
    private final int calls;
    private final int block;
    private long lastCpu = OS.getProcessCpuTime();

    private LatencyProbe(String sql, int calls, int block) {
        this.sql = sql;
        this.calls = calls;
        this.block = block;
    }

    /** Runs the probe; see the class comment for the arguments. */
    public static void main(String[] args) throws Exception {
        String dsn = null;
        String drivers = "tusk,pgjdbc,vertx";
        String style = "chain";
        String sql = "SELECT 1";
        int calls = 200_000;
        int block = 10_000;
        for (String arg : args) {
            String value = arg.substring(arg.indexOf('=') + 1);
            if (arg.startsWith("--dsn=")) {
                dsn = value;
            } else if (arg.startsWith("--drivers=")) {
                drivers = value;
            } else if (arg.startsWith("--calls=")) {
                calls = Integer.parseInt(value);
            } else if (arg.startsWith("--block=")) {
                block = Integer.parseInt(value);
            } else if (arg.startsWith("--style=")) {
                style = value;
            } else if (arg.startsWith("--sql=")) {
                sql = value;
            } else if (arg.equals("--serve")) {
                serve();
                return;
            } else {
                throw new IllegalArgumentException("unknown argument " + arg);
            }
        }
        LatencyProbe probe = new LatencyProbe(sql, calls, block);
        BenchServer server = dsn == null ? BenchServer.start(Tls.OFF) : null;
        try {
            Target target = server != null ? server.target() : parse(dsn);
            for (String driver : drivers.split(",")) {
                System.out.println("== " + driver + (driver.equals("tusk") ? " (" + style + ")" : "") + ": µs per call, blocks of " + block);
                switch (driver) {
                    case "tusk":
                        probe.tusk(target, style);
                        break;
                    case "pgjdbc":
                        probe.pgjdbc(target);
                        break;
                    case "vertx":
                        probe.vertx(target);
                        break;
                    default:
                        throw new IllegalArgumentException("unknown driver " + driver);
                }
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
        System.exit(0);
    }

    /** Starts the benchmark's server, prints its DSN and keeps it up until standard input ends. */
    private static void serve() throws Exception {
        try (BenchServer server = BenchServer.start(Tls.OFF)) {
            System.out.println(server.target().uri());
            System.out.flush();
            while (System.in.read() >= 0) {
                // until end of input
            }
        }
    }

    private static Target parse(String dsn) {
        URI uri = URI.create(dsn);
        String database = uri.getPath() == null || uri.getPath().length() <= 1 ? "postgres" : uri.getPath().substring(1);
        return new Target(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(), uri.getUserInfo(), database, Tls.OFF);
    }

    private void tusk(Target target, String style) {
        Connection connection = Tusk.connect(target.uri()).join();
        try {
            if (style.equals("join")) {
                long start = System.nanoTime();
                for (int i = 1; i <= calls; i++) {
                    connection.fetchrow(sql).join();
                    start = report(i, start);
                }
            } else {
                CompletableFuture<Void> finished = new CompletableFuture<>();
                new TuskChain(connection, finished).next();
                finished.join();
            }
        } finally {
            connection.close();
        }
    }

    /** Issues each call from the completion of the one before, on the driver's thread. */
    private final class TuskChain {
        private final Connection connection;
        private final CompletableFuture<Void> finished;
        private int done;
        private long start = System.nanoTime();

        TuskChain(Connection connection, CompletableFuture<Void> finished) {
            this.connection = connection;
            this.finished = finished;
        }

        void next() {
            connection.fetchrow(sql).whenComplete((row, error) -> {
                if (error != null) {
                    finished.completeExceptionally(error);
                    return;
                }
                start = report(++done, start);
                if (done < calls) {
                    next();
                } else {
                    finished.complete(null);
                }
            });
        }
    }

    private void pgjdbc(Target target) throws Exception {
        try (java.sql.Connection connection = DriverManager.getConnection(target.jdbcUrl(""), target.user(), "");
                PreparedStatement statement = connection.prepareStatement(sql)) {
            long start = System.nanoTime();
            for (int i = 1; i <= calls; i++) {
                try (ResultSet rows = statement.executeQuery()) {
                    rows.next();
                }
                start = report(i, start);
            }
        }
    }

    private void vertx(Target target) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
        PgConnectOptions options = new PgConnectOptions().setHost(target.host()).setPort(target.port())
                .setUser(target.user()).setDatabase(target.database()).setSslMode(SslMode.DISABLE)
                .setCachePreparedStatements(true);
        PgConnection connection = PgConnection.connect(vertx, options).toCompletionStage().toCompletableFuture().join();
        CompletableFuture<Void> finished = new CompletableFuture<>();
        new VertxChain(connection, finished).next();
        finished.join();
        connection.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }

    /** Vert.x's equivalent of {@link TuskChain}. */
    private final class VertxChain {
        private final PgConnection connection;
        private final CompletableFuture<Void> finished;
        private int done;
        private long start = System.nanoTime();

        VertxChain(PgConnection connection, CompletableFuture<Void> finished) {
            this.connection = connection;
            this.finished = finished;
        }

        void next() {
            connection.preparedQuery(sql).execute().onComplete(rows -> {
                start = report(++done, start);
                if (done < calls) {
                    next();
                } else {
                    finished.complete(null);
                }
            }, finished::completeExceptionally);
        }
    }

    /**
     * After call {@code i}: when a block ends, prints its mean wall time per call and the client
     * process's CPU time per call (every thread: event loops, JIT, GC); returns the block's start.
     */
    private long report(int i, long start) {
        if (i % block != 0) {
            return start;
        }
        long now = System.nanoTime();
        long cpu = OS.getProcessCpuTime();
        double micros = (now - start) / 1000.0 / block;
        System.out.printf("%7d  %7.1f µs  %6.1f µs CPU  at %6d ms%n", i, micros, (cpu - lastCpu) / 1000.0 / block,
                (now - STARTED) / 1_000_000);
        lastCpu = cpu;
        return now;
    }
}
