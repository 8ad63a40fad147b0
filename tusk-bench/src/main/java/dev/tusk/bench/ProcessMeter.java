package dev.tusk.bench;

import java.lang.management.ManagementFactory;

/**
 * Reads the client process's counters that a round reports: CPU time of the whole JVM (every
 * thread, including GC and JIT compiler threads) from {@code OperatingSystemMXBean}, and bytes
 * allocated on the Java heap, summed over every live thread (the driver's event loops, the
 * load's threads) from {@code com.sun.management.ThreadMXBean.getThreadAllocatedBytes}.
 * Allocation by threads that ended between two readings is not counted; the benchmark's threads
 * live through the whole run.
 */
final class ProcessMeter {

    private final com.sun.management.OperatingSystemMXBean os =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    private final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    ProcessMeter() {
        if (!threads.isThreadAllocatedMemorySupported()) {
            throw new IllegalStateException("this JVM cannot measure allocation per thread");
        }
        threads.setThreadAllocatedMemoryEnabled(true);
    }

    /** The counters now. */
    Reading read() {
        long[] ids = threads.getAllThreadIds();
        long allocated = 0;
        for (long bytes : threads.getThreadAllocatedBytes(ids)) {
            if (bytes > 0) {
                allocated += bytes;
            }
        }
        return new Reading(System.nanoTime(), os.getProcessCpuTime(), allocated);
    }

    /**
     * @param wallNanos      {@link System#nanoTime()} at the reading
     * @param cpuNanos       the process's CPU time so far
     * @param allocatedBytes the bytes allocated so far by the live threads
     */
    record Reading(long wallNanos, long cpuNanos, long allocatedBytes) {
    }
}
