package dev.tusk.bench;

import dev.tusk.Connection;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * A batch insert made of one {@code execute} call per row, all issued at once so that Tusk
 * pipelines them: what the batch workload runs on a Tusk without {@code executemany}. Unlike
 * {@code executemany} it is not atomic (each row has its own Sync).
 */
final class PipelinedExecutes implements BiConsumer<String, Throwable> {

    private final Connection connection;
    private final String sql;
    private final List<Object[]> rows;
    private final Done done;
    private final AtomicInteger remaining;
    private final AtomicBoolean failed = new AtomicBoolean();

    PipelinedExecutes(Connection connection, String sql, List<Object[]> rows, Done done) {
        this.connection = connection;
        this.sql = sql;
        this.rows = rows;
        this.done = done;
        this.remaining = new AtomicInteger(rows.size());
    }

    void start() {
        for (Object[] row : rows) {
            connection.execute(sql, row).whenComplete(this);
        }
    }

    @Override
    public void accept(String status, Throwable error) {
        if (error != null && failed.compareAndSet(false, true)) {
            done.failed(error);
        }
        if (remaining.decrementAndGet() == 0 && !failed.get()) {
            done.completed(rows.size());
        }
    }
}
