package dev.tusk.internal.command;

import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.ErrorFieldsReader;
import dev.tusk.internal.protocol.FrontendMessages;
import io.netty.buffer.ByteBuf;

/**
 * Prepares a named statement for the caller to keep (asyncpg's {@code prepare()}): Parse,
 * Describe, Sync. Closing it is the caller's business ({@link #close(String)}).
 */
public final class PrepareCommand extends Command<PreparedStatementState> {

    private final String sql;
    private final String name;
    private final boolean closing;
    private PendingStatement pending;
    private PreparedStatementState described;
    private RuntimeException error;

    private PrepareCommand(String sql, String name, boolean closing) {
        this.sql = sql;
        this.name = name;
        this.closing = closing;
    }

    public static PrepareCommand prepare(String sql, String name) {
        return new PrepareCommand(sql, name, false);
    }

    /** Closes a statement prepared by {@link #prepare}; completes with null. */
    public static PrepareCommand close(String name) {
        return new PrepareCommand(null, name, true);
    }

    @Override
    public boolean encode(ByteBuf out, CommandContext context) {
        if (closing) {
            FrontendMessages.closeStatement(out, name);
            FrontendMessages.sync(out);
            return true;
        }
        pending = PendingStatement.writeNamed(out, sql, name);
        FrontendMessages.flush(out);
        return false;
    }

    @Override
    public boolean handle(byte type, ByteBuf body, int end, CommandContext context) {
        if (!closing && described == null && error == null && pending.accepts(type)) {
            PreparedStatementState state = pending.onMessage(type, body, end, context);
            if (state != null) {
                described = state;
                FrontendMessages.sync(context.outBuffer());
                context.resumeWrites();
                context.flushSoon();
            }
            return false;
        }
        switch (type) {
            case BackendMessage.CLOSE_COMPLETE:
                if (!closing) {
                    throw unexpected(type);
                }
                return false;
            case BackendMessage.ERROR_RESPONSE:
                error = PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end));
                if (!closing && described == null) {
                    // the server skips to the next Sync, which we have not sent yet
                    FrontendMessages.sync(context.outBuffer());
                    context.resumeWrites();
                    context.flushSoon();
                }
                return false;
            case BackendMessage.READY_FOR_QUERY:
                if (error != null) {
                    future.completeExceptionally(error);
                } else {
                    future.complete(described);
                }
                return true;
            default:
                throw unexpected(type);
        }
    }

    @Override
    public String describe() {
        return closing ? "close of statement " + name : "prepare \"" + ExtendedQueryCommand.abbreviate(sql) + "\"";
    }
}
