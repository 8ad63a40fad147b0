package dev.tusk.internal.connection;

import dev.tusk.Connection;
import dev.tusk.CopyOptions;
import dev.tusk.CopySink;
import dev.tusk.CopySource;
import dev.tusk.CursorFactory;
import dev.tusk.IsolationLevel;
import dev.tusk.LogListener;
import dev.tusk.LoggedQuery;
import dev.tusk.NotificationListener;
import dev.tusk.ProtocolVersion;
import dev.tusk.QueryResult;
import dev.tusk.Transaction;
import dev.tusk.Record;
import dev.tusk.ServerVersion;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.command.Command;
import dev.tusk.internal.command.ExecuteManyCommand;
import dev.tusk.internal.command.ExtendedQueryCommand;
import dev.tusk.internal.command.InsertRewrite;
import dev.tusk.internal.command.ResetCommand;
import dev.tusk.internal.command.ResultCollector;
import dev.tusk.internal.command.RowsAndStatus;
import dev.tusk.internal.command.SimpleQueryCommand;
import dev.tusk.internal.command.TrailingReset;
import dev.tusk.internal.copy.CopyOperations;
import dev.tusk.internal.protocol.RowDescription;
import dev.tusk.internal.row.Columns;
import dev.tusk.internal.row.DataRecord;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;

/** The {@link Connection} API over one {@link ConnectionCore}. */
public final class PgConnection implements Connection {

    private static final Object[] NO_ARGUMENTS = new Object[0];
    private static final String RESET_QUERY = ResetCommand.script(false);

    private final ConnectionCore core;
    private final String description;
    private final long commandTimeoutNanos;
    private final boolean rewriteBatchedInserts;
    private final AtomicInteger savepoints = new AtomicInteger();
    private final AtomicInteger cursors = new AtomicInteger();
    private final AtomicInteger prepared = new AtomicInteger();
    private final Listeners listeners;
    private volatile PgTransaction topTransaction;
    private final AtomicInteger blockEndsInFlight = new AtomicInteger();

    PgConnection(ConnectionCore core, String description, Duration commandTimeout, Listeners listeners,
            boolean rewriteBatchedInserts) {
        this.core = core;
        this.rewriteBatchedInserts = rewriteBatchedInserts;
        this.listeners = listeners;
        this.description = description;
        this.commandTimeoutNanos = commandTimeout == null ? 0 : commandTimeout.toNanos();
    }

    ConnectionCore core() {
        return core;
    }

    @Override
    public CompletableFuture<String> execute(String sql) {
        return submit(new SimpleQueryCommand(checkSql(sql)), null, sql, NO_ARGUMENTS);
    }


    @Override
    public CompletableFuture<String> execute(String sql, Object... args) {
        return query(sql, args, ResultCollector.status());
    }

    @Override
    public CompletableFuture<List<Record>> fetch(String sql, Object... args) {
        return query(sql, args, ResultCollector.rows());
    }

    @Override
    public CompletableFuture<Record> fetchrow(String sql, Object... args) {
        return query(sql, args, ResultCollector.firstRow());
    }

    @Override
    public <T> CompletableFuture<T> fetchval(String sql, Object... args) {
        return query(sql, args, ResultCollector.value(0));
    }

    @Override
    public CompletableFuture<QueryResult> fetchResult(String sql, Object... args) {
        return fetchResult(null, sql, args);
    }

    @Override
    public CompletableFuture<QueryResult> fetchResult(Duration timeout, String sql, Object... args) {
        Object[] arguments = args == null ? NO_ARGUMENTS : args;
        ExtendedQueryCommand<RowsAndStatus> command = new ExtendedQueryCommand<>(checkSql(sql), arguments,
                RowsAndStatus.collector(), true, null, core::resubmit);
        CompletableFuture<RowsAndStatus> submitted = submit(command, timeout, sql, arguments);
        return cancelsWith(submitted, submitted.thenApply(result -> {
            // the rows carry the description they were read with; without rows, the statement's
            RowDescription columns = result.rows().isEmpty()
                    ? (command.statement() == null ? null : command.statement().rowDescription())
                    : ((DataRecord) result.rows().get(0)).description();
            return new QueryResult(result.rows(), Columns.of(columns), result.status());
        }));
    }

