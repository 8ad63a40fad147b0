package dev.tusk.internal.command;

import dev.tusk.internal.codec.Codec;
import dev.tusk.internal.protocol.BackendMessage;
import dev.tusk.internal.protocol.FrontendMessages;
import dev.tusk.internal.protocol.MalformedMessageException;
import dev.tusk.internal.protocol.RowDescription;
import dev.tusk.internal.protocol.Wire;
import io.netty.buffer.ByteBuf;

/**
 * A statement being parsed and described (Parse, Describe): collects ParseComplete,
 * ParameterDescription and RowDescription/NoData into a {@link PreparedStatementState}, and
 * stores it in the statement cache when it has a name.
 */
final class PendingStatement {

    private final String sql;
    private final String name;
    private final boolean cached;
    private int[] parameterOids;
    private boolean parsed;

    private PendingStatement(String sql, String name, boolean cached) {
        this.sql = sql;
        this.name = name;
        this.cached = cached;
    }

    /** Writes Parse and Describe for a statement the caller names and owns (never cached). */
    static PendingStatement writeNamed(ByteBuf out, String sql, String name) {
        FrontendMessages.parse(out, name, sql);
        FrontendMessages.describeStatement(out, name);
        return new PendingStatement(sql, name, false);
    }

    /**
     * Writes Parse and Describe for {@code sql}, named when the cache will keep it.
     *
     * @param cacheable false for statements that must never be cached (e.g. cursor FETCHes)
     */
    static PendingStatement write(ByteBuf out, String sql, StatementCache cache, boolean cacheable) {
        String name = cacheable && cache.accepts(sql) ? cache.nextName() : "";
        FrontendMessages.parse(out, name, sql);
        FrontendMessages.describeStatement(out, name);
        return new PendingStatement(sql, name, !name.isEmpty());
    }

    /** Whether this message belongs to the description. */
    static boolean isDescription(byte type) {
        return type == BackendMessage.PARSE_COMPLETE || type == BackendMessage.PARAMETER_DESCRIPTION
                || type == BackendMessage.ROW_DESCRIPTION || type == BackendMessage.NO_DATA;
    }

    /** Takes one description message; returns the statement once it is fully described, else null. */
    PreparedStatementState onMessage(byte type, ByteBuf body, int end, CommandContext context) {
        switch (type) {
            case BackendMessage.PARSE_COMPLETE:
                parsed = true;
                return null;
            case BackendMessage.PARAMETER_DESCRIPTION:
                parameterOids = readParameterOids(body, end);
                return null;
            case BackendMessage.ROW_DESCRIPTION:
                return described(RowDescription.read(body, end, context.codecs()), context);
            default:
                return described(null, context);
        }
    }

    private PreparedStatementState described(RowDescription columns, CommandContext context) {
        if (!parsed || parameterOids == null) {
            throw new MalformedMessageException("statement description without ParseComplete and ParameterDescription");
        }
        Codec[] codecs = new Codec[parameterOids.length];
        for (int i = 0; i < codecs.length; i++) {
            codecs[i] = context.codecs().forOid(parameterOids[i]);
        }
        PreparedStatementState state =
                new PreparedStatementState(name, sql, parameterOids, codecs, columns, System.nanoTime());
        if (cached) {
            context.statementCache().put(state);
        }
        return state;
    }

    /** The description failed: a statement the server did parse is closed later. */
    void failed(CommandContext context) {
        if (parsed && cached) {
            context.statementCache().closeLater(name);
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
}
