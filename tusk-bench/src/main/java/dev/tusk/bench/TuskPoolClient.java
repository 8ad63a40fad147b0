package dev.tusk.bench;

import dev.tusk.ConnectOptions;
import dev.tusk.Pool;
import dev.tusk.PoolOptions;
import dev.tusk.TlsProvider;
import dev.tusk.Tusk;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.ToIntFunction;

/**
 * Tusk through its {@link Pool}, as an application would call it: {@code pool.fetch},
 * {@code pool.fetchrow} and {@code pool.executemany}, each one acquire, one call and one release,
 * which resets the session ({@link dev.tusk.Connection#reset()}) as asyncpg's pool does. The pool
 * has as many connections as the mode has (minimum = maximum, as the benchmark's HikariCP);
 * every other option is the default. Rows are read as {@link TuskClient} reads them.
 */
final class TuskPoolClient implements AsyncClient {

    private final Pool pool;
    private final Workload workload;
    private final List<Object[]> batchRows;
    /** Keeps what was read from rows reachable, so that the JIT cannot drop the reading. */
    private int sink;

    private TuskPoolClient(Pool pool, Workload workload) {
        this.pool = pool;
        this.workload = workload;
        this.batchRows = workload == Workload.BATCH ? TuskClient.batchRows() : List.of();
    }

    static TuskPoolClient open(Target target, Workload workload, int count) {
        if (workload == Workload.BULK) {
            throw new UnsupportedOperationException("the bulk load is measured on one connection, not through a pool");
        }
        ConnectOptions.Builder connect = ConnectOptions.builder().dsn(target.uri())
                .rewriteBatchedInserts(workload == Workload.BATCH);
        if (target.tls().on()) {
            connect.tlsProvider(target.tls() == Tls.OPENSSL ? TlsProvider.OPENSSL : TlsProvider.JDK);
        }
        PoolOptions options = PoolOptions.builder().connectOptions(connect.build()).minSize(count).maxSize(count).build();
        return new TuskPoolClient(Tusk.createPool(options).join(), workload);
    }

    @Override
    public String variant() {
        return workload == Workload.BATCH ? "executemany, rewriteBatchedInserts" : "";
    }

    @Override
    public void start(int connection, Done done) {
        switch (workload) {
            case SELECT1:
                pool.fetchrow(workload.sql()).whenComplete((row, error) -> finish(error, done, () -> row.getInt(0), 1));
                break;
            case POINT:
                int aid = ThreadLocalRandom.current().nextInt(1, Workload.ACCOUNTS + 1);
                pool.fetchrow(workload.sql(), aid).whenComplete((row, error) -> finish(error, done, () -> row.getInt(0), 1));
                break;
            case PGTYPE:
                read(pool.fetch(workload.sql(), -1, true), TuskClient::hashGeneric, done);
                break;
            case WIDE:
                read(pool.fetch(workload.sql()), TuskClient::hashWide, done);
                break;
            case BATCH:
                pool.executemany(workload.sql(), batchRows)
                        .whenComplete((ignored, error) -> finish(error, done, () -> 0, Workload.BATCH_ROWS));
                break;
            default:
                throw new IllegalStateException("workload " + workload.label() + " is not run by tusk-pool");
        }
    }

    private <T> void read(CompletableFuture<List<T>> rows, ToIntFunction<List<T>> hash, Done done) {
        rows.whenComplete((list, error) -> finish(error, done, () -> hash.applyAsInt(list), list == null ? 0 : list.size()));
    }

    private void finish(Throwable error, Done done, java.util.function.IntSupplier read, int count) {
        if (error != null) {
            done.failed(error);
        } else {
            sink += read.getAsInt();
            done.completed(count);
        }
    }

    @Override
    public void close() {
        pool.close();
    }
}
