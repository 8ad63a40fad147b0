package dev.tusk.internal.connection;

import dev.tusk.CursorFactory;
import dev.tusk.PreparedStatement;
import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.command.ExecuteManyCommand;
import dev.tusk.internal.command.ExtendedQueryCommand;
import dev.tusk.internal.command.PrepareCommand;
import dev.tusk.internal.command.PreparedStatementState;
import dev.tusk.internal.command.ResultCollector;
import dev.tusk.internal.protocol.RowDescription;
import dev.tusk.types.Attribute;
import dev.tusk.types.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A named statement of one connection, with the types of its parameters and columns. Views made
 * by {@link #withTimeout} share its server statement, its status and whether it is closed.
 */
final class PgPreparedStatement implements PreparedStatement {

    private final PgConnection connection;
    private final PreparedStatementState state;
    private final List<Type> parameters;
    private final List<Attribute> attributes;
    private final Shared shared;
    /** The executions' timeout; null for the connection's command timeout. */
    private final Duration timeout;

    /** What the statement and its views have in common. */
    private static final class Shared {
        final AtomicBoolean closed = new AtomicBoolean();
        volatile String statusmsg;
    }

    private PgPreparedStatement(PgPreparedStatement statement, Duration timeout) {
        this.connection = statement.connection;
        this.state = statement.state;
        this.parameters = statement.parameters;
        this.attributes = statement.attributes;
        this.shared = statement.shared;
        this.timeout = timeout;
    }

    private PgPreparedStatement(PgConnection connection, PreparedStatementState state, Map<Integer, Type> types) {
        this.connection = connection;
        this.shared = new Shared();
        this.timeout = null;
        this.state = state;
        List<Type> parameterTypes = new ArrayList<>();
        for (int i = 0; i < state.parameterCount(); i++) {
            parameterTypes.add(types.get(state.parameterOid(i)));
        }
        this.parameters = Collections.unmodifiableList(parameterTypes);
        List<Attribute> columns = new ArrayList<>();
        RowDescription rows = state.rowDescription();
        for (int i = 0; rows != null && i < rows.size(); i++) {
            columns.add(new Attribute(rows.name(i), types.get(rows.typeOid(i))));
        }
        this.attributes = Collections.unmodifiableList(columns);
    }

    /** Prepares the statement, then learns the names of its types. */
    static CompletableFuture<PreparedStatement> prepare(PgConnection connection, String sql, String name) {
        return connection.submit(PrepareCommand.prepare(sql, name), null, sql, new Object[0])
                .thenCompose(state -> TypeNames.lookup(connection, oidsOf(state))
                        .thenApply(types -> new PgPreparedStatement(connection, state, types)));
    }

    private static List<Integer> oidsOf(PreparedStatementState state) {
        List<Integer> oids = new ArrayList<>();
        for (int i = 0; i < state.parameterCount(); i++) {
            oids.add(state.parameterOid(i));
        }
        RowDescription rows = state.rowDescription();
        for (int i = 0; rows != null && i < rows.size(); i++) {
            oids.add(rows.typeOid(i));
        }
        return oids;
    }

    @Override
    public String getName() {
        return state.name();
    }

    @Override
    public String getQuery() {
        return state.sql();
    }

    @Override
    public String getStatusmsg() {
        return shared.statusmsg;
    }

    @Override
    public List<Type> getParameters() {
        return parameters;
    }

    @Override
    public List<Attribute> getAttributes() {
        return attributes;
    }

    /**
     * Refuses the use of a closed statement on the client: on the server it would fail with
     * 26000 and abort the transaction it runs in.
     *
     * @throws InterfaceException once {@link #close()} was called
     */
    private void checkOpen() {
        if (shared.closed.get()) {
            throw new InterfaceException("prepared statement \"" + state.name() + "\" is closed");
        }
    }

    private <T> CompletableFuture<T> run(Object[] args, ResultCollector<T> collector) {
        checkOpen();
        Object[] arguments = args == null ? new Object[0] : args;
        ExtendedQueryCommand<T> command = new ExtendedQueryCommand<>(state.sql(), arguments, collector, false, state, null);
        CompletableFuture<T> submitted = connection.submit(command, timeout, state.sql(), arguments);
        return PgConnection.cancelsWith(submitted, submitted.thenApply(result -> {
            shared.statusmsg = command.status();
            return result;
        }));
    }

    @Override
    public CompletableFuture<List<Record>> fetch(Object... args) {
        return run(args, ResultCollector.rows());
    }

    @Override
    public CompletableFuture<Record> fetchrow(Object... args) {
        return run(args, ResultCollector.firstRow());
    }

    @Override
    public <T> CompletableFuture<T> fetchval(Object... args) {
        return run(args, ResultCollector.value(0));
    }

    @Override
    public CompletableFuture<Void> executemany(Iterable<?> rows) {
        checkOpen();
        ExecuteManyCommand<Void> command = ExecuteManyCommand.execute(state.sql(), Objects.requireNonNull(rows, "rows"))
                .withStatement(state);
        return connection.submit(connection.rewriteIfAsked(command, state.sql()), timeout, state.sql(), new Object[0]);
    }

    @Override
    public CompletableFuture<List<Record>> fetchmany(Iterable<?> rows) {
        checkOpen();
        ExecuteManyCommand<List<Record>> command = ExecuteManyCommand.fetch(state.sql(),
                Objects.requireNonNull(rows, "rows")).withStatement(state);
        return connection.submit(command, timeout, state.sql(), new Object[0]);
    }

    @Override
    public PreparedStatement withTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new InterfaceException("timeout must be positive, got " + timeout);
        }
        return new PgPreparedStatement(this, timeout);
    }

    @Override
    public CursorFactory cursor(Object... args) {
        checkOpen();
        return connection.cursor(state.sql(), args);
    }

    @Override
    public Flow.Publisher<Record> stream(Object... args) {
        checkOpen();
        return connection.stream(state.sql(), args);
    }

    @Override
    public CompletableFuture<String> explain(boolean analyze, Object... args) {
        checkOpen();
        String explain = "EXPLAIN (FORMAT JSON, VERBOSE" + (analyze ? ", ANALYZE" : "") + ") " + state.sql();
        if (!analyze) {
            return connection.fetchval(explain, args);
        }
        dev.tusk.Transaction transaction = connection.transaction();
        return transaction.start()
                .thenCompose(started -> connection.<String>fetchval(explain, args))
                .handle((plan, failure) -> transaction.rollback().handle((ignored, rollbackFailure) -> {
                    if (failure != null) {
                        throw failure instanceof java.util.concurrent.CompletionException
                                ? (java.util.concurrent.CompletionException) failure
                                : new java.util.concurrent.CompletionException(failure);
                    }
                    return plan;
                }))
                .thenCompose(next -> next);
    }

    @Override
    public CompletableFuture<Void> close() {
        if (!shared.closed.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        return connection.submit(PrepareCommand.close(state.name()), null, "DEALLOCATE " + state.name(), new Object[0])
                .thenApply(ignored -> null);
    }

    @Override
    public String toString() {
        return "PreparedStatement[" + state.name() + ": " + state.sql() + "]";
    }
}
