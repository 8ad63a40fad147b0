package dev.tusk.reliability;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the heap by all live threads, from HotSpot's per-thread counters: a test
 * reads it before and after feeding hostile input, to prove nothing large was allocated.
 */
final class AllocationMeter {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private AllocationMeter() {
    }

    static long allocatedBytes() {
        long total = 0;
        for (long allocated : THREADS.getThreadAllocatedBytes(THREADS.getAllThreadIds())) {
            if (allocated > 0) {
                total += allocated;
            }
        }
        return total;
    }
}
