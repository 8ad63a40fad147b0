package dev.tusk.internal.pool;

import dev.tusk.CopyOptions;
import dev.tusk.CopySink;
import dev.tusk.CopySource;
import dev.tusk.Pool;
import dev.tusk.PooledConnection;
import dev.tusk.Record;
import dev.tusk.internal.command.ResultCollector;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.function.Function;

/**
 * The pool's own query methods, each one acquire, one call and one release: asyncpg's
 * {@code pool.execute}, {@code pool.fetch}, ...
 *
 * <p>A method that makes exactly one call releases the connection as soon as the call is made:
 * the reset is queued on the connection right behind the call, written with it and answered with
 * it, so the pair costs one round trip instead of two; the result completes when the release
 * does, or a short grace after the call if the reset is slower. The reset still runs, and must
 * succeed, before the connection is lent again. A single statement of the extended protocol goes
 * further with the default reset: the reset rides in the call's own flight ({@link #queryAndRelease}).
 * The other methods ({@link #withConnection}, COPY, streams) release when their work completes and
 * return without waiting for the reset.
 */
abstract class PoolQueries implements Pool {

    @Override
    public <T> CompletableFuture<T> withConnection(Function<? super PooledConnection, ? extends CompletionStage<T>> work) {
        Objects.requireNonNull(work, "work");
        return acquire().thenCompose(connection -> Futures.<PooledConnection, T>call(work, connection)
                .whenComplete((value, failure) -> connection.close()));
    }

    /**
     * {@link #withConnection} for a function that makes exactly one call on the connection, at
     * once; see {@link #callAndRelease}.
     */
    private <T> CompletableFuture<T> withOneCall(Function<? super PooledConnection, ? extends CompletionStage<T>> call) {
        PooledConnection idle = lendIdleNow();
        if (idle != null) {
            return callAndRelease(idle, call);
        }
        return acquire().thenCompose(connection -> callAndRelease(connection, call));
    }

    /**
     * Makes {@code call} on {@code connection} and releases it at once, its reset queued behind
     * the call; the result completes with the call's outcome once the connection is back (as
     * asyncpg's {@code pool.fetch} returns after the release, so that the caller's next call finds
     * it idle), or a short grace after the call when the reset is slower (a slow or broken network
     * must not hold the caller's answer).
     */
    abstract <T> CompletableFuture<T> callAndRelease(PooledConnection connection,
            Function<? super PooledConnection, ? extends CompletionStage<T>> call);

    /**
     * {@link #withOneCall} for one statement of the extended protocol, which the pool may run with
     * the reset in the same flight; see {@link #queryAndRelease}.
     */
    private <T> CompletableFuture<T> withOneQuery(Duration timeout, String sql, Object[] args, ResultCollector<T> collector,
            Function<? super PooledConnection, ? extends CompletionStage<T>> call) {
        PooledConnection idle = lendIdleNow();
        if (idle != null) {
            return queryAndRelease(idle, timeout, sql, args, collector, call);
        }
        return acquire().thenCompose(connection -> queryAndRelease(connection, timeout, sql, args, collector, call));
    }

    /** What {@link #acquire()} would complete with at once, without a future around it; null when it would wait. */
    abstract PooledConnection lendIdleNow();

    /**
     * {@link #callAndRelease} for one statement of the extended protocol: with the default reset,
     * on a connection of Tusk's own, the reset is written into the call's flight, so that the
     * server runs both in one transaction and answers once (see
     * {@link dev.tusk.internal.command.TrailingReset}); else {@code call} is made as by
     * {@link #callAndRelease}.
     */
    abstract <T> CompletableFuture<T> queryAndRelease(PooledConnection connection, Duration timeout, String sql,
            Object[] args, ResultCollector<T> collector,
            Function<? super PooledConnection, ? extends CompletionStage<T>> call);

    @Override
    public <T> CompletableFuture<T> withTransaction(Function<? super PooledConnection, ? extends CompletionStage<T>> work) {
        Objects.requireNonNull(work, "work");
        return withConnection(connection -> connection.inTransaction(ignored -> work.apply(connection)));
    }

    @Override
    public CompletableFuture<String> execute(String sql) {
        return withOneCall(connection -> connection.execute(sql));
    }

    @Override
    public CompletableFuture<String> execute(String sql, Object... args) {
        return withOneQuery(null, sql, args, ResultCollector.status(), connection -> connection.execute(sql, args));
    }

    @Override
    public CompletableFuture<List<Record>> fetch(String sql, Object... args) {
        return withOneQuery(null, sql, args, ResultCollector.rows(), connection -> connection.fetch(sql, args));
    }

