package dev.tusk.internal.command;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PostgresException;
import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.ColumnFormatException;
import dev.tusk.internal.protocol.ErrorFieldsReader;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.protocol.MalformedMessageException;
import dev.tusk.internal.protocol.RowDescription;
import dev.tusk.internal.protocol.Wire;
import dev.tusk.internal.row.DataRecord;
import io.netty.buffer.ByteBuf;
import java.util.List;

/**
 * One statement with parameters through the extended protocol, binary both ways.
 *
 * <p>A statement in the cache costs one flight: Bind, Execute, Sync. An unknown one is first
 * parsed and described (Parse, Describe, Flush) so that each parameter is encoded for the type
 * the server inferred; meanwhile the connection holds back later commands, and the second flight
 * (Bind, Execute, Sync) follows as soon as the description arrives.
 *
 * <p>With the cache disabled (unnamed statements only, as behind PgBouncer), a statement whose
 * description the cache remembers from an earlier run costs one flight too: Parse with the
 * remembered parameter types, Bind, Describe of the portal, Execute, Sync. The portal's
 * description is checked against the remembered one; if the statement changed in between, the
 * server refuses the Bind (one result format per column) or Tusk reads the rows with the new
 * description, and the remembered one is forgotten. An error before the Bind completed means
 * nothing ran, so outside a transaction the call is retried once in two flights.
 *
 * <p>When the server reports that a cached statement is stale (its result type changed after
 * DDL, or it no longer exists), the statement is dropped from the cache and, outside an explicit
 * transaction, the call is retried once with a fresh statement, as asyncpg does.
 *
 * <p>For a pool's one-call method, the session reset may ride in the flight that executes the
 * statement ({@link #thenReset}, {@link TrailingReset}): its replies follow the call's own
 * CommandComplete (or PortalSuspended) and are counted apart. An error among them rolled the call
 * back with the reset, so the call is run once more, alone.
 */
public final class ExtendedQueryCommand<T> extends Command<T> {

    private enum Phase { DESCRIBING, EXECUTING, RESETTING, AWAITING_READY }

    /** The most parameters a Parse, a ParameterDescription or a Bind can count (an unsigned 16-bit number). */
    static final int MAX_ARGUMENTS = 65535;

    private final String sql;
    private final Object[] arguments;
    private final ResultCollector<T> collector;
    private final boolean cacheable;
    private final Resubmitter resubmitter;
    private String portal = "";
    /** The session reset written into this call's flight, or null. */
    private TrailingReset trailingReset;
    private boolean resetWritten;
    private Phase phase;
    private PreparedStatementState statement;
    private PendingStatement pending;
    private boolean usedCachedStatement;
    private boolean usedRememberedDescription;
    private boolean awaitingPortalDescription;
    private boolean bound;
    private boolean skipRows;
    /** Whether the error came from the reset's statements, after the call had run: the call was rolled back with them. */
    private boolean resetFailed;
    private RowDescription columns;
    /** The rows handed to the collector so far. */
    private int rows;
    /** The row read last, whose column offsets the next one may share. */
    private DataRecord lastRow;
    private int closesExpected;
    private String status;
    private RuntimeException error;

    /** Puts a fresh copy of a command back in the connection's queue (for the stale-statement retry). */
    public interface Resubmitter {
        void resubmit(Command<?> command);
    }

    public ExtendedQueryCommand(String sql, Object[] arguments, ResultCollector<T> collector) {
        this(sql, arguments, collector, true, null, null);
    }

    /**
     * @param statement an explicitly prepared statement to run, or null to use the cache
     * @param resubmitter how to retry once on a stale cached statement, or null for no retry
     */
    public ExtendedQueryCommand(String sql, Object[] arguments, ResultCollector<T> collector, boolean cacheable,
            PreparedStatementState statement, Resubmitter resubmitter) {
        this.sql = sql;
        this.arguments = arguments;
        this.collector = collector;
        this.cacheable = cacheable;
        this.statement = statement;
        this.resubmitter = resubmitter;
    }

    /**
     * Binds into a named portal (a cursor) instead of the unnamed one; it stays open after the
     * first rows are fetched, until the transaction ends or it is closed.
     */
    public ExtendedQueryCommand<T> portal(String name) {
        this.portal = name;
        return this;
    }

