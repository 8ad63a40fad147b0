package dev.tusk.internal.pool;

import dev.tusk.Connection;
import dev.tusk.internal.connection.PgConnection;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** One connection of a pool and what the pool knows about it: age, last use, queries, retirement. */
final class PoolEntry {

    final Connection connection;
    final long createdNanos;
    /** Nanoseconds after creation at which the connection retires; 0: never. */
    private final long lifetimeNanos;
    final int generation;
    private final AtomicLong queries = new AtomicLong();
    private final AtomicBoolean discarded = new AtomicBoolean();
    private volatile long idleSinceNanos;
    /** The proxy lent to the current user, or null when idle. */
    volatile PooledConnectionProxy lentTo;

    PoolEntry(Connection connection, long createdNanos, long lifetimeNanos, int generation) {
        this.connection = connection;
        this.createdNanos = createdNanos;
        this.lifetimeNanos = lifetimeNanos;
        this.generation = generation;
        this.idleSinceNanos = createdNanos;
    }

    /** Whether the calling thread is the event loop of this entry's connection (false for a caller's own connection). */
    boolean servedByCallingThread() {
        return connection instanceof PgConnection pg && pg.inEventLoop();
    }

    void countQuery() {
        queries.incrementAndGet();
    }

    long queries() {
        return queries.get();
    }

    void markIdle(long nowNanos) {
        idleSinceNanos = nowNanos;
    }

    boolean idleLongerThan(long nanos, long nowNanos) {
        return nanos > 0 && nowNanos - idleSinceNanos >= nanos;
    }

    boolean lifetimeExceeded(long nowNanos) {
        return lifetimeNanos > 0 && nowNanos - createdNanos >= lifetimeNanos;
    }

    /** Marks the entry as leaving the pool; true for the one caller that does so. */
    boolean markDiscarded() {
        return discarded.compareAndSet(false, true);
    }

    boolean isDiscarded() {
        return discarded.get();
    }

    @Override
    public String toString() {
        return connection.toString();
    }
}
