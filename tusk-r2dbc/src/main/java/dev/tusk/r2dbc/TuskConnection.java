package dev.tusk.r2dbc;

import io.r2dbc.spi.Batch;
import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionMetadata;
import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.Statement;
import io.r2dbc.spi.TransactionDefinition;
import io.r2dbc.spi.ValidationDepth;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;

/**
 * An R2DBC connection over one Tusk connection. Statements run through Tusk's extended protocol
 * and pipeline: statements executed together are written without waiting for each other.
 * Every returned publisher is lazy: nothing reaches the server before it is subscribed to and
 * requested from.
 *
 * <p>Auto-commit is on unless a transaction is open or it was turned off:
 * {@link #beginTransaction()} opens a transaction, and {@link #setAutoCommit(boolean)
 * setAutoCommit(false)} begins one at once. After a commit or rollback the next transaction is
 * begun explicitly, as in r2dbc-postgresql.
 */
final class TuskConnection implements Connection {

    private final dev.tusk.Connection connection;
    private final TuskConnectionMetadata metadata;
    private volatile IsolationLevel isolationLevel;
    private volatile boolean autoCommit = true;

    private TuskConnection(dev.tusk.Connection connection, IsolationLevel isolationLevel) {
        this.connection = connection;
        this.isolationLevel = isolationLevel;
        this.metadata = new TuskConnectionMetadata(connection.getSettings().getOrDefault("server_version", ""));
    }

    /** Wraps a new Tusk connection once its default isolation level is known; closes it on failure. */
    static CompletableFuture<TuskConnection> open(dev.tusk.Connection connection) {
        return connection.<String>fetchval("SHOW default_transaction_isolation").handle((shown, failure) -> {
            if (failure != null) {
                connection.terminate();
                throw new java.util.concurrent.CompletionException(ErrorTranslator.translate(failure, null));
            }
            return new TuskConnection(connection, TransactionSql.isolationLevel(shown));
        });
    }

    /** Closes a connection nobody will use (its subscriber cancelled before it arrived). */
    static void closeQuietly(TuskConnection connection) {
        connection.connection.terminate();
    }

    /** The Tusk connection underneath. */
    dev.tusk.Connection tusk() {
        return connection;
    }

    private Publisher<Void> run(Supplier<String> sql) {
        return FuturePublisher.<Void>of(() -> statement(sql.get()));
    }

    /** Opens a transaction with the connection's isolation level; auto-commit is off until it ends. */
    @Override
    public Publisher<Void> beginTransaction() {
        return run(() -> "BEGIN");
    }

    /** Opens a transaction with the definition's isolation level, access mode and lock wait timeout. */
    @Override
    public Publisher<Void> beginTransaction(TransactionDefinition definition) {
        if (definition == null) {
            throw new IllegalArgumentException("definition must not be null");
        }
        String sql = TransactionSql.begin(definition);
        return run(() -> sql);
    }

    /** Commits the current transaction. */
    @Override
    public Publisher<Void> commitTransaction() {
        return run(() -> "COMMIT");
    }

    /** Rolls the current transaction back. */
    @Override
    public Publisher<Void> rollbackTransaction() {
        return run(() -> "ROLLBACK");
    }

    /** A savepoint in the current transaction, which is begun first when none is open. */
    @Override
    public Publisher<Void> createSavepoint(String name) {
        String savepoint = "SAVEPOINT " + TransactionSql.identifier(name);
        return run(() -> connection.isInTransaction() ? savepoint : "BEGIN;\n" + savepoint);
    }

    /** Releases a savepoint. */
    @Override
    public Publisher<Void> releaseSavepoint(String name) {
        String sql = "RELEASE SAVEPOINT " + TransactionSql.identifier(name);
        return run(() -> sql);
    }

    /** Rolls back to a savepoint. */
    @Override
    public Publisher<Void> rollbackTransactionToSavepoint(String name) {
        String sql = "ROLLBACK TO SAVEPOINT " + TransactionSql.identifier(name);
        return run(() -> sql);
    }