    /**
     * {@code derived}, whose cancellation by the caller reaches {@code call} as cancelling the
     * call's own future would: the server is asked to cancel the query.
     */
    static <T> CompletableFuture<T> cancelsWith(CompletableFuture<?> call, CompletableFuture<T> derived) {
        derived.whenComplete((result, failure) -> {
            if (derived.isCancelled()) {
                call.cancel(true);
            }
        });
        return derived;
    }

    @Override
    public CompletableFuture<String> execute(Duration timeout, String sql, Object... args) {
        return query(timeout, sql, args, ResultCollector.status());
    }

    @Override
    public CompletableFuture<List<Record>> fetch(Duration timeout, String sql, Object... args) {
        return query(timeout, sql, args, ResultCollector.rows());
    }

    @Override
    public CompletableFuture<Record> fetchrow(Duration timeout, String sql, Object... args) {
        return query(timeout, sql, args, ResultCollector.firstRow());
    }

    @Override
    public <T> CompletableFuture<T> fetchval(Duration timeout, String sql, Object... args) {
        return query(timeout, sql, args, ResultCollector.value(0));
    }

    @Override
    public CompletableFuture<Void> executemany(String sql, Iterable<?> rows) {
        return executemany(null, sql, rows);
    }

    @Override
    public CompletableFuture<Void> executemany(Duration timeout, String sql, Iterable<?> rows) {
        ExecuteManyCommand<Void> command = ExecuteManyCommand.execute(checkSql(sql), Objects.requireNonNull(rows, "rows"));
        return submit(rewriteIfAsked(command, sql), timeout, sql, NO_ARGUMENTS);
    }

    /** Attaches the batched-insert rewrite when the option is on and {@code sql} is a plain INSERT. */
    ExecuteManyCommand<Void> rewriteIfAsked(ExecuteManyCommand<Void> command, String sql) {
        InsertRewrite rewrite = rewriteBatchedInserts ? InsertRewrite.of(sql) : null;
        if (rewrite != null) {
            command.rewriteAs(rewrite);
        }
        return command;
    }

    @Override
    public CompletableFuture<List<Record>> fetchmany(String sql, Iterable<?> rows) {
        return fetchmany(null, sql, rows);
    }

    @Override
    public CompletableFuture<List<Record>> fetchmany(Duration timeout, String sql, Iterable<?> rows) {
        return submit(ExecuteManyCommand.fetch(checkSql(sql), Objects.requireNonNull(rows, "rows")), timeout, sql,
                NO_ARGUMENTS);
    }

    @Override
    public CompletableFuture<String> copyFromTable(String table, CopySink output, CopyOptions options) {
        return copy().copyFromTable(table, output, options);
    }

    @Override
    public CompletableFuture<String> copyFromQuery(String query, CopySink output, CopyOptions options) {
        return copy().copyFromQuery(query, output, options);
    }

    @Override
    public CompletableFuture<String> copyToTable(String table, CopySource source, CopyOptions options) {
        return copy().copyToTable(table, source, options);
    }

    @Override
    public CompletableFuture<String> copyRecordsToTable(String table, Iterable<?> records, CopyOptions options) {
        return copy().copyRecordsToTable(table, records, options);
    }

    @Override
    public CompletableFuture<String> copyRecordsToTable(String table, Flow.Publisher<?> records, CopyOptions options) {
        return copy().copyRecordsToTable(table, records, options);
    }

    private CopyOperations copy() {
        return new CopyOperations(core.channel(), this::submitCopy, this::fetch);
    }

    private <T> CompletableFuture<T> submitCopy(Command<T> command, Duration timeout, String sql) {
        return submit(command, timeout, sql, NO_ARGUMENTS);
    }

    private <T> CompletableFuture<T> query(String sql, Object[] args, ResultCollector<T> collector) {
        return query(null, sql, args, collector);
    }

    private <T> CompletableFuture<T> query(Duration timeout, String sql, Object[] args, ResultCollector<T> collector) {
        Object[] arguments = args == null ? NO_ARGUMENTS : args;
        ExtendedQueryCommand<T> command = new ExtendedQueryCommand<>(checkSql(sql), arguments,
                collector, true, null, core::resubmit);
        return submit(command, timeout, sql, arguments);
    }

