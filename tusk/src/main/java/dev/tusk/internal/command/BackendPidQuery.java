package dev.tusk.internal.command;

import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.ErrorFieldsReader;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.protocol.MalformedMessageException;
import dev.tusk.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Asks for {@code pg_backend_pid()} in one flight of the simple protocol, so that nothing is
 * prepared on the server. A connection compares the answer with the process id of its
 * BackendKeyData: a pooler in between (PgBouncer, and the others that answer the start-up
 * themselves) hands out a key of its own, so the two differ.
 */
public final class BackendPidQuery extends Command<Integer> {

    private Integer pid;
    private RuntimeException error;

    @Override
    public boolean encode(ByteBuf out, CommandContext context) {
        FrontendMessages.query(out, "SELECT pg_catalog.pg_backend_pid()");
        return true;
    }

    @Override
    public boolean handle(byte type, ByteBuf body, int end, CommandContext context) {
        switch (type) {
            case BackendMessage.ROW_DESCRIPTION:
            case BackendMessage.COMMAND_COMPLETE:
                return false;
            case BackendMessage.DATA_ROW:
                pid = readPid(body, end);
                return false;
            case BackendMessage.ERROR_RESPONSE:
                error = PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end));
                return false;
            case BackendMessage.READY_FOR_QUERY:
                if (error != null) {
                    future.completeExceptionally(error);
                } else if (pid == null) {
                    future.completeExceptionally(new MalformedMessageException("pg_backend_pid() returned no row"));
                } else {
                    future.complete(pid);
                }
                return true;
            default:
                throw unexpected(type);
        }
    }

    private static int readPid(ByteBuf body, int end) {
        int columns = Wire.readShort(body, end);
        int length = Wire.readInt(body, end);
        if (columns != 1 || length < 1 || length > 11) {
            throw new MalformedMessageException("pg_backend_pid() row: " + columns + " columns, first "
                    + length + " bytes");
        }
        Wire.require(body, end, length);
        String text = body.readCharSequence(length, StandardCharsets.US_ASCII).toString();
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new MalformedMessageException("pg_backend_pid() returned \"" + text + "\"");
        }
    }

    @Override
    public String describe() {
        return "pg_backend_pid()";
    }
}
