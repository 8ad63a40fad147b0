package dev.tusk.bench;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark of issue 8: starts one PostgreSQL server, prepares the tables, runs every driver
 * on every workload (each in a fresh JVM), and prints a markdown report that it also writes to
 * {@code --out}. Options: see {@link Settings}.
 *
 * <pre>
 * mvn -B -q -Pbench -DskipTests install &amp;&amp; java -jar tusk-bench/target/tusk-bench.jar
 * </pre>
 */
public final class Main {

    private Main() {
    }

    /** Runs the benchmark; see {@link Settings} for the arguments. */
    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        long started = System.nanoTime();
        Report report = new Report();
        String serverVersion;
        try (BenchServer server = BenchServer.start(settings.tls())) {
            serverVersion = server.version();
            log("PostgreSQL " + serverVersion + " on " + server.target().host() + ":" + server.target().port()
                    + "; preparing pgbench_accounts (scale 10) ...");
            server.prepare();
            log("prepared in " + seconds(started) + " s");
            Fork fork = new Fork(settings, server.target(), server.postmasterPid());
            PgbenchReference pgbench = settings.pgbench() ? PgbenchReference.find(server.target(), settings) : null;
            if (settings.tls().on() && settings.cReference()) {
                log("--tls=" + settings.tls().label() + ": the C reference clients are left out (the raw-protocol client"
                        + " speaks no TLS)");
            }
            CReference cReference = settings.cReference() && !settings.tls().on()
                    ? CReference.compile(server.target(), settings, server.postmasterPid(), Main::log)
                    : null;
            for (Workload workload : settings.workloads()) {
                if (pgbench != null && PgbenchReference.runs(workload)) {
                    log(workload.label() + " / " + pgbench + " ...");
                    report.add(pgbench.run(workload));
                }
                if (cReference != null && CReference.runs(workload)) {
                    log(workload.label() + " / " + cReference + " ...");
                    report.add(cReference.run(workload));
                }
                for (Driver driver : settings.drivers()) {
                    List<Mode> modes = driver.modes(workload);
                    if (modes.isEmpty()) {
                        continue;
                    }
                    server.truncateWriteTables();
                    log(workload.label() + " / " + driver.label() + " ...");
                    report.add(runOne(fork, driver, workload, modes));
                }
            }
        }
        String markdown = report.render(header(settings, serverVersion, seconds(started)));
        System.out.println();
        System.out.print(markdown);
        Files.createDirectories(settings.out().toAbsolutePath().getParent());
        Files.writeString(settings.out(), markdown, StandardCharsets.UTF_8);
        log("report written to " + settings.out());
    }

    private static List<ModeResult> runOne(Fork fork, Driver driver, Workload workload, List<Mode> modes)
            throws InterruptedException {
        try {
            return fork.run(driver, workload);
        } catch (java.io.IOException | IllegalStateException e) {
            log("  " + e.getMessage());
            List<ModeResult> failed = new ArrayList<>();
            for (Mode mode : modes) {
                failed.add(ModeResult.skipped(driver.label(), workload, mode, "failed: " + e.getMessage()));
            }
            return failed;
        }
    }

    private static List<String> header(Settings settings, String serverVersion, String elapsed) {
        Runtime runtime = Runtime.getRuntime();
        return List.of(
                "## Run of " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME),
                "",
                "- Machine: " + runtime.availableProcessors() + " cores (" + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + "), shared by the server and the client;"
                        + " Java " + System.getProperty("java.version") + "; PostgreSQL " + serverVersion
                        + " (embedded, fsync off, synchronous_commit off)",
                "- Drivers: Tusk (this tree), pgjdbc 42.7.14 + HikariCP 7.1.0, vertx-pg-client 5.0.7, r2dbc-postgresql 1.1.3;"
                        + " all on Netty " + io.netty.util.Version.identify().get("netty-common").artifactVersion(),
                "- Settings: `" + settings.describe() + "`; whole run " + elapsed + " s",
                "- ops/s, rows/s, latencies, CPU and allocation are means over the rounds; client CPU = the"
                        + " driver's JVM, server CPU = PostgreSQL's processes (postmaster and its children, from"
                        + " /proc; \"–\" where unavailable), both user + system time per operation; spread ="
                        + " (max − min) / mean of ops/s; × best peer = ops/s ÷ the fastest non-Tusk driver with"
                        + " the same number of connections; warm-up \"(cap)\" = the JIT was still compiling at the bound");
    }

    private static String seconds(long startNanos) {
        return String.format(java.util.Locale.ROOT, "%.0f", (System.nanoTime() - startNanos) / 1e9);
    }

    private static void log(String message) {
        System.out.println("[bench] " + message);
    }
}
