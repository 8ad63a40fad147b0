package dev.tusk.internal.copy;

import dev.tusk.CopyFormat;
import dev.tusk.CopyOptions;
import dev.tusk.CopySink;
import dev.tusk.CopySource;
import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.QueryTimeoutException;
import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.command.Command;
import dev.tusk.internal.command.CopyDescribeCommand;
import dev.tusk.internal.command.CopyInCommand;
import dev.tusk.internal.command.CopyOutCommand;
import dev.tusk.internal.protocol.RowDescription;
import io.netty.channel.Channel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.function.Function;

/** The four COPY calls of a connection (and of a pool, through one of its connections). */
public final class CopyOperations {

    /** Queues a command running {@code sql} with a time limit (null for the connection's default). */
    public interface Submitter {
        <T> CompletableFuture<T> submit(Command<T> command, Duration timeout, String sql);
    }

    /** Runs a query with arguments on the connection. */
    public interface Fetcher {
        CompletableFuture<List<Record>> fetch(Duration timeout, String sql, Object... args);
    }

    private final Channel channel;
    private final Submitter submitter;
    private final Fetcher fetcher;

    public CopyOperations(Channel channel, Submitter submitter, Fetcher fetcher) {
        this.channel = channel;
        this.submitter = submitter;
        this.fetcher = fetcher;
    }

    public CompletableFuture<String> copyFromTable(String table, CopySink sink, CopyOptions options) {
        Objects.requireNonNull(sink, "sink");
        String sql = CopySql.tableToStdout(table, checkOptions(options));
        return submitter.submit(new CopyOutCommand(sql, sink, channel), options.timeout(), sql);
    }

    public CompletableFuture<String> copyFromQuery(String query, CopySink sink, CopyOptions options) {
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(sink, "sink");
        String sql = CopySql.queryToStdout(query, checkOptions(options));
        return submitter.submit(new CopyOutCommand(sql, sink, channel), options.timeout(), sql);
    }

    public CompletableFuture<String> copyToTable(String table, CopySource source, CopyOptions options) {
        Objects.requireNonNull(source, "source");
        String sql = CopySql.stdinToTable(table, checkOptions(options), options.format());
        return submitter.submit(new CopyInCommand(sql, source, channel.eventLoop()), options.timeout(), sql);
    }

    public CompletableFuture<String> copyRecordsToTable(String table, Iterable<?> records, CopyOptions options) {
        Objects.requireNonNull(records, "records");
        return copyRecords(table, options, (columns, codecs) -> RecordsSource.of(columns, codecs, records.iterator()));
    }

    public CompletableFuture<String> copyRecordsToTable(String table, Flow.Publisher<?> records, CopyOptions options) {
        Objects.requireNonNull(records, "records");
        return copyRecords(table, options, (columns, codecs) -> RecordsSource.of(columns, codecs, records));
    }

    private interface SourceFactory {
        CopySource create(List<String> columns, Codec[] codecs);
    }

    /**
     * Learns the columns (the table's, unless given) and their types, then streams the records in
     * binary format, each value encoded for its column's type.
     */
    private CompletableFuture<String> copyRecords(String table, CopyOptions options, SourceFactory factory) {
        checkOptions(options);
        if (options.format() != null && options.format() != CopyFormat.BINARY) {
            throw new InterfaceException("copyRecordsToTable always uses the binary format, not " + options.format());
        }
        String qualified = CopySql.qualified(table, options.schemaName());
        String sql = CopySql.stdinToTable(table, options, CopyFormat.BINARY);
        Deadline deadline = new Deadline(options.timeout());
        CompletableFuture<List<String>> columns = !options.columns().isEmpty()
                ? CompletableFuture.completedFuture(options.columns())
                : fetcher.fetch(deadline.remaining(), CopySql.DEFAULT_COLUMNS, qualified).thenApply(CopyOperations::names);
        return columns.thenCompose(names -> deadline.then(remaining -> {
            String describe = CopySql.describeColumns(table, options.schemaName(), names);
            return submitter.submit(new CopyDescribeCommand(describe), remaining, describe);
        })).thenCompose(description -> deadline.then(remaining -> submitter.submit(
                new CopyInCommand(sql, factory.create(description.names(), codecs(description)), channel.eventLoop()),
                remaining, sql)));
    }

    private static List<String> names(List<Record> rows) {
        List<String> names = new ArrayList<>(rows.size());
        for (Record row : rows) {
            names.add(row.getString(0));
        }
        if (names.isEmpty()) {
            throw new InterfaceException("copyRecordsToTable: the table has no columns to copy into");
        }
        return names;
    }

    private static Codec[] codecs(RowDescription description) {
        Codec[] codecs = new Codec[description.size()];
        for (int i = 0; i < codecs.length; i++) {
            codecs[i] = description.codec(i);
            if (codecs[i] == null) {
                throw new InterfaceException("copyRecordsToTable: column \"" + description.name(i) + "\" has type oid "
                        + description.typeOid(i) + ", which Tusk cannot encode in binary; use copyToTable with"
                        + " text or CSV data for this table");
            }
        }
        return codecs;
    }

    private static CopyOptions checkOptions(CopyOptions options) {
        return Objects.requireNonNull(options, "options (use CopyOptions.defaults())");
    }

    /** What is left of the call's time limit for each of its commands. */
    private static final class Deadline {
        private final Duration timeout;
        private final long start = System.nanoTime();

        Deadline(Duration timeout) {
            this.timeout = timeout;
        }

        Duration remaining() {
            return timeout == null ? null : timeout.minusNanos(System.nanoTime() - start);
        }

        <T> CompletableFuture<T> then(Function<Duration, CompletableFuture<T>> step) {
            Duration left = remaining();
            if (left != null && (left.isNegative() || left.isZero())) {
                return CompletableFuture.failedFuture(new QueryTimeoutException(timeout,
                        Duration.ofNanos(System.nanoTime() - start)));
            }
            return step.apply(left);
        }
    }
}
