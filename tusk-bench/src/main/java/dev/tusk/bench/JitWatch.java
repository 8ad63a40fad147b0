package dev.tusk.bench;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;

/**
 * Tells when the JIT compiler has gone idle: the JVM's total compilation time has not grown for
 * a quiet period. A fixed warm-up under-measures drivers that take long to compile (pgjdbc needs
 * about 12 s on two cores).
 */
final class JitWatch {

    private static final long POLL_MILLIS = 100;

    private final CompilationMXBean compiler = ManagementFactory.getCompilationMXBean();

    /**
     * Waits at least {@code minMillis} and until the compilation time has not changed for
     * {@code quietMillis}, but no longer than {@code maxMillis}; meanwhile checks {@code load}
     * for failures.
     *
     * @return how the warm-up ended
     */
    Outcome awaitIdle(Load load, long minMillis, long quietMillis, long maxMillis) throws InterruptedException {
        if (!compiler.isCompilationTimeMonitoringSupported()) {
            throw new IllegalStateException("this JVM does not report compilation time; cannot detect JIT idleness");
        }
        long start = System.nanoTime();
        long lastTotal = compiler.getTotalCompilationTime();
        long lastChange = start;
        while (true) {
            Thread.sleep(POLL_MILLIS);
            load.rethrowFailure();
            long now = System.nanoTime();
            long total = compiler.getTotalCompilationTime();
            if (total != lastTotal) {
                lastTotal = total;
                lastChange = now;
            }
            long elapsed = (now - start) / 1_000_000;
            if (elapsed >= minMillis && (now - lastChange) / 1_000_000 >= quietMillis) {
                return new Outcome(elapsed, true);
            }
            if (elapsed >= maxMillis) {
                return new Outcome(elapsed, false);
            }
        }
    }

    /**
     * @param millis  how long the warm-up took
     * @param jitIdle whether the compiler went idle (false: stopped at the bound)
     */
    record Outcome(long millis, boolean jitIdle) {
    }
}
