package dev.tusk.internal.connection;

import dev.tusk.Connection;
import dev.tusk.Record;
import dev.tusk.ServerVersion;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.internal.command.Command;
import dev.tusk.internal.command.ExtendedQueryCommand;
import dev.tusk.internal.command.ResultCollector;
import dev.tusk.internal.command.SimpleQueryCommand;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/** The {@link Connection} API over one {@link ConnectionCore}. */
public final class PgConnection implements Connection {

    private static final Object[] NO_ARGUMENTS = new Object[0];
    private static final String RESET_QUERY = "SELECT pg_advisory_unlock_all();\nCLOSE ALL;\nUNLISTEN *;\nRESET ALL;";

    private final ConnectionCore core;
    private final String description;

    PgConnection(ConnectionCore core, String description) {
        this.core = core;
        this.description = description;
    }

    ConnectionCore core() {
        return core;
    }

    @Override
    public CompletableFuture<String> execute(String sql) {
        return submit(new SimpleQueryCommand(checkSql(sql)));
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

    private <T> CompletableFuture<T> query(String sql, Object[] args, ResultCollector<T> collector) {
        return submit(new ExtendedQueryCommand<>(checkSql(sql), args == null ? NO_ARGUMENTS : args, collector));
    }

    private <T> CompletableFuture<T> submit(Command<T> command) {
        return core.submit(command);
    }

    private static String checkSql(String sql) {
        return Objects.requireNonNull(sql, "sql");
    }

    @Override
    public String getResetQuery() {
        return RESET_QUERY;
    }

    @Override
    public CompletableFuture<Void> reset() {
        String script = core.isInTransaction() ? "ROLLBACK;\n" + RESET_QUERY : RESET_QUERY;
        return execute(script).thenApply(status -> null);
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
        return core.closeGracefully();
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

    @Override
    public CompletableFuture<Void> onClose() {
        return core.closeFuture().thenApply(ignored -> null);
    }

    @Override
    public String toString() {
        return "Connection[" + description + ", pid=" + core.processId() + (isClosed() ? ", closed" : "") + "]";
    }
}
