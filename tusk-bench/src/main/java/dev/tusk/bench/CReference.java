package dev.tusk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Two C clients as reference lines on the read workloads ({@code select1}, {@code pgtype},
 * {@code wide}, {@code point}), compiled at the start of the run with the C compiler on the PATH
 * ({@code cc}) from the sources in this jar ({@code dev/tusk/bench/c/}). They are not peers: the
 * ratios are not taken against them.
 *
 * <ul>
 *   <li><b>raw protocol (floor)</b>: the extended query protocol written and read directly over
 *   TCP, binary results, each DataRow's column lengths walked and no value decoded, at 10x1 and
 *   10x4 (one {@code send} per call: the pipelined case of a tiny query favours a driver that
 *   writes several calls at once). On a result of many rows no driver can do less per row, so its
 *   throughput is what the server and the kernel leave to any client on this machine: the
 *   ceiling of the ratios at ten connections.</li>
 *   <li><b>libpq (binary)</b>: PostgreSQL's own C library as a lean program uses it
 *   ({@code PQexecPrepared}, binary parameters and results, each value's bytes read), at 10x1;
 *   compiled only when {@code pg_config} and libpq's headers are installed (Debian:
 *   {@code libpq-dev}).</li>
 * </ul>
 *
 * <p>Only the modes at ten connections run (the targets' modes; it keeps the whole run within ten
 * minutes). Each mode runs in a fresh process that opens its connections, prepares, runs
 * unmeasured for {@value #WARMUP_MILLIS} ms (C has no JIT to wait for) and {@code --settle}, then
 * {@code --rounds} rounds of {@code --round}: the
 * harness reads the client's counters (operations, rows, its CPU time) and the server's CPU time
 * ({@link ServerMeter}) at each round's start and end. Latency is the mean by Little's law (calls
 * in flight ÷ throughput), in the p50 column; allocation does not apply.
 */
final class CReference {

    /** The C clients, their source file and how the report names them. */
    enum Client {
        RAW("raw_protocol", "C raw protocol (floor)", "nothing decoded; p50 column = mean",
                List.of(Mode.CONCURRENT, Mode.PIPELINED)),
        LIBPQ("libpq_binary", "libpq (C, binary)", "PQexecPrepared; p50 column = mean",
                List.of(Mode.CONCURRENT));

        final String source;
        final String label;
        final String variant;
        final List<Mode> modes;

        Client(String source, String label, String variant, List<Mode> modes) {
            this.source = source;
            this.label = label;
            this.variant = variant;
            this.modes = modes;
        }
    }

    /** Unmeasured load before the first round: the connections' caches, not a JIT, need warming. */
    private static final long WARMUP_MILLIS = 500;

    private static final String[] SOURCES = {"reference.h", "raw_protocol.c", "libpq_binary.c"};

    private final Map<Client, Path> programs;
    private final Target target;
    private final Settings settings;
    private final ServerMeter serverMeter;

    private CReference(Map<Client, Path> programs, Target target, Settings settings, long postmasterPid) {
        this.programs = programs;
        this.target = target;
        this.settings = settings;
        this.serverMeter = new ServerMeter(postmasterPid);
    }

    /**
     * Compiles the clients; null when none could be (no {@code cc} on the PATH, or it failed). What
     * could not be compiled, and why, is logged.
     */
    static CReference compile(Target target, Settings settings, long postmasterPid, Consumer<String> log)
            throws IOException, InterruptedException {
        Path cc = Executables.onPath("cc");
        if (cc == null) {
            log.accept("C reference clients not run: no cc on the PATH");
            return null;
        }
        Path dir = Files.createTempDirectory("tusk-bench-c-");
        dir.toFile().deleteOnExit();
        for (String source : SOURCES) {
            dir.resolve(source).toFile().deleteOnExit();
            try (InputStream in = CReference.class.getResourceAsStream("c/" + source)) {
                if (in == null) {
                    throw new IOException("c/" + source + " is missing from the benchmark's jar");
                }
                Files.copy(in, dir.resolve(source));
            }
        }
        Map<Client, Path> programs = new EnumMap<>(Client.class);
        Path raw = dir.resolve(Client.RAW.source);
        raw.toFile().deleteOnExit();
        if (build(dir, List.of(cc.toString(), "-O2", "-o", raw.toString(), Client.RAW.source + ".c", "-lpthread"), log)) {
            programs.put(Client.RAW, raw);
        }
        Path pgConfig = Executables.onPath("pg_config");
        if (pgConfig == null) {
            log.accept("libpq reference not run: no pg_config on the PATH (Debian: libpq-dev)");
        } else {
            Path libpq = dir.resolve(Client.LIBPQ.source);
            libpq.toFile().deleteOnExit();
            try {
                if (build(dir, List.of(cc.toString(), "-O2", "-I" + output(dir, pgConfig.toString(), "--includedir"),
                        "-o", libpq.toString(), Client.LIBPQ.source + ".c",
                        "-L" + output(dir, pgConfig.toString(), "--libdir"), "-lpq", "-lpthread"), log)) {
                    programs.put(Client.LIBPQ, libpq);
                }
            } catch (IOException e) {
                log.accept("libpq reference not run: " + e.getMessage());
            }
        }
        return programs.isEmpty() ? null : new CReference(programs, target, settings, postmasterPid);
    }

    /** Whether the references run {@code workload}: the read workloads. */
    static boolean runs(Workload workload) {
        return workload == Workload.SELECT1 || workload == Workload.PGTYPE || workload == Workload.WIDE
                || workload == Workload.POINT;
    }

    /** Runs every compiled client on {@code workload} in each of its modes. */
    List<ModeResult> run(Workload workload) throws InterruptedException {
        List<ModeResult> results = new ArrayList<>();
        for (Map.Entry<Client, Path> program : programs.entrySet()) {
            Client client = program.getKey();
            for (Mode mode : client.modes) {
                try {
                    results.add(new ModeResult(client.label, client.variant, workload, mode, 0, true,
                            rounds(program.getValue(), workload, mode), ""));
                } catch (IOException e) {
                    results.add(ModeResult.skipped(client.label, workload, mode, "failed: " + e.getMessage()));
                }
            }
        }
        return results;
    }

    private List<RoundResult> rounds(Path program, Workload workload, Mode mode) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(program.toString(), workload.label(), Integer.toString(mode.connections()),
                Integer.toString(mode.inFlight()), target.host(), Integer.toString(target.port()), target.user(),
                target.database())
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        try (OutputStream requests = process.getOutputStream();
                BufferedReader replies = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
            String ready = replies.readLine();
            if (!"ready".equals(ready)) {
                throw new IOException(program.getFileName() + " " + workload.label() + " " + mode.label()
                        + " did not start (exit code " + exitCode(process) + "; its error is above)");
            }
            Thread.sleep(WARMUP_MILLIS + settings.settleMillis());
            List<RoundResult> rounds = new ArrayList<>();
            for (int r = 0; r < settings.rounds(); r++) {
                ServerMeter.Reading serverBefore = serverMeter.read();
                Counters before = Counters.read(requests, replies);
                Thread.sleep(settings.roundMillis());
                Counters after = Counters.read(requests, replies);
                ServerMeter.Reading serverAfter = serverMeter.read();
                rounds.add(after.since(before, mode, serverMeter.cpuNanosBetween(serverBefore, serverAfter)));
            }
            return rounds;
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /**
     * A client's counters at one instant.
     *
     * @param operations completed calls
     * @param rows       rows read
     * @param cpuNanos   the client process's user + system time
     * @param wallNanos  its monotonic clock
     */
    private record Counters(long operations, long rows, long cpuNanos, long wallNanos) {

        /** Asks the client for its counters (any line) and reads its answer. */
        static Counters read(OutputStream requests, BufferedReader replies) throws IOException {
            requests.write('\n');
            requests.flush();
            String line = replies.readLine();
            if (line == null) {
                throw new IOException("the C client ended during the measurement (its error is above)");
            }
            String[] f = line.trim().split(" ");
            if (f.length != 4) {
                throw new IOException("the C client answered \"" + line + "\"; expected four numbers");
            }
            return new Counters(Long.parseLong(f[0]), Long.parseLong(f[1]), Long.parseLong(f[2]), Long.parseLong(f[3]));
        }

        RoundResult since(Counters before, Mode mode, double serverCpuNanos) {
            long operations = this.operations - before.operations;
            if (operations == 0) {
                throw new IllegalStateException("no operation completed in the round; make the round longer");
            }
            double seconds = (wallNanos - before.wallNanos) / 1e9;
            double opsPerSecond = operations / seconds;
            return new RoundResult(opsPerSecond, (rows - before.rows) / seconds, mode.concurrency() / opsPerSecond * 1e6,
                    Double.NaN, (cpuNanos - before.cpuNanos) / 1e3 / operations, serverCpuNanos / 1e3 / operations,
                    Double.NaN);
        }
    }

    private static boolean build(Path dir, List<String> command, Consumer<String> log)
            throws IOException, InterruptedException {
        Process cc = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(cc.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (cc.waitFor() != 0) {
            log.accept("C reference not built (" + String.join(" ", command) + "):\n" + output);
            return false;
        }
        return true;
    }

    private static String output(Path dir, String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        if (process.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }

    private static String exitCode(Process process) throws InterruptedException {
        return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "none yet";
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "C references %s", programs.keySet());
    }
}
