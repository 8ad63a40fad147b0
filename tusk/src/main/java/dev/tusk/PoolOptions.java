package dev.tusk;

import dev.tusk.exceptions.InterfaceException;
import java.time.Duration;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * A pool's settings, as asyncpg's {@code create_pool} arguments plus HikariCP's lifetime, acquire
 * timeout and leak detection. Immutable and validated when built: an impossible value fails with
 * an {@link InterfaceException} that names the option. {@link #toString()} masks the password.
 *
 * <pre>{@code
 * PoolOptions options = PoolOptions.builder()
 *         .dsn("postgresql://app@db.example.com/app")
 *         .minSize(2).maxSize(20)
 *         .acquireTimeout(Duration.ofSeconds(5))
 *         .setup(conn -> conn.execute("SET statement_timeout = '10s'"))
 *         .build();
 * }</pre>
 */
public final class PoolOptions {

    /** The default {@link #minSize()}, as in asyncpg. */
    public static final int DEFAULT_MIN_SIZE = 10;
    /** The default {@link #maxSize()}, as in asyncpg. */
    public static final int DEFAULT_MAX_SIZE = 10;
    /** The default {@link #maxQueries()}, as in asyncpg. */
    public static final long DEFAULT_MAX_QUERIES = 50_000;
    /** The default {@link #maxInactiveConnectionLifetime()}, as in asyncpg. */
    public static final Duration DEFAULT_MAX_INACTIVE_CONNECTION_LIFETIME = Duration.ofSeconds(300);
    /** The default {@link #maxLifetime()}, as in HikariCP. */
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    /** The default {@link #acquireTimeout()}, as in HikariCP. */
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(30);

    private final ConnectOptions connectOptions;
    private final int minSize;
    private final int maxSize;
    private final long maxQueries;
    private final Duration maxInactiveConnectionLifetime;
    private final Duration maxLifetime;
    private final Duration acquireTimeout;
    private final Duration leakDetectionThreshold;
    private final Function<? super ConnectOptions, ? extends CompletionStage<? extends Connection>> connect;
    private final Function<? super Connection, ? extends CompletionStage<?>> setup;
    private final Function<? super Connection, ? extends CompletionStage<?>> init;
    private final Function<? super Connection, ? extends CompletionStage<?>> reset;
    private final PoolListener listener;

    private PoolOptions(Builder b, ConnectOptions connectOptions) {
        this.connectOptions = connectOptions;
        this.minSize = b.minSize;
        this.maxSize = b.maxSize;
        this.maxQueries = b.maxQueries;
        this.maxInactiveConnectionLifetime = b.maxInactiveConnectionLifetime;
        this.maxLifetime = b.maxLifetime;
        this.acquireTimeout = b.acquireTimeout;
        this.leakDetectionThreshold = b.leakDetectionThreshold;
        this.connect = b.connect;
        this.setup = b.setup;
        this.init = b.init;
        this.reset = b.reset;
        this.listener = b.listener;
    }

    /**
     * Starts a builder with every default.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the options each new connection is opened with */
    public ConnectOptions connectOptions() {
        return connectOptions;
    }

    /** @return the number of connections opened when the pool starts and kept when replacing */
    public int minSize() {
        return minSize;
    }

    /** @return the most connections the pool opens */
    public int maxSize() {
        return maxSize;
    }

    /** @return the number of queries after which a connection is replaced at its release */
    public long maxQueries() {
        return maxQueries;
    }

    /** @return how long a connection may stay idle before it is closed; zero: forever */
    public Duration maxInactiveConnectionLifetime() {
        return maxInactiveConnectionLifetime;
    }

    /** @return how long a connection may live before it is replaced (when idle); zero: forever */
    public Duration maxLifetime() {
        return maxLifetime;
    }

    /** @return how long {@link Pool#acquire()} waits, and the bound on a release's reset */
    public Duration acquireTimeout() {
        return acquireTimeout;
    }

    /** @return how long a connection may be held before a leak is reported; zero: never */
    public Duration leakDetectionThreshold() {
        return leakDetectionThreshold;
    }

    /** @return the function that opens a connection */
    public Function<? super ConnectOptions, ? extends CompletionStage<? extends Connection>> connect() {
        return connect;
    }

    /**
     * @return whether connections are opened by {@link Tusk#connect(ConnectOptions)} (no custom
     *         {@code connect} function); only then do the pool's connections share the user-defined
     *         types they look up
     */
    public boolean usesDefaultConnect() {
        return connect == DEFAULT_CONNECT;
    }

    /** @return the function run on each acquire before the connection is handed out, or null */
    public Function<? super Connection, ? extends CompletionStage<?>> setup() {
        return setup;
    }

    /** @return the function run once on each new connection, or null */
    public Function<? super Connection, ? extends CompletionStage<?>> init() {
        return init;
    }

    /** @return the function run on each release to clean the session */
    public Function<? super Connection, ? extends CompletionStage<?>> reset() {
        return reset;
    }

    /**
     * @return whether {@link #reset()} is the default, {@link Connection#reset()}: the pool then
     *     writes the reset of a one-call method ({@code pool.fetch}, ...) into the call's own flight
     */
    public boolean resetsByDefault() {
        return reset == DEFAULT_RESET;
    }

    /** @return the listener of the pool's events, or null */
    public PoolListener listener() {
        return listener;
    }

    /** Every setting; the connect options' secrets are shown as {@code ***}. */
    @Override
    public String toString() {
        return new StringJoiner(", ", "PoolOptions[", "]")
                .add("connectOptions=" + connectOptions).add("minSize=" + minSize).add("maxSize=" + maxSize)
                .add("maxQueries=" + maxQueries)
                .add("maxInactiveConnectionLifetime=" + maxInactiveConnectionLifetime)
                .add("maxLifetime=" + maxLifetime).add("acquireTimeout=" + acquireTimeout)
                .add("leakDetectionThreshold=" + leakDetectionThreshold)
                .add("connect=" + (connect == DEFAULT_CONNECT ? "default" : "custom"))
                .add("setup=" + (setup == null ? "none" : "custom")).add("init=" + (init == null ? "none" : "custom"))
                .add("reset=" + (reset == DEFAULT_RESET ? "default" : "custom"))
                .add("listener=" + (listener == null ? "none" : listener.getClass().getName()))
                .toString();
    }

    private static final Function<ConnectOptions, CompletionStage<Connection>> DEFAULT_CONNECT = Tusk::connect;
    private static final Function<Connection, CompletionStage<Void>> DEFAULT_RESET = Connection::reset;

    /** Collects settings; {@link #build()} validates them. Not thread-safe. */
    public static final class Builder {

        private ConnectOptions connectOptions;
        private String dsn;
        private int minSize = DEFAULT_MIN_SIZE;
        private int maxSize = DEFAULT_MAX_SIZE;
        private long maxQueries = DEFAULT_MAX_QUERIES;
        private Duration maxInactiveConnectionLifetime = DEFAULT_MAX_INACTIVE_CONNECTION_LIFETIME;
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private Duration acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;
        private Duration leakDetectionThreshold = Duration.ZERO;
        private Function<? super ConnectOptions, ? extends CompletionStage<? extends Connection>> connect = DEFAULT_CONNECT;
        private Function<? super Connection, ? extends CompletionStage<?>> setup;
        private Function<? super Connection, ? extends CompletionStage<?>> init;
        private Function<? super Connection, ? extends CompletionStage<?>> reset = DEFAULT_RESET;
        private PoolListener listener;

        private Builder() {
        }

        /**
         * Sets the options each connection is opened with. Replaces an earlier {@link #dsn(String)}.
         *
         * @param connectOptions the connect options
         * @return this builder
         */
        public Builder connectOptions(ConnectOptions connectOptions) {
            this.connectOptions = Objects.requireNonNull(connectOptions, "connectOptions");
            this.dsn = null;
            return this;
        }

        /**
         * Sets a connection string to open connections with, parsed by {@link ConnectOptions#parse(String)}
         * at {@link #build()}. Replaces earlier {@link #connectOptions(ConnectOptions)}.
         *
         * @param dsn a libpq URI or {@code key=value} string
         * @return this builder
         */
        public Builder dsn(String dsn) {
            this.dsn = Objects.requireNonNull(dsn, "dsn");
            this.connectOptions = null;
            return this;
        }

        /**
         * Sets how many connections are opened at start (default 10); zero opens them on demand.
         *
         * @param minSize at least 0 and at most {@link #maxSize(int)}
         * @return this builder
         */
        public Builder minSize(int minSize) {
            if (minSize < 0) {
                throw new InterfaceException("minSize: " + minSize + " (expected: >= 0)");
            }
            this.minSize = minSize;
            return this;
        }

        /**
         * Sets the most connections the pool opens (default 10).
         *
         * @param maxSize at least 1
         * @return this builder
         */
        public Builder maxSize(int maxSize) {
            if (maxSize < 1) {
                throw new InterfaceException("maxSize: " + maxSize + " (expected: >= 1)");
            }
            this.maxSize = maxSize;
            return this;
        }

        /**
         * Sets how many queries a connection runs before it is replaced at its release (default 50000).
         *
         * @param maxQueries at least 1
         * @return this builder
         */
        public Builder maxQueries(long maxQueries) {
            if (maxQueries < 1) {
                throw new InterfaceException("maxQueries: " + maxQueries + " (expected: >= 1)");
            }
            this.maxQueries = maxQueries;
            return this;
        }

        /**
         * Sets how long a connection may stay idle before it is closed (default 300 s). Closed
         * idle connections are reopened on demand. Zero keeps idle connections forever.
         *
         * @param lifetime zero or positive
         * @return this builder
         */
        public Builder maxInactiveConnectionLifetime(Duration lifetime) {
            this.maxInactiveConnectionLifetime = notNegative("maxInactiveConnectionLifetime", lifetime);
            return this;
        }

        /**
         * Sets how long a connection may live (default 30 minutes); older connections are replaced
         * when idle or at release. Each connection gets up to 2.5% less, so that they do not all
         * expire at once. Zero: no limit.
         *
         * @param lifetime zero or positive
         * @return this builder
         */
        public Builder maxLifetime(Duration lifetime) {
            this.maxLifetime = notNegative("maxLifetime", lifetime);
            return this;
        }

        /**
         * Sets how long an acquire waits for a connection (default 30 s); also the bound on the
         * reset run at release.
         *
         * @param timeout positive
         * @return this builder
         */
        public Builder acquireTimeout(Duration timeout) {
            notNegative("acquireTimeout", timeout);
            if (timeout.isZero()) {
                throw new InterfaceException("acquireTimeout: " + timeout + " (expected: > 0)");
            }
            this.acquireTimeout = timeout;
            return this;
        }

        /**
         * Sets how long a connection may be held before the pool logs a warning with the stack
         * that acquired it (default zero: off). Capturing that stack costs a little on each acquire.
         *
         * @param threshold zero or positive
         * @return this builder
         */
        public Builder leakDetectionThreshold(Duration threshold) {
            this.leakDetectionThreshold = notNegative("leakDetectionThreshold", threshold);
            return this;
        }

        /**
         * Sets the function that opens a connection (default {@link Tusk#connect(ConnectOptions)}),
         * e.g. to wrap or instrument connections.
         *
         * @param connect given the connect options, returns the opened connection
         * @return this builder
         */
        public Builder connect(Function<? super ConnectOptions, ? extends CompletionStage<? extends Connection>> connect) {
            this.connect = Objects.requireNonNull(connect, "connect");
            return this;
        }

        /**
         * Sets a function run on each acquire, before the connection is handed out; its failure
         * fails the acquire and releases the connection. It must complete within what is left of
         * the acquire's timeout: past it the acquire fails with {@code PoolTimeoutException} and
         * the connection is closed (the function may still be using it). A connection that closed
         * while it ran is never handed out.
         *
         * @param setup given the pooled connection, returns when it is ready; null: none
         * @return this builder
         */
        public Builder setup(Function<? super Connection, ? extends CompletionStage<?>> setup) {
            this.setup = setup;
            return this;
        }

        /**
         * Sets a function run once on each new connection before it joins the pool (e.g. to set
         * session defaults); its failure closes the connection and counts as a connect failure.
         * It must complete within {@link #acquireTimeout}; past it the connection is closed and
         * the attempt counts as a connect failure.
         *
         * @param init given the new connection, returns when it is ready; null: none
         * @return this builder
         */
        public Builder init(Function<? super Connection, ? extends CompletionStage<?>> init) {
            this.init = init;
            return this;
        }

        /**
         * Sets the function that cleans a session on release (default {@link Connection#reset()}).
         * The pool rolls back an open transaction before calling it; a connection whose reset
         * fails, or that is still in a transaction after it, is closed and replaced.
         *
         * @param reset given the released connection, returns when it is clean
         * @return this builder
         */
        public Builder reset(Function<? super Connection, ? extends CompletionStage<?>> reset) {
            this.reset = Objects.requireNonNull(reset, "reset");
            return this;
        }

        /**
         * Sets a listener of the pool's events.
         *
         * @param listener the listener; null: none
         * @return this builder
         */
        public Builder listener(PoolListener listener) {
            this.listener = listener;
            return this;
        }

        /**
         * Validates the settings and builds the options.
         *
         * @return the options
         * @throws InterfaceException when no connect options or DSN was given, or
         *     {@code minSize > maxSize}
         */
        public PoolOptions build() {
            if (minSize > maxSize) {
                throw new InterfaceException("minSize: " + minSize + " (expected: <= maxSize " + maxSize + ")");
            }
            ConnectOptions options = connectOptions != null ? connectOptions : dsn != null ? ConnectOptions.parse(dsn) : null;
            if (options == null) {
                throw new InterfaceException("connectOptions: not set (expected: connectOptions(...) or dsn(...))");
            }
            return new PoolOptions(this, options);
        }

        private static Duration notNegative(String option, Duration value) {
            Objects.requireNonNull(value, option);
            if (value.isNegative()) {
                throw new InterfaceException(option + ": " + value + " (expected: >= 0)");
            }
            return value;
        }
    }
}
