package dev.tusk.internal.pool;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one daemon thread, shared by every pool, that fires acquire timeouts and runs housekeeping.
 * Its tasks only complete futures and start asynchronous work; they never block.
 */
final class PoolTimer {

    private static final ScheduledThreadPoolExecutor EXECUTOR = create();

    private PoolTimer() {
    }

    private static ScheduledThreadPoolExecutor create() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "tusk-pool-timer");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }

    static ScheduledFuture<?> schedule(Runnable task, long delayNanos) {
        return EXECUTOR.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    static ScheduledFuture<?> repeat(Runnable task, long periodNanos) {
        return EXECUTOR.scheduleWithFixedDelay(task, periodNanos, periodNanos, TimeUnit.NANOSECONDS);
    }
}
