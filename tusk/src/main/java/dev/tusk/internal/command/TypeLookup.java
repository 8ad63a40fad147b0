package dev.tusk.internal.command;

import dev.tusk.Record;
import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.codec.Oids;
import dev.tusk.internal.codec.TypeIntrospection;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.protocol.MalformedMessageException;
import dev.tusk.internal.protocol.RowDescription;
import dev.tusk.internal.protocol.Wire;
import dev.tusk.internal.row.DataRecord;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.List;

/**
 * Asks the server about types Tusk has no codec for (enums, composites, domains, ranges, extension
 * types, arrays of them), inside the flight of the statement that uses them: Parse (once per
 * connection), Bind, Describe, Execute and Flush of {@link TypeIntrospection#QUERY}. The answer
 * extends the connection's codec registry before the statement's arguments are encoded.
 *
 * <p>When the connection keeps no named statements (its cache is off, as behind a pooler in
 * transaction mode), the lookup parses its statement in the flight and closes it after the
 * Execute, so that it never relies on a server session the next flight may not reach.
 */
final class TypeLookup {

    private final int[] oids;
    private final boolean closesItsStatement;
    private final boolean bindsAnEarlierParse;
    private final List<Record> rows = new ArrayList<>();
    private RowDescription columns;
    private boolean learned;
    private boolean complete;

    private TypeLookup(int[] oids, boolean closesItsStatement, boolean bindsAnEarlierParse) {
        this.oids = oids;
        this.closesItsStatement = closesItsStatement;
        this.bindsAnEarlierParse = bindsAnEarlierParse;
    }

    /** Whether the lookup binds a statement parsed in an earlier flight, on the session it hopes is the same. */
    boolean bindsAnEarlierParse() {
        return bindsAnEarlierParse;
    }

    /** The lookup statement's name on the server: the connection's own, as the cache's names. */
    static String statementName(StatementCache cache) {
        return cache.namePrefix() + "types";
    }

    /** Writes the lookup of {@code oids} (no Sync: it rides in the current flight). */
    static TypeLookup write(ByteBuf out, CommandContext context, int[] oids) {
        String statement = statementName(context.statementCache());
        boolean keep = context.statementCache().keepsNamedStatements();
        boolean parse = !keep || !context.typeLookupPrepared();
        if (parse) {
            FrontendMessages.parse(out, statement, TypeIntrospection.QUERY);
            context.typeLookupPrepared(keep);
        }
        int lengthIndex = Wire.beginMessage(out, (byte) 'B');
        Wire.writeCString(out, "");
        Wire.writeCString(out, statement);
        out.writeShort(1);
        out.writeShort(Codec.BINARY_FORMAT);
        out.writeShort(1);
        int valueIndex = out.writerIndex();
        out.writeInt(0);
        List<Long> requested = new ArrayList<>(oids.length);
        for (int oid : oids) {
            requested.add(Integer.toUnsignedLong(oid));
        }
        context.codecs().forOid(Oids.OID_ARRAY).encode(requested, out);
        out.setInt(valueIndex, out.writerIndex() - valueIndex - 4);
        out.writeShort(1);
        out.writeShort(Codec.BINARY_FORMAT);
        Wire.endMessage(out, lengthIndex);
        FrontendMessages.describePortal(out, "");
        FrontendMessages.execute(out, "", 0);
        if (!keep) {
            FrontendMessages.closeStatement(out, statement);
        }
        FrontendMessages.flush(out);
        return new TypeLookup(oids, !keep, !parse);
    }

    /**
     * Whether this reply is the lookup's. A CloseComplete is only once its rows are in: one before
     * that answers a Close written ahead of the lookup, in the statement's first flight.
     */
    boolean accepts(byte type) {
        switch (type) {
            case BackendMessage.PARSE_COMPLETE:
            case BackendMessage.BIND_COMPLETE:
            case BackendMessage.ROW_DESCRIPTION:
            case BackendMessage.DATA_ROW:
            case BackendMessage.COMMAND_COMPLETE:
                return true;
            case BackendMessage.CLOSE_COMPLETE:
                return closesItsStatement && learned;
            default:
                return false;
        }
    }

    /** Takes one reply; returns true once the whole answer is in and the registry extended. */
    boolean onMessage(byte type, ByteBuf body, int end, CommandContext context) {
        switch (type) {
            case BackendMessage.ROW_DESCRIPTION:
                columns = RowDescription.read(body, end, context.codecs(), context.typesOutdated());
                return false;
            case BackendMessage.DATA_ROW:
                if (columns == null) {
                    throw new MalformedMessageException("type lookup row before its RowDescription");
                }
                rows.add(DataRecord.read(columns, body, end));
                return false;
            case BackendMessage.COMMAND_COMPLETE:
                context.typesLearned(TypeIntrospection.fromRows(rows), oids);
                learned = true;
                complete = !closesItsStatement;
                return complete;
            case BackendMessage.CLOSE_COMPLETE:
                if (!closesItsStatement) {
                    throw new MalformedMessageException("CloseComplete in a type lookup that closed nothing");
                }
                complete = true;
                return true;
            default:
                return false;
        }
    }

    boolean isComplete() {
        return complete;
    }
}
