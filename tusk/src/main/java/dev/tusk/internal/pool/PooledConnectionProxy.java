package dev.tusk.internal.pool;

import dev.tusk.Connection;
import dev.tusk.CopyOptions;
import dev.tusk.CopySink;
import dev.tusk.CopySource;
import dev.tusk.CursorFactory;
import dev.tusk.IsolationLevel;
import dev.tusk.LogListener;
import dev.tusk.LoggedQuery;
import dev.tusk.NotificationListener;
import dev.tusk.PooledConnection;
import dev.tusk.PreparedStatement;
import dev.tusk.ProtocolVersion;
import dev.tusk.QueryResult;
import dev.tusk.Record;
import dev.tusk.ServerVersion;
import dev.tusk.Transaction;
import dev.tusk.exceptions.InterfaceException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * What {@link dev.tusk.Pool#acquire()} hands out: every call goes to the pooled connection until
 * release, then fails with {@link InterfaceException}. A new proxy is made for each acquire, so a
 * reference kept after release can never reach the connection's next user. Calls that run a
 * query are counted toward {@link dev.tusk.PoolOptions#maxQueries()}.
 */
final class PooledConnectionProxy implements PooledConnection {

    private static final AtomicReferenceFieldUpdater<PooledConnectionProxy, PoolEntry> ENTRY =
            AtomicReferenceFieldUpdater.newUpdater(PooledConnectionProxy.class, PoolEntry.class, "entry");

    final ConnectionPool pool;
    final long lentNanos;
    /** Where the connection was acquired; null when leak detection is off. */
    final Throwable acquiredAt;
    private volatile PoolEntry entry;
    private boolean leakReported;
    private volatile BorrowedListeners listeners;
    /** The last top-level transaction started through this proxy; the release rolls it back if still active. */
    private volatile Transaction topLevel;

    PooledConnectionProxy(ConnectionPool pool, PoolEntry entry, long lentNanos, Throwable acquiredAt) {
        this.pool = pool;
        this.entry = entry;
        this.lentNanos = lentNanos;
        this.acquiredAt = acquiredAt;
    }

    /** The pooled connection underneath, or null once released. */
    Connection connectionOrNull() {
        PoolEntry current = entry;
        return current != null ? current.connection : null;
    }

    /** The pooled connection's entry, or null once released. */
    PoolEntry entryOrNull() {
        return entry;
    }

    /** Cuts the proxy from its connection; returns the entry to the one caller that does so. */
    PoolEntry detach() {
        PoolEntry current = entry;
        return current != null && ENTRY.compareAndSet(this, current, null) ? current : null;
    }

    /** Removes the listeners added through this proxy from the connection, after {@link #detach()}. */
    void removeListenersFrom(Connection connection) {
        BorrowedListeners added = listeners;
        if (added != null) {
            added.removeFrom(connection);
        }
    }

    private synchronized BorrowedListeners listeners() {
        if (listeners == null) {
            listeners = new BorrowedListeners();
        }
        return listeners;
    }

    /** True once, when the connection has been held past the threshold; housekeeper thread only. */
    boolean leakDue(long nowNanos, long thresholdNanos) {
        if (leakReported || entry == null || nowNanos - lentNanos < thresholdNanos) {
            return false;
        }
        leakReported = true;
        return true;
    }

    private Connection live(String method) {
        PoolEntry current = entry;
        if (current == null) {
            throw new InterfaceException("cannot call Connection." + method
                    + "(): the connection has been released back to the pool");
        }
        return current.connection;
    }

    /** Throws unless this borrower still holds the connection that {@code what} belongs to. */
    private void stillHeld(String what) {
        if (entry == null) {
            throw new InterfaceException("cannot use " + what + ": its connection has been released back to the pool");
        }
    }

    private Connection query(String method) {
        PoolEntry current = entry;
        if (current == null) {
            return live(method);
        }
        current.countQuery();
        return current.connection;
    }

    @Override
    public CompletableFuture<String> execute(String sql) {
        return query("execute").execute(sql);
    }

    @Override
    public CompletableFuture<String> execute(String sql, Object... args) {
        return query("execute").execute(sql, args);
    }

    @Override
    public CompletableFuture<List<Record>> fetch(String sql, Object... args) {
        return query("fetch").fetch(sql, args);
    }

    @Override
    public CompletableFuture<Record> fetchrow(String sql, Object... args) {
        return query("fetchrow").fetchrow(sql, args);
    }

    @Override
    public <T> CompletableFuture<T> fetchval(String sql, Object... args) {
        return query("fetchval").fetchval(sql, args);
    }

    @Override
    public CompletableFuture<String> execute(Duration timeout, String sql, Object... args) {
        return query("execute").execute(timeout, sql, args);
    }

    @Override
    public CompletableFuture<List<Record>> fetch(Duration timeout, String sql, Object... args) {
        return query("fetch").fetch(timeout, sql, args);
    }

    @Override
    public CompletableFuture<Record> fetchrow(Duration timeout, String sql, Object... args) {
        return query("fetchrow").fetchrow(timeout, sql, args);
    }

    @Override
    public <T> CompletableFuture<T> fetchval(Duration timeout, String sql, Object... args) {
        return query("fetchval").fetchval(timeout, sql, args);
    }

    @Override
    public CompletableFuture<QueryResult> fetchResult(String sql, Object... args) {
        return query("fetchResult").fetchResult(sql, args);
    }

    @Override
    public CompletableFuture<QueryResult> fetchResult(Duration timeout, String sql, Object... args) {
        return query("fetchResult").fetchResult(timeout, sql, args);
    }

    @Override
    public CompletableFuture<Void> executemany(String sql, Iterable<?> rows) {
        return query("executemany").executemany(sql, rows);
    }

    @Override
    public CompletableFuture<List<Record>> fetchmany(String sql, Iterable<?> rows) {
        return query("fetchmany").fetchmany(sql, rows);
    }

    @Override
    public CompletableFuture<Void> executemany(Duration timeout, String sql, Iterable<?> rows) {
        return query("executemany").executemany(timeout, sql, rows);
    }

    @Override
    public CompletableFuture<List<Record>> fetchmany(Duration timeout, String sql, Iterable<?> rows) {
        return query("fetchmany").fetchmany(timeout, sql, rows);
    }

    @Override
    public CompletableFuture<PreparedStatement> prepare(String sql) {
        return query("prepare").prepare(sql).thenApply(statement -> new HeldPreparedStatement(statement,
                () -> stillHeld("the prepared statement " + statement.getName())));
    }

    @Override
    public Flow.Publisher<Record> stream(String sql, Object... args) {
        return whileHeld(live("stream").stream(sql, args));
    }

    @Override
    public Flow.Publisher<Record> stream(Duration timeout, String sql, Object... args) {
        return whileHeld(live("stream").stream(timeout, sql, args));
    }

    /**
     * A stream subscribes when its subscriber wants, perhaps after the connection went back to the
     * pool (and to another borrower): it runs only if this proxy still holds the connection.
     */
    private Flow.Publisher<Record> whileHeld(Flow.Publisher<Record> rows) {
        return Subscriptions.whileHeld(() -> query("stream"), rows);
    }

    @Override
    public CompletableFuture<String> streamTo(Flow.Subscriber<? super Record> subscriber, String sql, Object... args) {
        return query("streamTo").streamTo(subscriber, sql, args);
    }

    @Override
    public CursorFactory cursor(String sql, Object... args) {
        return new HeldCursorFactory(query("cursor").cursor(sql, args), () -> stillHeld("the cursor"));
    }

    @Override
    public CompletableFuture<String> copyFromTable(String table, CopySink output, CopyOptions options) {
        return query("copyFromTable").copyFromTable(table, output, options);
    }

    @Override
    public CompletableFuture<String> copyFromQuery(String sql, CopySink output, CopyOptions options) {
        return query("copyFromQuery").copyFromQuery(sql, output, options);
    }

    @Override
    public CompletableFuture<String> copyToTable(String table, CopySource source, CopyOptions options) {
        return query("copyToTable").copyToTable(table, source, options);
    }

    @Override
    public CompletableFuture<String> copyRecordsToTable(String table, Iterable<?> records, CopyOptions options) {
        return query("copyRecordsToTable").copyRecordsToTable(table, records, options);
    }

    @Override
    public CompletableFuture<String> copyRecordsToTable(String table, Flow.Publisher<?> records, CopyOptions options) {
        return query("copyRecordsToTable").copyRecordsToTable(table, records, options);
    }

    @Override
    public Transaction transaction() {
        return held(live("transaction").transaction());
    }

    @Override
    public Transaction transaction(IsolationLevel isolation, boolean readOnly, boolean deferrable) {
        return held(live("transaction").transaction(isolation, readOnly, deferrable));
    }

    private Transaction held(Transaction transaction) {
        return new HeldTransaction(transaction, this, () -> stillHeld("the transaction"), () -> entry == null,
                this::started);
    }

    private void started(Transaction transaction) {
        if (!transaction.isNested() && transaction.isActive()) {
            topLevel = transaction;
        }
    }

    /**
     * The top-level transaction this borrower started and left active, or null. Rolling it back
     * through itself (not with a bare ROLLBACK) makes the connection forget it, so that the next
     * borrower's transaction is not taken for a savepoint of it whatever the pool's reset does.
     */
    Transaction activeTransaction() {
        Transaction transaction = topLevel;
        return transaction != null && transaction.isActive() ? transaction : null;
    }

    @Override
    public <T> CompletableFuture<T> inTransaction(Function<? super Connection, ? extends CompletionStage<T>> work) {
        Objects.requireNonNull(work, "work");
        return held(live("inTransaction").transaction()).run(work);
    }

    @Override
    public CompletableFuture<Void> addListener(String channel, NotificationListener listener) {
        Objects.requireNonNull(listener, "listener");
        NotificationListener registered = (connection, processId, name, payload) ->
                listener.onNotification(this, processId, name, payload);
        CompletableFuture<Void> added = query("addListener").addListener(channel, registered);
        listeners().addNotification(channel, listener, registered);
        return added;
    }

    @Override
    public CompletableFuture<Void> removeListener(String channel, NotificationListener listener) {
        Connection connection = live("removeListener");
        return connection.removeListener(channel, listeners().removeNotification(channel, listener));
    }

    @Override
    public void addLogListener(LogListener listener) {
        Objects.requireNonNull(listener, "listener");
        LogListener registered = (connection, message) -> listener.onLogMessage(this, message);
        live("addLogListener").addLogListener(registered);
        listeners().addLog(listener, registered);
    }

    @Override
    public void removeLogListener(LogListener listener) {
        Connection connection = live("removeLogListener");
        connection.removeLogListener(listeners().removeLog(listener));
    }

    @Override
    public void addTerminationListener(Consumer<? super Connection> listener) {
        Objects.requireNonNull(listener, "listener");
        Consumer<Connection> registered = connection -> listener.accept(this);
        live("addTerminationListener").addTerminationListener(registered);
        listeners().addTermination(listener, registered);
    }

    @Override
    public void removeTerminationListener(Consumer<? super Connection> listener) {
        Connection connection = live("removeTerminationListener");
        connection.removeTerminationListener(listeners().removeTermination(listener));
    }

    @Override
    public void addQueryLogger(Consumer<? super LoggedQuery> logger) {
        live("addQueryLogger").addQueryLogger(logger);
        listeners().addQueryLogger(logger);
    }

    @Override
    public void removeQueryLogger(Consumer<? super LoggedQuery> logger) {
        Connection connection = live("removeQueryLogger");
        connection.removeQueryLogger(listeners().removeQueryLogger(logger));
    }

    @Override
    public boolean isInTransaction() {
        return live("isInTransaction").isInTransaction();
    }

    @Override
    public boolean isClosed() {
        PoolEntry current = entry;
        return current == null || current.connection.isClosed();
    }

    @Override
    public boolean isReleased() {
        return entry == null;
    }

    @Override
    public int getServerPid() {
        return live("getServerPid").getServerPid();
    }

    @Override
    public ServerVersion getServerVersion() {
        return live("getServerVersion").getServerVersion();
    }

    @Override
    public ProtocolVersion getProtocolVersion() {
        return live("getProtocolVersion").getProtocolVersion();
    }

    @Override
    public Map<String, String> getSettings() {
        return live("getSettings").getSettings();
    }

    @Override
    public String getResetQuery() {
        return live("getResetQuery").getResetQuery();
    }

    /**
     * Ends the listeners added through this proxy before the reset's UNLISTEN *, as asyncpg's
     * reset does: left registered, they would make the connection believe it still listens, and a
     * later addListener on their channel would send no LISTEN.
     */
    @Override
    public CompletableFuture<Void> reset() {
        Connection connection = live("reset");
        BorrowedListeners added = listeners;
        if (added != null) {
            added.removeNotificationAndLogListenersFrom(connection);
        }
        return connection.reset();
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        return pool.release(this);
    }

    @Override
    public void close() {
        pool.release(this);
    }

    @Override
    public void terminate() {
        PoolEntry current = entry;
        if (current != null) {
            current.connection.terminate();
            pool.release(this);
        }
    }

    @Override
    public CompletableFuture<Void> onClose() {
        return live("onClose").onClose();
    }

    @Override
    public String toString() {
        PoolEntry current = entry;
        return "PooledConnection[" + (current == null ? "released" : current.connection.toString()) + "]";
    }

    @Override
    public CompletableFuture<Void> setTypeCodec(String typeName, String schema, dev.tusk.codec.TypeCodec<?> codec) {
        return live("setTypeCodec").setTypeCodec(typeName, schema, codec);
    }

    @Override
    public CompletableFuture<Void> resetTypeCodec(String typeName, String schema) {
        return live("resetTypeCodec").resetTypeCodec(typeName, schema);
    }

    @Override
    public CompletableFuture<Void> setBuiltinTypeCodec(String typeName, String schema, String builtinTypeName) {
        return live("setBuiltinTypeCodec").setBuiltinTypeCodec(typeName, schema, builtinTypeName);
    }

    @Override
    public CompletableFuture<Void> reloadSchemaState() {
        return live("reloadSchemaState").reloadSchemaState();
    }
}
