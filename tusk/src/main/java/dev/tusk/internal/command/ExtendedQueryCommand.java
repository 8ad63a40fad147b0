package dev.tusk.internal.command;

import dev.tusk.exceptions.InterfaceException;
import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.ErrorFieldsReader;
import dev.tusk.internal.protocol.FrontendMessages;
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
 */
public final class ExtendedQueryCommand<T> extends Command<T> {

    private enum Phase { DESCRIBING, EXECUTING, AWAITING_READY }

    private final String sql;
    private final Object[] arguments;
    private final ResultCollector<T> collector;
    private Phase phase;
    private PreparedStatementState statement;
    private String pendingName;
    private int[] parameterOids;
    private boolean parsed;
    private int closesExpected;
    private String status;
    private RuntimeException error;

    public ExtendedQueryCommand(String sql, Object[] arguments, ResultCollector<T> collector) {
        this.sql = sql;
        this.arguments = arguments;
        this.collector = collector;
    }

    @Override
    public boolean encode(ByteBuf out, CommandContext context) {
        StatementCache cache = context.statementCache();
        statement = cache.get(sql, System.nanoTime());
        if (statement != null) {
            checkArgumentCount(statement.parameterCount());
            writeBindExecute(out);
            writeCloses(out, cache);
            FrontendMessages.sync(out);
            phase = Phase.EXECUTING;
            return true;
        }
        pendingName = cache.accepts(sql) ? cache.nextName() : "";
        FrontendMessages.parse(out, pendingName, sql);
        FrontendMessages.describeStatement(out, pendingName);
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

    private void writeBindExecute(ByteBuf out) {
        BindWriter.write(out, "", statement, arguments);
        FrontendMessages.execute(out, "", collector.maxRows());
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
        switch (type) {
            case BackendMessage.CLOSE_COMPLETE:
                if (closesExpected-- <= 0) {
                    throw unexpected(type);
                }
                return false;
            case BackendMessage.PARSE_COMPLETE:
                expectPhase(Phase.DESCRIBING, type);
                parsed = true;
                return false;
            case BackendMessage.PARAMETER_DESCRIPTION:
                expectPhase(Phase.DESCRIBING, type);
                parameterOids = readParameterOids(body, end);
                return false;
            case BackendMessage.ROW_DESCRIPTION:
                expectPhase(Phase.DESCRIBING, type);
                described(RowDescription.read(body, end, context.codecs()), context);
                return false;
            case BackendMessage.NO_DATA:
                expectPhase(Phase.DESCRIBING, type);
                described(null, context);
                return false;
            case BackendMessage.BIND_COMPLETE:
                expectPhase(Phase.EXECUTING, type);
                return false;
            case BackendMessage.DATA_ROW:
                expectPhase(Phase.EXECUTING, type);
                if (statement.rowDescription() == null) {
                    throw unexpected(type);
                }
                if (collector.wantsRows()) {
                    collector.row(DataRecord.read(statement.rowDescription(), body, end));
                }
                return false;
            case BackendMessage.COMMAND_COMPLETE:
                expectPhase(Phase.EXECUTING, type);
                status = Wire.readCString(body, end);
                return false;
            case BackendMessage.EMPTY_QUERY_RESPONSE:
                expectPhase(Phase.EXECUTING, type);
                status = "";
                return false;
            case BackendMessage.PORTAL_SUSPENDED:
                expectPhase(Phase.EXECUTING, type);
                return false;
            case BackendMessage.COPY_IN_RESPONSE:
            case BackendMessage.COPY_OUT_RESPONSE:
            case BackendMessage.COPY_BOTH_RESPONSE:
                throw new dev.tusk.internal.protocol.MalformedMessageException(
                        "COPY is not carried by fetch or execute with arguments");
            case BackendMessage.ERROR_RESPONSE:
                error = PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end));
                if (phase == Phase.DESCRIBING) {
                    if (parsed && !pendingName.isEmpty()) {
                        context.statementCache().closeLater(pendingName);
                    }
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
                complete();
                return true;
            default:
                throw unexpected(type);
        }
    }

    private void expectPhase(Phase expected, byte type) {
        if (phase != expected) {
            throw unexpected(type);
        }
    }

    private static int[] readParameterOids(ByteBuf body, int end) {
        int count = Wire.readShort(body, end) & 0xFFFF;
        Wire.require(body, end, 4L * count);
        int[] oids = new int[count];
        for (int i = 0; i < count; i++) {
            oids[i] = body.readInt();
        }
        return oids;
    }

    private void described(RowDescription columns, CommandContext context) {
        if (parameterOids == null) {
            throw new dev.tusk.internal.protocol.MalformedMessageException(
                    "statement description without ParameterDescription");
        }
        Codec[] codecs = new Codec[parameterOids.length];
        for (int i = 0; i < codecs.length; i++) {
            codecs[i] = context.codecs().forOid(parameterOids[i]);
        }
        statement = new PreparedStatementState(pendingName, sql, parameterOids, codecs, columns, System.nanoTime());
        if (!pendingName.isEmpty()) {
            context.statementCache().put(statement);
        }
        ByteBuf out = context.outBuffer();
        int mark = out.writerIndex();
        try {
            checkArgumentCount(parameterOids.length);
            writeBindExecute(out);
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

    private void complete() {
        if (error != null) {
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

    @Override
    public String describe() {
        return "query \"" + abbreviate(sql) + "\"";
    }

    static String abbreviate(String sql) {
        return sql.length() <= 60 ? sql : sql.substring(0, 57) + "...";
    }
}
