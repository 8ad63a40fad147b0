package dev.tusk.internal.command;

import dev.tusk.exceptions.PostgresExceptions;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.ErrorFieldsReader;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.protocol.RowDescription;
import dev.tusk.internal.row.DataRecord;
import io.netty.buffer.ByteBuf;

/**
 * Works an open portal (a cursor): Execute for the next {@code maxRows} rows, or Close. One
 * flight each, with its own Sync; the portal lives on as long as the transaction.
 */
public final class PortalCommand<T> extends Command<T> {

    private final String portal;
    private final RowDescription columns;
    /** The row read last, whose column offsets the next one may share. */
    private DataRecord lastRow;
    private final ResultCollector<T> collector;
    private final boolean close;
    private RuntimeException error;

    private PortalCommand(String portal, RowDescription columns, ResultCollector<T> collector, boolean close) {
        this.portal = portal;
        this.columns = columns;
        this.collector = collector;
        this.close = close;
    }

    /** Fetches the portal's next rows ({@code collector.maxRows()} of them, 0 for all). */
    public static <T> PortalCommand<T> execute(String portal, RowDescription columns, ResultCollector<T> collector) {
        return new PortalCommand<>(portal, columns, collector, false);
    }

    /** Closes the portal. */
    public static PortalCommand<String> close(String portal) {
        return new PortalCommand<>(portal, null, ResultCollector.status(), true);
    }

    @Override
    public boolean encode(ByteBuf out, CommandContext context) {
        if (close) {
            FrontendMessages.closePortal(out, portal);
        } else {
            FrontendMessages.execute(out, portal, collector.maxRows());
        }
        FrontendMessages.sync(out);
        return true;
    }

    @Override
    public boolean handle(byte type, ByteBuf body, int end, CommandContext context) {
        switch (type) {
            case BackendMessage.DATA_ROW:
                if (columns == null) {
                    throw unexpected(type);
                }
                lastRow = DataRecord.read(columns, body, end, lastRow);
                collector.row(lastRow);
                return false;
            case BackendMessage.PORTAL_SUSPENDED:
                collector.portalSuspended();
                return false;
            case BackendMessage.COMMAND_COMPLETE:
            case BackendMessage.CLOSE_COMPLETE:
            case BackendMessage.EMPTY_QUERY_RESPONSE:
                return false;
            case BackendMessage.ERROR_RESPONSE:
                error = PostgresExceptions.fromFields(ErrorFieldsReader.read(body, end));
                return false;
            case BackendMessage.READY_FOR_QUERY:
                if (error != null) {
                    future.completeExceptionally(error);
                } else {
                    future.complete(collector.result(close ? "CLOSE" : null));
                }
                return true;
            default:
                throw unexpected(type);
        }
    }

    @Override
    public String describe() {
        return (close ? "close of portal " : "fetch from portal ") + portal;
    }
}
