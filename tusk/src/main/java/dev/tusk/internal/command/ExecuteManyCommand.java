package dev.tusk.internal.command;

import dev.tusk.Record;
import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.ErrorFieldsReader;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.row.DataRecord;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One statement executed with many argument rows (asyncpg's {@code executemany} and
 * {@code fetchmany}): a Bind and an Execute per row and a single Sync, so the whole batch is one
 * implicit transaction on the server and an error anywhere rolls all of it back.
 *
 * <p>Rows are encoded and written in chunks as the socket drains, so a batch of any length runs
 * in bounded memory. Later commands wait until the Sync is written.
 *
 * <p>With a {@linkplain #rewriteAs rewrite} (the connection option {@code rewriteBatchedInserts}),
 * a plain INSERT runs as one execution per chunk of rows instead ({@link UnnestInsertWriter}),
 * still before the one Sync; when a parameter type has no array type the rows go one by one.
 */
public final class ExecuteManyCommand<T> extends Command<T> implements StreamingWriter {

    /** Write this much, then let the socket drain before encoding more rows. */
    private static final int CHUNK_BYTES = 256 * 1024;

    private final String sql;
    private final Iterator<?> rows;
    private final boolean collectRows;
    private final List<Record> collected;
    private PendingStatement pending;
    private PreparedStatementState statement;
    /** The caller prepared the statement: whether the server still has it is not the cache's business. */
    private boolean preparedByTheCaller;
    private InsertRewrite rewrite;
    private UnnestInsertWriter chunks;
    private boolean writing;
    private int rowNumber;
    private RuntimeException error;

    private ExecuteManyCommand(String sql, Iterable<?> rows, boolean collectRows) {
        this.sql = sql;
        this.rows = rows.iterator();
        this.collectRows = collectRows;
        this.collected = collectRows ? new ArrayList<>() : null;
    }

    /** executemany: completes with null. */
    public static ExecuteManyCommand<Void> execute(String sql, Iterable<?> rows) {
        return new ExecuteManyCommand<>(sql, rows, false);
    }

    /** fetchmany: completes with the rows of every execution, in order. */
    public static ExecuteManyCommand<List<Record>> fetch(String sql, Iterable<?> rows) {
        return new ExecuteManyCommand<>(sql, rows, true);
    }

    /** Runs a statement the caller prepared instead of looking one up in the cache. */
    public ExecuteManyCommand<T> withStatement(PreparedStatementState prepared) {
        this.statement = prepared;
        this.preparedByTheCaller = true;
        return this;
    }

    /**
     * Inserts the rows a chunk at a time with {@code rewrite} (of this command's SQL) once the
     * original statement's parameter types are known; executemany only.
     */
    public ExecuteManyCommand<T> rewriteAs(InsertRewrite rewrite) {
        if (collectRows) {
            throw new IllegalStateException("fetchmany is never rewritten");
        }
        this.rewrite = rewrite;
        return this;
    }

    @Override
    public boolean encode(ByteBuf out, CommandContext context) {
        if (statement == null) {
            statement = context.statementCache().get(sql, System.nanoTime());
        }
        writing = true;
        if (statement == null) {
            pending = PendingStatement.write(out, sql, context.statementCache(), true);
            FrontendMessages.flush(out);
            return false;
        }
        return writeRows(context);
    }

    @Override
    public boolean writeMore(CommandContext context) {
        if (writing && statement != null) {
            writeRows(context);
        }
        return writing;
    }

    /** Writes rows until the chunk is full or the rows run out; returns true when the Sync is written. */
    private boolean writeRows(CommandContext context) {
        ByteBuf out = context.outBuffer();
        if (rewrite != null) {
            chunks = UnnestInsertWriter.prepare(statement, rewrite, context);
            rewrite = null;
        }
        int start = out.writerIndex();
        if (future.isDone() && error == null) {
            // the caller gave up (a timeout or a cancel) before the last row: the rows already sent
            // must not commit, whenever the cancel request reaches the server
            error = new InterfaceException("executemany abandoned by the caller");
            abortBatch(out);
        }
        while (rows.hasNext() && error == null && out.writerIndex() - start < CHUNK_BYTES) {
            int mark = out.writerIndex();
            try {
                if (chunks != null) {
                    rowNumber += chunks.writeChunk(out, rows, rowNumber);
                } else {
                    Object[] arguments = arguments(rows.next(), rowNumber++, statement.parameterCount());
                    BindWriter.write(out, "", statement, arguments);
                    FrontendMessages.execute(out, "", 0);
                }
            } catch (RuntimeException refused) {
                out.writerIndex(mark);
                error = refused;
                abortBatch(out);
                break;
            }
        }
        context.flushSoon();
        if (error == null && rows.hasNext()) {
            return false;
        }
        FrontendMessages.sync(out);
        writing = false;
        return true;
    }

    /**
     * The arguments of row {@code index}, an {@code Object[]} or a {@link List} of {@code expected}
     * values.
     *
     * @throws InterfaceException naming the row when it is anything else
     */
    static Object[] arguments(Object row, int index, int expected) {
        Object[] arguments;
        if (row instanceof Object[]) {
            arguments = (Object[]) row;
        } else if (row instanceof List) {
            arguments = ((List<?>) row).toArray();
        } else {
            throw new InterfaceException("row " + index + " of executemany must be an Object[] or a List, got "
                    + (row == null ? "null" : row.getClass().getName()));
        }
        if (arguments.length != expected) {
            throw new InterfaceException("row " + index + " of executemany has " + arguments.length
                    + " arguments; the server expects " + expected);
        }
        return arguments;
    }

    /**
     * Rows already sent must not be committed: describing a portal that does not exist makes the
     * server fail, and so roll back, the implicit transaction before our Sync.
     */
    private static void abortBatch(ByteBuf out) {
        FrontendMessages.describePortal(out, "tusk_abort_batch");
    }

    @Override
    public boolean handle(byte type, ByteBuf body, int end, CommandContext context) {
        if (pending != null && statement == null && pending.accepts(type)) {
            PreparedStatementState described = pending.onMessage(type, body, end, context);
            if (described != null) {
                statement = described;
                if (writeRows(context)) {
                    context.resumeWrites();
                }
            }
            return false;
        }
        switch (type) {
            case BackendMessage.PARSE_COMPLETE:
                if (chunks == null || !chunks.parseCompleted(context)) {
                    throw unexpected(type);
                }
                return false;
            case BackendMessage.BIND_COMPLETE:
            case BackendMessage.COMMAND_COMPLETE:
            case BackendMessage.EMPTY_QUERY_RESPONSE:
                return false;
            case BackendMessage.DATA_ROW:
                if (statement == null || statement.rowDescription() == null) {
                    throw unexpected(type);
                }
                if (collectRows) {
                    collected.add(DataRecord.read(statement.rowDescription(), body, end));
                }
                return false;
            case BackendMessage.ERROR_RESPONSE:
                RuntimeException serverError = PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end));
                forgetIfStale(serverError, context);
                if (error == null) {
                    error = serverError;
                }
                if (pending != null && statement == null) {
                    pending.failed(context);
                }
                if (writing) {
                    // the server now skips everything up to the Sync: stop sending rows
                    FrontendMessages.sync(context.outBuffer());
                    writing = false;
                    context.resumeWrites();
                    context.flushSoon();
                }
                return false;
            case BackendMessage.READY_FOR_QUERY:
                if (writing) {
                    throw unexpected(type);
                }
                if (error != null) {
                    future.completeExceptionally(error);
                } else {
                    @SuppressWarnings("unchecked")
                    T result = (T) collected;
                    future.complete(result);
                }
                return true;
            default:
                throw unexpected(type);
        }
    }

    /**
     * A cached statement the server no longer knows (behind a pooler that runs transactions on
     * several server sessions, as {@link ExtendedQueryCommand#forgetStale} explains: the cache is
     * off) or whose result type changed (it is dropped, so that the next batch prepares it afresh).
     */
    private void forgetIfStale(RuntimeException serverError, CommandContext context) {
        if (!preparedByTheCaller && ExtendedQueryCommand.isStale(serverError)) {
            ExtendedQueryCommand.forgetStale(serverError, sql, context.statementCache());
        }
    }

    @Override
    public String describe() {
        return "executemany \"" + ExtendedQueryCommand.abbreviate(sql) + "\"";
    }
}
