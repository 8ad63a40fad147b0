package dev.tusk.bench;

import java.util.Locale;

/**
 * What one measured round found.
 *
 * @param operationsPerSecond completed operations per second of wall time
 * @param rowsPerSecond       rows produced or written per second
 * @param p50Micros           median latency of an operation, microseconds
 * @param p99Micros           99th percentile latency, microseconds
 * @param clientCpuMicrosPerOp client process CPU time per operation, microseconds
 * @param serverCpuMicrosPerOp the server processes' CPU time per operation, microseconds; NaN when
 *                             not measured
 * @param bytesPerRow          bytes allocated by the client per row
 */
record RoundResult(double operationsPerSecond, double rowsPerSecond, double p50Micros, double p99Micros,
        double clientCpuMicrosPerOp, double serverCpuMicrosPerOp, double bytesPerRow) {

    /**
     * Computes a round from its latencies, rows, the client process's counters around it and the
     * server's CPU time in it ({@link ServerMeter#cpuNanosBetween}, NaN when not measured).
     */
    static RoundResult of(Load.Interval interval, ProcessMeter.Reading before, ProcessMeter.Reading after,
            double serverCpuNanos) {
        long operations = interval.latencies().getTotalCount();
        if (operations == 0) {
            throw new IllegalStateException("no operation completed in the round; make the round longer");
        }
        double seconds = (after.wallNanos() - before.wallNanos()) / 1e9;
        long rows = Math.max(interval.rows(), 1);
        return new RoundResult(
                operations / seconds,
                interval.rows() / seconds,
                interval.latencies().getValueAtPercentile(50) / 1e3,
                interval.latencies().getValueAtPercentile(99) / 1e3,
                (after.cpuNanos() - before.cpuNanos()) / 1e3 / operations,
                serverCpuNanos / 1e3 / operations,
                (double) (after.allocatedBytes() - before.allocatedBytes()) / rows);
    }

    /** Seven comma-separated numbers ({@code NaN} for one not measured), read back by {@link #parse}. */
    String format() {
        return String.format(Locale.ROOT, "%.3f,%.3f,%.3f,%.3f,%.3f,%.3f,%.3f", operationsPerSecond, rowsPerSecond,
                p50Micros, p99Micros, clientCpuMicrosPerOp, serverCpuMicrosPerOp, bytesPerRow);
    }

    /** Reads {@link #format()}. */
    static RoundResult parse(String text) {
        String[] f = text.split(",");
        if (f.length != 7) {
            throw new IllegalArgumentException("round result \"" + text + "\": expected 7 numbers");
        }
        return new RoundResult(Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
                Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
                Double.parseDouble(f[6]));
    }
}
