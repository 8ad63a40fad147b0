package dev.tusk.internal.copy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads that run blocking COPY I/O (streams, channels, files, iterators), so that no
 * blocking call ever runs on a connection's event loop. Daemon threads, created on demand and
 * retired after a minute idle.
 */
public final class CopyThreads {

    private static final AtomicInteger COUNT = new AtomicInteger();

    private static final ExecutorService EXECUTOR = new ThreadPoolExecutor(0, Integer.MAX_VALUE,
            60, TimeUnit.SECONDS, new SynchronousQueue<>(), task -> {
                Thread thread = new Thread(task, "tusk-copy-io-" + COUNT.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });

    private CopyThreads() {
    }

    /** The shared executor for blocking COPY I/O. */
    public static ExecutorService executor() {
        return EXECUTOR;
    }
}