    /**
     * One statement, as {@code fetch} and the like, with the session reset of {@link #reset()}
     * written into the same flight where the connection allows it (see {@link TrailingReset}):
     * for the pool's one-call methods, which release the connection with the call.
     * {@code reset.succeeded()}, read once the future has completed, says whether the session
     * was reset; if not, the caller resets it with {@link #reset()}.
     */
    public <T> CompletableFuture<T> queryThenReset(Duration timeout, String sql, Object[] args,
            ResultCollector<T> collector, TrailingReset reset) {
        Object[] arguments = args == null ? NO_ARGUMENTS : args;
        ExtendedQueryCommand<T> command = new ExtendedQueryCommand<>(checkSql(sql), arguments,
                collector, true, null, core::resubmit).thenReset(Objects.requireNonNull(reset, "reset"));
        CompletableFuture<T> result = submit(command, timeout, sql, arguments);
        endSessionOnClient();
        return result;
    }

    <T> CompletableFuture<T> submit(Command<T> command, Duration timeout, String sql, Object[] args) {
        long nanos = timeout != null ? checkTimeout(timeout) : commandTimeoutNanos;
        if (nanos > 0) {
            command.timeoutNanos(nanos);
        }
        if (!listeners.hasQueryLoggers()) {
            return core.submit(command);
        }
        long startedAt = System.nanoTime();
        Duration effectiveTimeout = nanos > 0 ? Duration.ofNanos(nanos) : null;
        command.beforeCompletion((result, failure) -> listeners.queryLogged(new LoggedQuery(sql,
                Collections.unmodifiableList(Arrays.asList(args.clone())), effectiveTimeout,
                Duration.ofNanos(System.nanoTime() - startedAt), failure, core.channel().remoteAddress())));
        return core.submit(command);
    }