    /** A batch of SQL statements without parameters, run in order. */
    @Override
    public Batch createBatch() {
        return new TuskBatch(connection);
    }

    /** One SQL statement, with {@code $1, $2, ...} parameters. */
    @Override
    public Statement createStatement(String sql) {
        if (sql == null) {
            throw new IllegalArgumentException("sql must not be null");
        }
        return new TuskStatement(connection, sql);
    }

    /** True unless auto-commit was turned off or a transaction is open. */
    @Override
    public boolean isAutoCommit() {
        return autoCommit && !connection.isInTransaction();
    }

    /** PostgreSQL and the server's version. */
    @Override
    public ConnectionMetadata getMetadata() {
        return metadata;
    }

    /** The isolation level of transactions begun without one. */
    @Override
    public IsolationLevel getTransactionIsolationLevel() {
        return isolationLevel;
    }

    /**
     * Turning auto-commit off begins a transaction at once; turning it on commits the open
     * transaction. Not changing it does nothing.
     */
    @Override
    public Publisher<Void> setAutoCommit(boolean autoCommit) {
        return FuturePublisher.<Void>of(() -> {
            boolean changed = this.autoCommit != autoCommit;
            this.autoCommit = autoCommit;
            if (autoCommit && connection.isInTransaction()) {
                return statement("COMMIT");
            }
            if (!autoCommit && changed && !connection.isInTransaction()) {
                return statement("BEGIN");
            }
            return CompletableFuture.completedFuture(null);
        });
    }

    /** Runs {@code sql} (simple protocol); fails with the translated exception. */
    private CompletableFuture<Void> statement(String sql) {
        return ErrorTranslator.translating(connection.execute(sql), sql).thenApply(status -> null);
    }

    /** Sets the session's {@code lock_timeout}; {@link Duration#ZERO} for none. */
    @Override
    public Publisher<Void> setLockWaitTimeout(Duration timeout) {
        String sql = "SET lock_timeout = " + TransactionSql.millis(timeout, "timeout");
        return run(() -> sql);
    }

    /** Sets the session's {@code statement_timeout}; {@link Duration#ZERO} for none. */
    @Override
    public Publisher<Void> setStatementTimeout(Duration timeout) {
        String sql = "SET statement_timeout = " + TransactionSql.millis(timeout, "timeout");
        return run(() -> sql);
    }

    /** Sets the isolation level of the session's later transactions. */
    @Override
    public Publisher<Void> setTransactionIsolationLevel(IsolationLevel isolationLevel) {
        if (isolationLevel == null) {
            throw new IllegalArgumentException("isolationLevel must not be null");
        }
        String sql = "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + TransactionSql.isolationSql(isolationLevel);
        return FuturePublisher.<Void>of(() -> statement(sql).thenApply(done -> {
            this.isolationLevel = isolationLevel;
            return null;
        }));
    }

    /**
     * LOCAL: whether the connection is open. REMOTE: whether the server answers a query. Emits
     * true or false, never an error.
     */
    @Override
    public Publisher<Boolean> validate(ValidationDepth depth) {
        if (depth == null) {
            throw new IllegalArgumentException("depth must not be null");
        }
        if (depth == ValidationDepth.LOCAL) {
            return FuturePublisher.of(() -> CompletableFuture.completedFuture(!connection.isClosed()));
        }
        return FuturePublisher.of(() -> connection.isClosed()
                ? CompletableFuture.completedFuture(false)
                : connection.execute("SELECT 1").handle((status, failure) -> failure == null));
    }

    /** Closes the connection once the statements already sent have run. */
    @Override
    public Publisher<Void> close() {
        return FuturePublisher.<Void>of(connection::closeAsync);
    }

    @Override
    public String toString() {
        return "TuskConnection[" + connection + "]";
    }
}
