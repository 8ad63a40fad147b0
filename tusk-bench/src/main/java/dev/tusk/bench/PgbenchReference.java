package dev.tusk.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * libpq's C client as a reference line, where a {@code pgbench} program is installed (for example
 * Debian's {@code postgresql-client}): the same {@code select1} and {@code point} statements,
 * prepared ({@code -M prepared}), at one and ten connections, for {@code --rounds} runs of
 * {@code --round} seconds. pgbench reports throughput and mean latency only, so the other columns
 * stay empty (server CPU too: pgbench's connections, and their CPU counters, end with its run). It is not one of the peers the ratios are taken against.
 */
final class PgbenchReference {

    static final String LABEL = "libpq (pgbench)";

    private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");
    private static final Pattern LATENCY = Pattern.compile("latency average = ([0-9.]+) ms");

    private final Path pgbench;
    private final Target target;
    private final Settings settings;

    private PgbenchReference(Path pgbench, Target target, Settings settings) {
        this.pgbench = pgbench;
        this.target = target;
        this.settings = settings;
    }

    /** The reference, or null when no pgbench program is found on the PATH. */
    static PgbenchReference find(Target target, Settings settings) {
        Path pgbench = Executables.onPath("pgbench");
        return pgbench == null ? null : new PgbenchReference(pgbench, target, settings);
    }

    /** Whether the reference runs {@code workload}. */
    static boolean runs(Workload workload) {
        return workload == Workload.SELECT1 || workload == Workload.POINT;
    }

    /** Runs {@code workload} at one and ten connections. */
    List<ModeResult> run(Workload workload) throws IOException, InterruptedException {
        Path script = Files.createTempFile("tusk-bench-", ".sql");
        try {
            Files.writeString(script, workload == Workload.POINT
                    ? "\\set aid random(1, " + Workload.ACCOUNTS + ")\n"
                            + "SELECT abalance FROM pgbench_accounts WHERE aid = :aid;\n"
                    : "SELECT 1;\n", StandardCharsets.UTF_8);
            List<ModeResult> results = new ArrayList<>();
            for (Mode mode : List.of(Mode.SERIAL, Mode.CONCURRENT)) {
                List<RoundResult> rounds = new ArrayList<>();
                for (int r = 0; r < settings.rounds(); r++) {
                    rounds.add(round(script, mode));
                }
                results.add(new ModeResult(LABEL, "-M prepared; p50 column = mean", workload, mode, 0, true, rounds, ""));
            }
            return results;
        } finally {
            Files.delete(script);
        }
    }

    private RoundResult round(Path script, Mode mode) throws IOException, InterruptedException {
        long seconds = Math.max(1, Math.round(settings.roundMillis() / 1000.0));
        List<String> command = List.of(pgbench.toString(), "-n", "-M", "prepared", "-f", script.toString(),
                "-c", Integer.toString(mode.connections()), "-j", Integer.toString(Math.min(mode.connections(), 2)),
                "-T", Long.toString(seconds), "-h", target.host(), "-p", Integer.toString(target.port()),
                "-U", target.user(), target.database());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("PGSSLMODE", target.sslmode());
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(seconds + 60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException("pgbench failed: " + output);
        }
        double tps = number(TPS, output);
        double latencyMicros = number(LATENCY, output) * 1000;
        return new RoundResult(tps, tps, latencyMicros, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    private static double number(Pattern pattern, String output) throws IOException {
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IOException("pgbench printed no \"" + pattern.pattern() + "\": " + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "pgbench at %s", pgbench);
    }
}
