package dev.tusk.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Offers a closed-loop load to a client: in each {@link Mode}, every connection keeps
 * {@code inFlight} operations outstanding, issuing the next one as soon as one completes.
 * Latencies go into an HdrHistogram {@link Recorder} (wait-free from any thread), rows into a
 * counter; a round takes both with {@link #takeInterval}.
 */
final class Load {

    /** Latencies are recorded in nanoseconds up to one minute with three significant digits. */
    private static final long MAX_LATENCY_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Client client;
    private final Recorder latencies = new Recorder(MAX_LATENCY_NANOS, 3);
    private final LongAdder rows = new LongAdder();
    private final LongAdder operations = new LongAdder();
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean running;
    private volatile Throwable failure;
    private AtomicLong remainingOperations;
    private CountDownLatch stopped;

    Load(Client client) {
        this.client = client;
    }

    /**
     * Starts offering load in {@code mode}; at most {@code operationLimit} operations in all when
     * it is positive (the load then stops by itself), else until {@link #stop}.
     */
    void start(Mode mode, long operationLimit) {
        if (stopped != null) {
            throw new IllegalStateException("the load is already running");
        }
        running = true;
        remainingOperations = new AtomicLong(operationLimit > 0 ? operationLimit : Long.MAX_VALUE);
        stopped = new CountDownLatch(mode.concurrency());
        for (int c = 0; c < mode.connections(); c++) {
            for (int k = 0; k < mode.inFlight(); k++) {
                if (client instanceof AsyncClient) {
                    new Lane((AsyncClient) client, c).next();
                } else {
                    Thread thread = new Thread(this::blockingLoop, "bench-jdbc-" + c + "-" + k);
                    threads.add(thread);
                    thread.start();
                }
            }
        }
    }

    /** Asks every lane to stop after its current operation and waits until all have. */
    void stop() throws InterruptedException {
        running = false;
        awaitStopped(TimeUnit.MINUTES.toMillis(2));
    }

    /** Waits until every lane has stopped (by {@link #stop} or the operation limit). */
    void awaitStopped(long timeoutMillis) throws InterruptedException {
        if (!stopped.await(timeoutMillis, TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("operations still outstanding " + timeoutMillis + " ms after the load stopped");
        }
        for (Thread thread : threads) {
            thread.join(timeoutMillis);
        }
        threads.clear();
        stopped = null;
        rethrowFailure();
    }

    /** Throws the first failure of any operation, if there was one. */
    void rethrowFailure() {
        Throwable error = failure;
        if (error != null) {
            throw new IllegalStateException("an operation failed: " + error, error);
        }
    }

    /** The number of operations completed since the load was made. */
    long completedOperations() {
        return operations.sum();
    }

    /** Returns the latencies recorded since the last call (a fresh histogram) and resets the row count. */
    Interval takeInterval() {
        Histogram histogram = latencies.getIntervalHistogram();
        return new Interval(histogram, rows.sumThenReset());
    }

    /** The latencies and row count of one interval. */
    record Interval(Histogram latencies, long rows) {
    }

    private boolean claimOperation() {
        return running && failure == null && remainingOperations.getAndDecrement() > 0;
    }

    private void record(long nanos, int rowCount) {
        latencies.recordValue(Math.min(nanos, MAX_LATENCY_NANOS));
        rows.add(rowCount);
        operations.increment();
    }

    private void fail(Throwable error) {
        if (failure == null) {
            failure = error;
        }
        running = false;
    }

    private void blockingLoop() {
        BlockingClient blocking = (BlockingClient) client;
        try {
            while (claimOperation()) {
                long start = System.nanoTime();
                int rowCount = blocking.call();
                record(System.nanoTime() - start, rowCount);
            }
        } catch (Exception | Error e) {
            fail(e);
        } finally {
            stopped.countDown();
        }
    }

    /** One outstanding operation of an asynchronous client, reissued as it completes. */
    private final class Lane implements Done {

        private final AsyncClient async;
        private final int connection;
        private final CountDownLatch laneStopped = stopped;
        private long startNanos;

        Lane(AsyncClient async, int connection) {
            this.async = async;
            this.connection = connection;
        }

        void next() {
            if (!claimOperation()) {
                laneStopped.countDown();
                return;
            }
            startNanos = System.nanoTime();
            try {
                async.start(connection, this);
            } catch (RuntimeException e) {
                failed(e);
            }
        }

        @Override
        public void completed(int rowCount) {
            record(System.nanoTime() - startNanos, rowCount);
            next();
        }

        @Override
        public void failed(Throwable error) {
            fail(error);
            laneStopped.countDown();
        }
    }
}
