package dev.tusk.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * One driver on one workload in one {@link Mode}: its rounds, or why it did not run. A worker JVM
 * prints it as one tab-separated line starting with {@value #PREFIX}; the harness reads it back.
 *
 * @param driver       the driver's name, e.g. {@code pgjdbc+hikari}
 * @param variant      what the driver ran when it is not the obvious thing, else empty
 * @param workload     the workload
 * @param mode         connections x calls in flight
 * @param warmupMillis how long the worker warmed up before measuring
 * @param jitIdle      whether the JIT compiler was idle at the end of the warm-up
 * @param rounds       the measured rounds (empty when skipped)
 * @param skipReason   why it did not run, or empty
 */
record ModeResult(String driver, String variant, Workload workload, Mode mode, long warmupMillis, boolean jitIdle,
        List<RoundResult> rounds, String skipReason) {

    static final String PREFIX = "RESULT";

    /** A result that says why the driver could not run the workload. */
    static ModeResult skipped(String driver, Workload workload, Mode mode, String reason) {
        return new ModeResult(driver, "", workload, mode, 0, false, List.of(), reason);
    }

    boolean isSkipped() {
        return !skipReason.isEmpty();
    }

    /** The line a worker prints. Names must not contain tabs or newlines. */
    String format() {
        StringBuilder rounds = new StringBuilder();
        for (RoundResult round : this.rounds) {
            if (rounds.length() > 0) {
                rounds.append(';');
            }
            rounds.append(round.format());
        }
        return String.join("\t", PREFIX, driver, variant, workload.label(), mode.label(),
                Long.toString(warmupMillis), Boolean.toString(jitIdle), rounds, skipReason);
    }

    /** Reads a line printed by {@link #format()}. */
    static ModeResult parse(String line) {
        String[] f = line.split("\t", -1);
        if (f.length != 9 || !f[0].equals(PREFIX)) {
            throw new IllegalArgumentException("not a result line: " + line);
        }
        List<RoundResult> rounds = new ArrayList<>();
        if (!f[7].isEmpty()) {
            for (String round : f[7].split(";")) {
                rounds.add(RoundResult.parse(round));
            }
        }
        return new ModeResult(f[1], f[2], Workload.byLabel(f[3]), Mode.parse(f[4]), Long.parseLong(f[5]),
                Boolean.parseBoolean(f[6]), rounds, f[8]);
    }
}
