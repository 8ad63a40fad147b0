package dev.tusk.internal.command;

import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.ErrorFieldsReader;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * A script of one or more statements without parameters, through the simple protocol (a Query
 * message). Completes with the status of the last statement, as asyncpg's {@code execute}.
 * Rows that the script returns are skipped.
 */
public final class SimpleQueryCommand extends Command<String> {

    private static final byte[] COPY_IN_REFUSAL =
            "COPY FROM STDIN is not carried by execute(); use copyToTable".getBytes(StandardCharsets.UTF_8);

    private final String sql;
    private String status = "";
    private RuntimeException error;

    public SimpleQueryCommand(String sql) {
        this.sql = sql;
    }

    @Override
    public boolean encode(ByteBuf out, CommandContext context) {
        FrontendMessages.query(out, sql);
        return true;
    }

    @Override
    public boolean handle(byte type, ByteBuf body, int end, CommandContext context) {
        switch (type) {
            case BackendMessage.ROW_DESCRIPTION:
            case BackendMessage.DATA_ROW:
            case BackendMessage.COPY_DATA:
            case BackendMessage.COPY_DONE:
                return false;
            case BackendMessage.COPY_OUT_RESPONSE:
                return false;
            case BackendMessage.COPY_IN_RESPONSE:
                ByteBuf out = context.outBuffer();
                int lengthIndex = Wire.beginMessage(out, (byte) 'f');
                out.writeBytes(COPY_IN_REFUSAL);
                out.writeByte(0);
                Wire.endMessage(out, lengthIndex);
                context.flushSoon();
                return false;
            case BackendMessage.COMMAND_COMPLETE:
                status = Wire.readCString(body, end);
                return false;
            case BackendMessage.EMPTY_QUERY_RESPONSE:
                return false;
            case BackendMessage.ERROR_RESPONSE:
                if (error == null) {
                    error = PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end));
                }
                return false;
            case BackendMessage.READY_FOR_QUERY:
                if (error != null && isSingleStatement(sql)
                        && ExtendedQueryCommand.isStrayCancel(error, context, this)) {
                    context.resubmit(retry());
                    return true;
                }
                if (error != null) {
                    future.completeExceptionally(error);
                } else {
                    future.complete(status);
                }
                return true;
            default:
                throw unexpected(type);
        }
    }

    /**
     * Without a semicolon the script is one statement, which the server rolled back as a whole
     * when it failed outside a transaction; a script of several may have committed some of them
     * (a COMMIT inside it), so it is never run again.
     */
    private static boolean isSingleStatement(String sql) {
        return sql.indexOf(';') < 0;
    }

    /** A fresh copy that completes this command's future. */
    private SimpleQueryCommand retry() {
        SimpleQueryCommand retry = new SimpleQueryCommand(sql);
        retry.retryOf(this);
        return retry;
    }

    @Override
    public String describe() {
        return "script \"" + ExtendedQueryCommand.abbreviate(sql) + "\"";
    }
}
