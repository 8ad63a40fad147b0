package dev.tusk.copy;

import dev.tusk.ConnectOptions;
import dev.tusk.Connection;
import dev.tusk.CopyOptions;
import dev.tusk.Tusk;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.ByteBuffer;
import java.util.Iterator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs large COPYs in a JVM with a small heap (started by {@link CopyMemoryTest} with
 * {@code -Xmx64m}): an export far larger than the heap into a stream, the same through a slow
 * asynchronous consumer, and millions of records loaded with copyRecordsToTable. Any buffering
 * that grows with the data ends in OutOfMemoryError; success prints one line per scenario.
 */
public final class BoundedMemoryMain {

    private BoundedMemoryMain() {
    }

    public static void main(String[] args) {
        String dsn = args[0];
        long exportRows = Long.parseLong(args[1]);
        long slowRows = Long.parseLong(args[2]);
        int records = Integer.parseInt(args[3]);
        try (Connection conn = Tusk.connect(ConnectOptions.builder().useEnvironment(false).dsn(dsn).build()).join()) {
            String rows = "SELECT g, repeat('x', 100) FROM generate_series(1, %d) g";
            AtomicLong exported = new AtomicLong();
            OutputStream counting = new OutputStream() {
                @Override
                public void write(int b) {
                    exported.incrementAndGet();
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    exported.addAndGet(len);
                }
            };
            String status = conn.copyFromQuery(String.format(rows, exportRows), counting, CopyOptions.defaults()).join();
            report("export", status, exported.get());

            AtomicLong consumed = new AtomicLong();
            Executor later = CompletableFuture.delayedExecutor(200, TimeUnit.MICROSECONDS);
            status = conn.copyFromQuery(String.format(rows, slowRows), (ByteBuffer chunk) -> {
                consumed.addAndGet(chunk.remaining());
                return CompletableFuture.runAsync(() -> { }, later);
            }, CopyOptions.defaults()).join();
            report("slow-consumer", status, consumed.get());

            conn.execute("CREATE TEMP TABLE bulk (id int, name text, amount float8)").join();
            Iterable<Object[]> generated = () -> new Iterator<>() {
                private int next;

                @Override
                public boolean hasNext() {
                    return next < records;
                }

                @Override
                public Object[] next() {
                    next++;
                    return new Object[] {next, "name number " + next, next * 0.5};
                }
            };
            status = conn.copyRecordsToTable("bulk", generated, CopyOptions.defaults()).join();
            report("records", status, conn.<Long>fetchval("SELECT count(*) FROM bulk").join());
        }
    }

    private static void report(String scenario, String status, long amount) {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
                pool.resetPeakUsage();
            }
        }
        System.out.println(scenario + " " + status + " amount=" + amount + " peakHeapMiB=" + (peak >> 20));
    }
}
