package dev.tusk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders the results as markdown: one table per workload, each row a driver in a mode, with the
 * mean over rounds, the spread of throughput between rounds, and the ratio to the best peer
 * (the fastest JVM driver other than Tusk with the same number of connections; Tusk's R2DBC
 * adapter and libpq's pgbench are reference lines, not peers).
 */
final class Report {

    private final List<ModeResult> results = new ArrayList<>();

    void add(List<ModeResult> more) {
        results.addAll(more);
    }

    /** The tables, after a preamble of {@code header} lines. */
    String render(List<String> header) {
        StringBuilder md = new StringBuilder();
        for (String line : header) {
            md.append(line).append('\n');
        }
        for (Workload workload : Workload.values()) {
            List<ModeResult> rows = new ArrayList<>();
            for (ModeResult result : results) {
                if (result.workload() == workload) {
                    rows.add(result);
                }
            }
            if (!rows.isEmpty()) {
                renderWorkload(md, workload, rows);
            }
        }
        return md.toString();
    }

    private void renderWorkload(StringBuilder md, Workload workload, List<ModeResult> rows) {
        md.append("\n### ").append(workload.label()).append("\n\n");
        md.append("| driver | conn x in flight | ops/s | spread | rows/s | p50 µs | p99 µs | client CPU µs/op"
                + " | server CPU µs/op | B/row | × best peer | warm-up s |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (ModeResult row : rows) {
            String driver = row.variant().isEmpty() ? row.driver() : row.driver() + " (" + row.variant() + ")";
            if (row.isSkipped()) {
                md.append("| ").append(driver).append(" | ").append(row.mode().label()).append(" | not run: ")
                        .append(row.skipReason()).append(" | | | | | | | | | |\n");
                continue;
            }
            double ops = mean(row, 0);
            double best = bestPeer(rows, row.mode().connections());
            md.append("| ").append(driver)
                    .append(" | ").append(row.mode().label())
                    .append(" | ").append(number(ops))
                    .append(" | ±").append(format("%.1f", spreadPercent(row))).append(" %")
                    .append(" | ").append(number(mean(row, 1)))
                    .append(" | ").append(format("%.0f", mean(row, 2)))
                    .append(" | ").append(format("%.0f", mean(row, 3)))
                    .append(" | ").append(format("%.1f", mean(row, 4)))
                    .append(" | ").append(format("%.1f", mean(row, 5)))
                    .append(" | ").append(format(mean(row, 6) < 10 ? "%.1f" : "%.0f", mean(row, 6)))
                    .append(" | ").append(best > 0 ? format("%.2f", ops / best) : "–")
                    .append(" | ").append(row.warmupMillis() == 0 ? "–" : format("%.1f", row.warmupMillis() / 1000.0))
                    .append(row.jitIdle() ? "" : " (cap)")
                    .append(" |\n");
        }
    }

    private static double bestPeer(List<ModeResult> rows, int connections) {
        double best = 0;
        for (ModeResult row : rows) {
            if (!row.isSkipped() && isPeer(row.driver()) && row.mode().connections() == connections) {
                best = Math.max(best, mean(row, 0));
            }
        }
        return best;
    }

    /** Whether {@code label} names a peer driver (not Tusk, its R2DBC adapter, or pgbench's reference line). */
    private static boolean isPeer(String label) {
        for (Driver driver : Driver.values()) {
            if (driver.label().equals(label)) {
                return driver.isPeer();
            }
        }
        return false;
    }

    /** The mean over rounds of metric {@code field}, in {@link RoundResult}'s order. */
    private static double mean(ModeResult row, int field) {
        double sum = 0;
        for (RoundResult round : row.rounds()) {
            sum += field(round, field);
        }
        return sum / row.rounds().size();
    }

    private static double field(RoundResult round, int field) {
        switch (field) {
            case 0: return round.operationsPerSecond();
            case 1: return round.rowsPerSecond();
            case 2: return round.p50Micros();
            case 3: return round.p99Micros();
            case 4: return round.clientCpuMicrosPerOp();
            case 5: return round.serverCpuMicrosPerOp();
            case 6: return round.bytesPerRow();
            default: throw new IllegalArgumentException("field " + field);
        }
    }

    /** (max - min) / mean of throughput over the rounds, in percent. */
    private static double spreadPercent(ModeResult row) {
        double min = Double.MAX_VALUE;
        double max = 0;
        for (RoundResult round : row.rounds()) {
            min = Math.min(min, round.operationsPerSecond());
            max = Math.max(max, round.operationsPerSecond());
        }
        return (max - min) / mean(row, 0) * 100;
    }

    private static String number(double value) {
        return value >= 100 ? format("%,.0f", value) : format("%.1f", value);
    }

    private static String format(String pattern, double value) {
        return Double.isNaN(value) ? "–" : String.format(Locale.ROOT, pattern, value);
    }
}