    /**
     * Writes {@code reset} into the flight that executes the statement, after the call, when the
     * connection allows it (see {@link TrailingReset}); for the pool's one-call methods.
     */
    public ExtendedQueryCommand<T> thenReset(TrailingReset reset) {
        this.trailingReset = reset;
        return this;
    }

    @Override
    public boolean encode(ByteBuf out, CommandContext context) {
        if (arguments.length > MAX_ARGUMENTS) {
            // the protocol counts parameters in 16 bits: more would be miscounted, not refused, by the server
            throw new InterfaceException("the number of query arguments cannot exceed " + MAX_ARGUMENTS + ", got "
                    + arguments.length);
        }
        StatementCache cache = context.statementCache();
        if (statement == null && cacheable) {
            long now = System.nanoTime();
            statement = cache.get(sql, now);
            usedCachedStatement = statement != null;
            if (statement == null) {
                statement = cache.remembered(sql, now);
                usedRememberedDescription = statement != null;
            }
        }
        if (statement != null) {
            checkArgumentCount(statement.parameterCount());
            columns = statement.rowDescription();
            if (usedRememberedDescription) {
                writeParseBindDescribeExecute(out);
            } else {
                writeBindExecute(out);
            }
            writeCloses(out, cache);
            writeTrailingReset(out, context);
            FrontendMessages.sync(out);
            phase = Phase.EXECUTING;
            return true;
        }
        pending = PendingStatement.write(out, sql, cache, cacheable);
        writeCloses(out, cache);
        FrontendMessages.flush(out);
        phase = Phase.DESCRIBING;
        return false;
    }

    /** Closes of evicted statements ride along; written last, as nothing after them can fail. */
    private void writeCloses(ByteBuf out, StatementCache cache) {
        List<String> closable = cache.drainClosable();
        for (String name : closable) {
            FrontendMessages.closeStatement(out, name);
        }
        closesExpected += closable.size();
    }

    /** The reset rides after the Closes, so that its failure cannot skip them. */
    private void writeTrailingReset(ByteBuf out, CommandContext context) {
        if (trailingReset != null && !future.isDone()) {
            resetWritten = trailingReset.write(out, context);
        }
    }

    private void writeParseBindDescribeExecute(ByteBuf out) {
        FrontendMessages.parse(out, "", sql, statement.parameterOids());
        BindWriter.write(out, portal, statement, arguments, true);
        FrontendMessages.describePortal(out, portal);
        FrontendMessages.execute(out, portal, collector.maxRows());
        awaitingPortalDescription = true;
    }

    private void writeBindExecute(ByteBuf out) {
        BindWriter.write(out, portal, statement, arguments);
        FrontendMessages.execute(out, portal, collector.maxRows());
    }

    private void checkArgumentCount(int expected) {
        if (expected != arguments.length) {
            throw new InterfaceException("the server expects " + expected + " argument"
                    + (expected == 1 ? "" : "s") + " for this query, " + arguments.length
                    + (arguments.length == 1 ? " was" : " were") + " passed");
        }
    }

