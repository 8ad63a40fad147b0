package dev.tusk;

import dev.tusk.internal.connection.HostSelector;
import dev.tusk.internal.pool.ConnectionPool;
import java.util.concurrent.CompletableFuture;

/**
 * Entry point: opens connections, as asyncpg's {@code connect()}.
 *
 * <pre>{@code
 * Connection conn = Tusk.connect("postgresql://app:secret@db.example.com/app").join();
 * }</pre>
 */
public final class Tusk {

    private Tusk() {
    }

    /**
     * Connects with a libpq connection string: a URI ({@code postgresql://user:pw@host:5432/db?sslmode=require})
     * or {@code key=value} pairs ({@code host=db user=app dbname=app}). Settings missing from the
     * string come from the libpq environment variables (PGHOST, PGUSER, ...) and then the defaults.
     */
    public static CompletableFuture<Connection> connect(String dsn) {
        return connect(ConnectOptions.parse(dsn));
    }

    /** Connects as the options describe. */
    public static CompletableFuture<Connection> connect(ConnectOptions options) {
        return HostSelector.connect(options);
    }

    /**
     * Creates a connection pool, as asyncpg's {@code create_pool()}. The future completes when
     * {@link PoolOptions#minSize()} connections are open; when one of them cannot be opened, it
     * fails with that connection's error and nothing stays open.
     *
     * @param options the pool's settings, with the connect options inside
     * @return the pool
     */
    public static CompletableFuture<Pool> createPool(PoolOptions options) {
        return ConnectionPool.create(options);
    }
}