    private static long checkTimeout(Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InterfaceException("timeout must be positive, got " + timeout);
        }
        return timeout.toNanos();
    }

    private static String checkSql(String sql) {
        return Objects.requireNonNull(sql, "sql");
    }

    @Override
    public CompletableFuture<Void> setTypeCodec(String typeName, String schema, dev.tusk.codec.TypeCodec<?> codec) {
        Objects.requireNonNull(codec, "codec");
        return changeCodecs(typeName, schema, false, (registry, oid) -> registry.withCustom(oid, typeName, codec));
    }

    @Override
    public CompletableFuture<Void> resetTypeCodec(String typeName, String schema) {
        return changeCodecs(typeName, schema, true, (registry, oid) -> registry.withoutCustom(oid));
    }

    @Override
    public CompletableFuture<Void> setBuiltinTypeCodec(String typeName, String schema, String builtinTypeName) {
        Objects.requireNonNull(builtinTypeName, "builtinTypeName");
        return changeCodecs(typeName, schema, true,
                (registry, oid) -> registry.withBuiltinTypeCodec(oid, typeName, builtinTypeName));
    }

    /**
     * Looks the type up and applies {@code change} to the codecs with its OID. A domain takes no
     * custom codec ({@code domainAllowed} false): the server reports a domain's columns under its
     * base type, so the codec would encode arguments and never decode results (asyncpg refuses
     * the same).
     */
    private CompletableFuture<Void> changeCodecs(String typeName, String schema, boolean domainAllowed,
            java.util.function.BiFunction<dev.tusk.internal.codec.CodecRegistry, Integer, dev.tusk.internal.codec.CodecRegistry> change) {
        Objects.requireNonNull(typeName, "typeName");
        String namespace = schema == null ? "public" : schema;
        return fetchrow(dev.tusk.internal.codec.TypeIntrospection.OID_BY_NAME_QUERY, typeName, namespace)
                .thenCompose(found -> {
                    if (found == null) {
                        return CompletableFuture.failedFuture(new InterfaceException("unknown type \"" + namespace
                                + "\".\"" + typeName + "\""));
                    }
                    if (!domainAllowed && "d".equals(String.valueOf(found.get(1)))) {
                        return CompletableFuture.failedFuture(new InterfaceException("cannot set a custom codec on"
                                + " domain type \"" + namespace + "\".\"" + typeName + "\": the server sends its values"
                                + " as its base type's; set the codec on the base type"));
                    }
                    int oid = (int) ((Number) found.get(0)).longValue();
                    CompletableFuture<Void> changed = new CompletableFuture<>();
                    core.execute(() -> {
                        try {
                            core.changeCodecs(registry -> change.apply(registry, oid));
                            changed.complete(null);
                        } catch (IllegalArgumentException e) {
                            changed.completeExceptionally(new InterfaceException(e.getMessage(), e));
                        }
                    });
                    return changed;
                });
    }

    @Override
    public CompletableFuture<Void> reloadSchemaState() {
        CompletableFuture<Void> reloaded = new CompletableFuture<>();
        core.execute(() -> {
            core.reloadSchemaState();
            reloaded.complete(null);
        });
        return reloaded;
    }

    @Override
    public CompletableFuture<dev.tusk.PreparedStatement> prepare(String sql) {
        return PgPreparedStatement.prepare(this, checkSql(sql), core.statementCache().namePrefix() + "p" + prepared.incrementAndGet());
    }

    @Override
    public Flow.Publisher<Record> stream(String sql, Object... args) {
        return stream(null, sql, args);
    }

    @Override
    public Flow.Publisher<Record> stream(Duration timeout, String sql, Object... args) {
        String checked = checkSql(sql);
        Object[] arguments = args == null ? NO_ARGUMENTS : args;
        if (timeout != null) {
            checkTimeout(timeout);
        }
        return subscriber -> subscribe(subscriber, timeout, checked, arguments);
    }

    @Override
    public CompletableFuture<String> streamTo(Flow.Subscriber<? super Record> subscriber, String sql, Object... args) {
        return subscribe(subscriber, null, checkSql(sql), args == null ? NO_ARGUMENTS : args);
    }

    private CompletableFuture<String> subscribe(Flow.Subscriber<? super Record> subscriber, Duration timeout,
            String sql, Object[] arguments) {
        Objects.requireNonNull(subscriber, "subscriber");
        CompletableFuture<String> status = new CompletableFuture<>();
        RowStreamSubscription subscription = new RowStreamSubscription(this, sql, arguments, timeout, subscriber, status);
        status.whenComplete((ignored, failure) -> {
            if (status.isCancelled()) {
                subscription.cancel(); // the caller cancelled the future: the stream stops as if the subscriber had
            }
        });
        subscription.start();
        return status;
    }

    @Override
    public CursorFactory cursor(String sql, Object... args) {
        return new PgCursorFactory(this, checkSql(sql), args == null ? NO_ARGUMENTS : args, CursorFactory.DEFAULT_PREFETCH);
    }

    /** A portal opened in the current transaction, with its columns and the first rows fetched. */
    record OpenedPortal(String portal, RowDescription columns, ResultCollector.Chunk first) {
    }

    String nextCursorName() {
        return "tusk_cursor_" + cursors.incrementAndGet();
    }

    /** Binds {@code sql} to the portal named {@code portal} and fetches its first rows; the caller checks the transaction. */
    CompletableFuture<OpenedPortal> openPortal(String portal, String sql, Object[] args, int firstRows) {
        ExtendedQueryCommand<ResultCollector.Chunk> command = new ExtendedQueryCommand<>(sql, args,
                ResultCollector.chunk(firstRows), true, null, null).portal(portal);
        return submit(command, null, sql, args).thenApply(first ->
                new OpenedPortal(portal, command.statement().rowDescription(), first));
    }

    @Override
    public Transaction transaction() {
        return new PgTransaction(this, null, false, false);
    }

    @Override
    public Transaction transaction(IsolationLevel isolation, boolean readOnly, boolean deferrable) {
        return new PgTransaction(this, isolation, readOnly, deferrable);
    }

    @Override
    public <T> CompletableFuture<T> inTransaction(Function<? super Connection, ? extends CompletionStage<T>> work) {
        return transaction().run(Objects.requireNonNull(work, "work"));
    }

    @Override
    public CompletableFuture<Void> addListener(String channel, NotificationListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (listeners.addNotificationListener(checkChannel(channel), listener)) {
            return execute("LISTEN " + Identifiers.quote(channel)).thenApply(status -> null);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Void> removeListener(String channel, NotificationListener listener) {
        if (listeners.removeNotificationListener(checkChannel(channel), listener)) {
            return execute("UNLISTEN " + Identifiers.quote(channel)).thenApply(status -> null);
        }
        return CompletableFuture.completedFuture(null);
    }

    private static String checkChannel(String channel) {
        if (channel == null || channel.isEmpty()) {
            throw new InterfaceException("a notification channel name must not be empty");
        }
        return channel;
    }

    @Override
    public void addLogListener(LogListener listener) {
        listeners.logListeners().add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeLogListener(LogListener listener) {
        listeners.logListeners().remove(listener);
    }

    @Override
    public void addTerminationListener(Consumer<? super Connection> listener) {
        listeners.terminationListeners().add(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void removeTerminationListener(Consumer<? super Connection> listener) {
        listeners.terminationListeners().remove(listener);
    }

    @Override
    public void addQueryLogger(Consumer<? super LoggedQuery> logger) {
        listeners.queryLoggers().add(Objects.requireNonNull(logger, "logger"));
    }

    @Override
    public void removeQueryLogger(Consumer<? super LoggedQuery> logger) {
        listeners.queryLoggers().remove(logger);
    }

    PgTransaction topTransaction() {
        return topTransaction;
    }

    void topTransaction(PgTransaction transaction) {
        topTransaction = transaction;
    }

    /**
     * A transaction's COMMIT or ROLLBACK was sent and has not completed: a transaction started
     * now is pipelined behind it, so the block it ends does not count as begun outside
     * {@link Connection#transaction()}.
     */
    void blockEnding() {
        blockEndsInFlight.incrementAndGet();
    }

    /** The COMMIT or ROLLBACK counted by {@link #blockEnding()} completed (or failed). */
    void blockEnded() {
        blockEndsInFlight.decrementAndGet();
    }

    /** Whether a COMMIT or ROLLBACK of a transaction is on its way. */
    boolean blockEndPending() {
        return blockEndsInFlight.get() > 0;
    }

    String nextSavepointName() {
        return "tusk_savepoint_" + savepoints.incrementAndGet();
    }

    @Override
    public String getResetQuery() {
        return RESET_QUERY;
    }

    @Override
    public CompletableFuture<Void> reset() {
        endSessionOnClient();
        boolean rollbackFirst = core.isInTransaction();
        return submit(new ResetCommand(rollbackFirst), null, ResetCommand.script(rollbackFirst), NO_ARGUMENTS);
    }

    /** The reset's client side: no transaction object stays current, no session listener stays registered. */
    private void endSessionOnClient() {
        PgTransaction top = topTransaction;
        if (top != null) {
            top.ended();
        }
        listeners.clearSessionListeners();
    }

    @Override
    public boolean isInTransaction() {
        return core.isInTransaction();
    }

    @Override
    public boolean isClosed() {
        return core.isClosed();
    }

    @Override
    public int getServerPid() {
        return core.processId();
    }

    @Override
    public ProtocolVersion getProtocolVersion() {
        return core.protocolVersion();
    }

    @Override
    public ServerVersion getServerVersion() {
        String version = core.settings().get("server_version");
        if (version == null) {
            throw new InterfaceException("the server did not report server_version");
        }
        return ServerVersion.parse(version);
    }

    @Override
    public Map<String, String> getSettings() {
        return core.settings();
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        return core.closeGracefully(commandTimeoutNanos);
    }

    @Override
    public void close() {
        CompletableFuture<Void> closed = closeAsync();
        if (!core.channel().eventLoop().inEventLoop()) {
            closed.join();
        }
    }

    @Override
    public void terminate() {
        core.terminate();
    }

    /**
     * Runs {@code task} on this connection's event loop after {@code delayNanos}: for timers of
     * the pool about this connection, which cost no other thread's wake-up when set and cancelled
     * on the loop, as they are when set from a call's completion.
     */
    public ScheduledFuture<?> scheduleOnEventLoop(Runnable task, long delayNanos) {
        return core.channel().eventLoop().schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    }

    /**
     * Whether the calling thread is this connection's event loop: a call made from it is written
     * without waking another thread. The pool prefers such a connection when one is idle.
     */
    public boolean inEventLoop() {
        return core.channel().eventLoop().inEventLoop();
    }

    @Override
    public CompletableFuture<Void> onClose() {
        return core.closeFuture().thenApply(ignored -> null);
    }

    @Override
    public String toString() {
        return "Connection[" + description + ", pid=" + core.processId() + (isClosed() ? ", closed" : "") + "]";
    }
}