    @Override
    public boolean handle(byte type, ByteBuf body, int end, CommandContext context) {
        if (phase == Phase.DESCRIBING && pending.accepts(type)) {
            PreparedStatementState described = pending.onMessage(type, body, end, context);
            if (described != null) {
                statement = described;
                writeSecondFlight(context);
            }
            return false;
        }
        if (phase == Phase.RESETTING && type != BackendMessage.CLOSE_COMPLETE
                && type != BackendMessage.ERROR_RESPONSE && type != BackendMessage.READY_FOR_QUERY) {
            trailingReset.onMessage(type);
            return false;
        }
        switch (type) {
            case BackendMessage.CLOSE_COMPLETE:
                if (closesExpected-- <= 0) {
                    throw unexpected(type);
                }
                return false;
            case BackendMessage.PARSE_COMPLETE:
                if (!usedRememberedDescription || bound) {
                    throw unexpected(type);
                }
                return false;
            case BackendMessage.BIND_COMPLETE:
                expectPhase(Phase.EXECUTING, type);
                bound = true;
                return false;
            case BackendMessage.ROW_DESCRIPTION:
            case BackendMessage.NO_DATA:
                if (!awaitingPortalDescription || !bound) {
                    throw unexpected(type);
                }
                awaitingPortalDescription = false;
                checkPortalDescription(type, body, end, context);
                return false;
            case BackendMessage.PORTAL_SUSPENDED:
                expectPhase(Phase.EXECUTING, type);
                collector.portalSuspended();
                callAnswered();
                return false;
            case BackendMessage.DATA_ROW:
                expectPhase(Phase.EXECUTING, type);
                if (columns == null || awaitingPortalDescription) {
                    throw unexpected(type);
                }
                if (collector.wantsRows() && !skipRows) {
                    if (rows++ == 0) {
                        collector.expectRows(statement.rowsLastTime());
                    }
                    lastRow = DataRecord.read(columns, body, end, lastRow);
                    collector.row(lastRow);
                }
                return false;
            case BackendMessage.COMMAND_COMPLETE:
                expectPhase(Phase.EXECUTING, type);
                status = Wire.readCString(body, end);
                if (collector.wantsRows() && statement != null) {
                    statement.rememberRows(rows);
                }
                callAnswered();
                return false;
            case BackendMessage.EMPTY_QUERY_RESPONSE:
                expectPhase(Phase.EXECUTING, type);
                status = "";
                callAnswered();
                return false;
            case BackendMessage.COPY_IN_RESPONSE:
            case BackendMessage.COPY_OUT_RESPONSE:
            case BackendMessage.COPY_BOTH_RESPONSE:
                throw new MalformedMessageException("COPY is not carried by fetch or execute with arguments; "
                        + "use the copy methods");
            case BackendMessage.ERROR_RESPONSE:
                error = PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end));
                resetFailed = phase == Phase.RESETTING && trailingReset.raisedTheError();
                if (phase == Phase.DESCRIBING) {
                    pending.failed(context);
                    // the server skips to the next Sync, which we have not sent yet
                    FrontendMessages.sync(context.outBuffer());
                    context.resumeWrites();
                    context.flushSoon();
                }
                phase = Phase.AWAITING_READY;
                return false;
            case BackendMessage.READY_FOR_QUERY:
                if (phase == Phase.DESCRIBING) {
                    throw unexpected(type);
                }
                if (resetWritten) {
                    trailingReset.settled(error != null, context.inTransaction());
                }
                complete(context);
                return true;
            default:
                throw unexpected(type);
        }
    }

    /**
     * The portal's columns, described in the same flight as the execution of a remembered
     * statement: normally the remembered ones; if not, the statement changed since it was
     * described, its rows are read with the new columns and the remembered description is dropped.
     */
    private void checkPortalDescription(byte type, ByteBuf body, int end, CommandContext context) {
        if (type == BackendMessage.ROW_DESCRIPTION) {
            if (columns != null && columns.sameAs(body, end)) {
                return;
            }
            context.statementCache().forget(sql);
            try {
                columns = RowDescription.readPortal(body, end, context.codecs(), context.typesOutdated());
            } catch (ColumnFormatException e) {
                columns = null;
                skipRows = true;
                error = new InterfaceException("the result of " + describe() + " changed since it was last described: "
                        + e.getMessage() + "; run it again");
                return;
            }
        } else {
            if (columns == null) {
                return;
            }
            context.statementCache().forget(sql);
            columns = null;
        }
        statement = statement.withColumns(columns);
    }

    /** The call's own replies are all in: what follows before ReadyForQuery is the reset's. */
    private void callAnswered() {
        if (resetWritten) {
            phase = Phase.RESETTING;
        }
    }

    private void expectPhase(Phase expected, byte type) {
        if (phase != expected) {
            throw unexpected(type);
        }
    }

    private void writeSecondFlight(CommandContext context) {
        ByteBuf out = context.outBuffer();
        int mark = out.writerIndex();
        try {
            if (future.isDone()) {
                throw new IllegalStateException("abandoned by the caller");
            }
            checkArgumentCount(statement.parameterCount());
            columns = statement.rowDescription();
            writeBindExecute(out);
            writeTrailingReset(out, context);
            FrontendMessages.sync(out);
            phase = Phase.EXECUTING;
        } catch (RuntimeException refused) {
            out.writerIndex(mark);
            FrontendMessages.sync(out);
            error = refused;
            phase = Phase.AWAITING_READY;
        }
        context.resumeWrites();
        context.flushSoon();
    }

    private void complete(CommandContext context) {
        if (error != null) {
            boolean repeatable = collector.repeatable();
            if (usedRememberedDescription && error instanceof PostgresException) {
                // the statement may have changed since it was described
                context.statementCache().forget(sql);
                if (repeatable && failedBeforeExecution((PostgresException) error) && resubmitter != null
                        && !context.inTransaction() && !future.isDone()) {
                    resubmitter.resubmit(retry());
                    return;
                }
            }
            if (resetFailed) {
                if (trailingReset.callMayRunAgain(error, sql, status, context.statementCache()) && repeatable
                        && resubmitter != null && !future.isDone()) {
                    // the reset's error rolled the call back with it: the call alone, as its caller asked
                    resubmitter.resubmit(retry());
                    return;
                }
                future.completeExceptionally(error);
                return;
            }
            if (repeatable && isStrayCancel(error, context) && resubmitter != null) {
                resubmitter.resubmit(retry());
                return;
            }
            boolean reliedOnEarlierFlights = usedCachedStatement
                    || (pending != null && pending.lookupBoundAnEarlierParse());
            if (reliedOnEarlierFlights && isStale(error)) {
                forgetStale(error, sql, context.statementCache());
                if (repeatable && resubmitter != null && !context.inTransaction() && !future.isDone()) {
                    resubmitter.resubmit(retry());
                    return;
                }
            }
            future.completeExceptionally(error);
            return;
        }
        T result;
        try {
            result = collector.result(status);
        } catch (RuntimeException e) {
            future.completeExceptionally(e);
            return;
        }
        future.complete(result);
    }

    /**
     * Whether the statement certainly did not run: the error came before BindComplete, or it is
     * the refusal to send a column in binary, which the server checks before executing.
     */
    private boolean failedBeforeExecution(PostgresException e) {
        return !bound || ("42883".equals(e.getSqlState()) && "getTypeBinaryOutputInfo".equals(e.getRoutine()));
    }

    /** A fresh copy of this command, without a trailing reset, that completes this one's future; it is not retried again. */
    private ExtendedQueryCommand<T> retry() {
        return new ExtendedQueryCommand<>(sql, arguments, collector.fresh(), cacheable, null, null).portal(portal)
                .forwardTo(this);
    }

    /** This command as the retry of {@code original} (see {@link #retryOf}). */
    private ExtendedQueryCommand<T> forwardTo(ExtendedQueryCommand<T> original) {
        retryOf(original);
        return this;
    }

    /**
     * A query_canceled error (57014) that a cancel request aimed at an earlier call may have
     * caused, on a call its caller did not cancel, outside a transaction: the server rolled the
     * statement back, so running it again is what the caller asked for. Once: the retry is
     * written after the cancel request was delivered.
     */
    static boolean isStrayCancel(RuntimeException error, CommandContext context, Command<?> command) {
        return error instanceof PostgresException && "57014".equals(((PostgresException) error).getSqlState())
                && !command.future().isDone() && !context.inTransaction()
                && context.mayBeHitByAnEarlierCommandsCancel(command);
    }

    private boolean isStrayCancel(RuntimeException error, CommandContext context) {
        return isStrayCancel(error, context, this);
    }

    /**
     * Forgets a cached statement the server reported stale. One it no longer has (26000), though
     * this connection never closed it and saw no DEALLOCATE ALL or DISCARD ALL, means a pooler runs
     * the connection's transactions on several server sessions: the cache is turned off.
     */
    static void forgetStale(RuntimeException error, String sql, StatementCache cache) {
        if (isMissingStatement(error)) {
            cache.poolerDetected();
        } else {
            cache.invalidate(sql);
        }
    }

    static boolean isMissingStatement(RuntimeException error) {
        return error instanceof PostgresException && "26000".equals(((PostgresException) error).getSqlState());
    }

    /**
     * "cached plan must not change result type" (0A000 from RevalidateCachedQuery) or a statement
     * that no longer exists (26000).
     */
    static boolean isStale(RuntimeException error) {
        if (!(error instanceof PostgresException)) {
            return false;
        }
        PostgresException e = (PostgresException) error;
        return "26000".equals(e.getSqlState())
                || ("0A000".equals(e.getSqlState()) && "RevalidateCachedQuery".equals(e.getRoutine()));
    }

    /** The command status of the execution (e.g. {@code SELECT 3}), once complete. */
    public String status() {
        return status;
    }

    /** The statement this command ran (known once it has been described). */
    public PreparedStatementState statement() {
        return statement;
    }

    @Override
    public String describe() {
        return "query \"" + abbreviate(sql) + "\"";
    }

    static String abbreviate(String sql) {
        return sql.length() <= 60 ? sql : sql.substring(0, 57) + "...";
    }
}
