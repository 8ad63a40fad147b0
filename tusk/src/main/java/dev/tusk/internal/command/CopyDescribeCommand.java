package dev.tusk.internal.command;

import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.ErrorFieldsReader;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.protocol.MalformedMessageException;
import dev.tusk.internal.protocol.RowDescription;
import io.netty.buffer.ByteBuf;

/**
 * Learns the column types a COPY of records must encode: Parse and Describe of a query selecting
 * those columns, then Sync, without executing it. The server reports each column's type OID (a
 * domain as its base type, which is the binary form COPY expects).
 */
public final class CopyDescribeCommand extends Command<RowDescription> {

    private final String sql;
    private RowDescription columns;
    private RuntimeException error;

    public CopyDescribeCommand(String sql) {
        this.sql = sql;
    }

    @Override
    public boolean encode(ByteBuf out, CommandContext context) {
        FrontendMessages.parse(out, "", sql);
        FrontendMessages.describeStatement(out, "");
        FrontendMessages.sync(out);
        return true;
    }

    @Override
    public boolean handle(byte type, ByteBuf body, int end, CommandContext context) {
        switch (type) {
            case BackendMessage.PARSE_COMPLETE:
            case BackendMessage.PARAMETER_DESCRIPTION:
                return false;
            case BackendMessage.ROW_DESCRIPTION:
                columns = RowDescription.read(body, end, context.codecs(), context.typesOutdated());
                return false;
            case BackendMessage.NO_DATA:
                throw new MalformedMessageException("NoData for the column query of a COPY");
            case BackendMessage.ERROR_RESPONSE:
                error = PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end));
                return false;
            case BackendMessage.READY_FOR_QUERY:
                if (error != null) {
                    future.completeExceptionally(error);
                } else if (columns == null) {
                    throw unexpected(type);
                } else {
                    future.complete(columns);
                }
                return true;
            default:
                throw unexpected(type);
        }
    }

    @Override
    public String describe() {
        return "copy column description \"" + ExtendedQueryCommand.abbreviate(sql) + "\"";
    }
}