    @Override
    public CompletableFuture<Record> fetchrow(String sql, Object... args) {
        return withOneQuery(null, sql, args, ResultCollector.firstRow(), connection -> connection.fetchrow(sql, args));
    }

    @Override
    public <T> CompletableFuture<T> fetchval(String sql, Object... args) {
        return withOneQuery(null, sql, args, ResultCollector.value(0), connection -> connection.<T>fetchval(sql, args));
    }


    @Override
    public Flow.Publisher<Record> stream(String sql, Object... args) {
        return subscriber -> streamTo(subscriber, sql, args);
    }

    @Override
    public CompletableFuture<String> streamTo(Flow.Subscriber<? super Record> subscriber, String sql, Object... args) {
        Objects.requireNonNull(subscriber, "subscriber");
        CompletableFuture<String> result = new CompletableFuture<>();
        acquire().whenComplete((connection, failure) -> {
            if (failure != null) {
                Throwable cause = Futures.unwrap(failure);
                Subscriptions.fail(subscriber, cause);
                result.completeExceptionally(cause);
                return;
            }
            if (result.isCancelled()) {
                connection.close();
                Subscriptions.cancelled(subscriber);
                return;
            }
            CompletableFuture<String> status;
            try {
                status = connection.streamTo(subscriber, sql, args);
            } catch (RuntimeException refused) {
                // refused before it subscribed (a null or empty statement)
                connection.close();
                Subscriptions.fail(subscriber, refused);
                result.completeExceptionally(refused);
                return;
            }
            status.whenComplete((value, error) -> {
                connection.close();
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(value);
                }
            });
            result.whenComplete((value, error) -> {
                if (result.isCancelled()) {
                    status.cancel(false); // cancels the stream, as the connection's own streamTo does
                }
            });
        });
        return result;
    }

    @Override
    public CompletableFuture<Void> executemany(String sql, Iterable<?> rows) {
        return withOneCall(connection -> connection.executemany(sql, rows));
    }

    @Override
    public CompletableFuture<List<Record>> fetchmany(String sql, Iterable<?> rows) {
        return withOneCall(connection -> connection.fetchmany(sql, rows));
    }

    @Override
    public CompletableFuture<String> execute(Duration timeout, String sql, Object... args) {
        return withOneQuery(timeout, sql, args, ResultCollector.status(),
                connection -> connection.execute(timeout, sql, args));
    }

    @Override
    public CompletableFuture<List<Record>> fetch(Duration timeout, String sql, Object... args) {
        return withOneQuery(timeout, sql, args, ResultCollector.rows(), connection -> connection.fetch(timeout, sql, args));
    }

    @Override
    public CompletableFuture<Record> fetchrow(Duration timeout, String sql, Object... args) {
        return withOneQuery(timeout, sql, args, ResultCollector.firstRow(),
                connection -> connection.fetchrow(timeout, sql, args));
    }

    @Override
    public <T> CompletableFuture<T> fetchval(Duration timeout, String sql, Object... args) {
        return withOneQuery(timeout, sql, args, ResultCollector.value(0),
                connection -> connection.<T>fetchval(timeout, sql, args));
    }

    @Override
    public CompletableFuture<Void> executemany(Duration timeout, String sql, Iterable<?> rows) {
        return withOneCall(connection -> connection.executemany(timeout, sql, rows));
    }

    @Override
    public CompletableFuture<List<Record>> fetchmany(Duration timeout, String sql, Iterable<?> rows) {
        return withOneCall(connection -> connection.fetchmany(timeout, sql, rows));
    }

    @Override
    public CompletableFuture<String> copyFromTable(String table, CopySink output, CopyOptions options) {
        return withConnection(connection -> connection.copyFromTable(table, output, options));
    }

    @Override
    public CompletableFuture<String> copyFromQuery(String query, CopySink output, CopyOptions options) {
        return withConnection(connection -> connection.copyFromQuery(query, output, options));
    }

    @Override
    public CompletableFuture<String> copyToTable(String table, CopySource source, CopyOptions options) {
        return withConnection(connection -> connection.copyToTable(table, source, options));
    }

    @Override
    public CompletableFuture<String> copyRecordsToTable(String table, Iterable<?> records, CopyOptions options) {
        return withConnection(connection -> connection.copyRecordsToTable(table, records, options));
    }

    @Override
    public CompletableFuture<String> copyRecordsToTable(String table, Flow.Publisher<?> records, CopyOptions options) {
        return withConnection(connection -> connection.copyRecordsToTable(table, records, options));
    }
}
